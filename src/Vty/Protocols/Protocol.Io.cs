using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Vty.Diagnostics;
using Vty.Drivers;
using Vty.Matching;

namespace Vty.Protocols;

public abstract partial class Protocol
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Sends <paramref name="data"/> as it is (no line ending) and returns without waiting for an answer.</summary>
    public Task SendAsync(string data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Channel.SendAsync(data, secret: false, cancellationToken);
    }

    /// <summary>Sends <paramref name="line"/> followed by the line ending, without waiting for an answer.</summary>
    public Task SendLineAsync(string line, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        NoteTyped(line);
        return Channel.SendAsync(line + LineEnding, secret: false, cancellationToken);
    }

    /// <summary>Sends a secret (a password a task must type) plus the line ending; it never reaches a log or the transcript.</summary>
    public Task SendSecretLineAsync(string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Channel.SendAsync(secret + LineEnding, secret: true, cancellationToken);
    }

    /// <summary>Runs <paramref name="command"/> and waits for the prompt (see <see cref="ExecuteAsync(string, ExecuteOptions?, CancellationToken)"/>).</summary>
    public Task<CommandResult> ExecuteAsync(string command, CancellationToken cancellationToken = default) =>
        ExecuteAsync(command, (ExecuteOptions?)null, cancellationToken);

    /// <summary>Runs <paramref name="command"/> with a total time limit of <paramref name="timeout"/>.</summary>
    public Task<CommandResult> ExecuteAsync(string command, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ExecuteAsync(command, new ExecuteOptions { Timeout = timeout }, cancellationToken);

    /// <summary>
    /// Sends <paramref name="command"/> and the line ending, answers the pager, waits for the
    /// prompt and returns the output without the echoed command and the prompt. Output received
    /// before the command was sent is discarded first, so the result belongs to this command.
    /// </summary>
    /// <exception cref="CommandErrorException">An output line matched the error patterns (unless <see cref="ExecuteOptions.CheckErrors"/> is off).</exception>
    /// <exception cref="ExpectTimeoutException">No prompt in time; carries what was received.</exception>
    /// <exception cref="ConnectionClosedException">The device closed the session.</exception>
    public Task<CommandResult> ExecuteAsync(string command, ExecuteOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ObserveAsync("vty.command", VtyMetrics.CommandDuration, command, () => ExecuteCoreAsync(command, options ?? new ExecuteOptions(), cancellationToken));
    }

    private async Task<CommandResult> ExecuteCoreAsync(string command, ExecuteOptions options, CancellationToken cancellationToken)
    {
        var channel = Channel;
        TimeSpan timeout = options.Timeout ?? Options.CommandTimeout;
        bool infinite = timeout == Timeout.InfiniteTimeSpan;
        long deadline = infinite ? long.MaxValue : Environment.TickCount64 + (long)timeout.TotalMilliseconds;

        channel.Flush();
        Logger.LogDebug("{Host}: execute '{Command}'", Host, command);
        NoteTyped(command);
        await channel.SendAsync(command + LineEnding, secret: false, cancellationToken).ConfigureAwait(false);

        var driver = Driver;
        var targets = options.Until ?? PromptPatterns;
        var patterns = CommandPatterns(targets, PromptFilter());
        if (options.AnswerPager && driver.PagerPattern is { } pager)
            patterns.Add(new MatchPattern(pager, MatchScope.CurrentLine));

        var output = new List<string>(1);
        var raw = new List<ReceivedBytes>(1);
        // A command answered by one prompt (no pager) has its output cut out of the buffer in
        // place: the result string is the only copy of the text.
        BeforeRange firstPiece = (buffer, index, from, to) =>
            index < targets.Count ? CommandOutput.OutputRange(buffer, command, options.StripEcho, from, to) : (from, to);
        ScanHit hit;
        while (true)
        {
            TimeSpan remaining = infinite ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64));
            try
            {
                hit = await channel.WaitForMatchAsync(patterns, consume: true, null, output.Count == 0 ? firstPiece : null, remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (ExpectTimeoutException ex) when (options.Until is null)
            {
                throw NoPrompt(command, timeout, ex);
            }

            raw.Add(hit.Raw);
            if (hit.PatternIndex < targets.Count)
            {
                output.Add(hit.Before);
                if (patterns[hit.PatternIndex].Filter is not null)
                    FollowPromptChange(hit.Line ?? hit.Match.Value);
                else if (options.Until is null)
                    RelearnPromptIfAllowed(hit.Line ?? hit.Match.Value);
                break;
            }

            // The pager line is erased by the device; text before the marker on that line is part of it.
            output.Add(hit.Before[..(hit.Before.LastIndexOf('\n') + 1)]);
            Logger.LogTrace("{Host}: answering the pager", Host);
            await channel.SendAsync(driver.PagerAnswer, secret: false, cancellationToken).ConfigureAwait(false);
        }

        string text = output.Count == 1 ? output[0] : CommandOutput.Normalize(command, string.Concat(output), options.StripEcho);
        var result = raw.Count == 1
            ? new CommandResult(command, text, hit.Match.Value, hit.Match, raw[0])
            : new CommandResult(command, text, hit.Match.Value, hit.Match, ReceivedBytes.Concat(raw));
        if (options.CheckErrors && CommandOutput.FindError(text, ErrorPatterns) is { } error)
            throw new CommandErrorException(command, error, result);
        return result;
    }

    /// <summary>Waits for <paramref name="pattern"/> (a regular expression) and consumes the text up to and including the match.</summary>
    public Task<ExpectResult> ExpectAsync(string pattern, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ExpectAsync([Compile(pattern)], timeout, cancellationToken);

    /// <summary>Waits for <paramref name="pattern"/> and consumes the text up to and including the match.</summary>
    public Task<ExpectResult> ExpectAsync(Regex pattern, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ExpectAsync([pattern], timeout, cancellationToken);

    /// <summary>
    /// Waits for the first (earliest) match of any of <paramref name="patterns"/> in the text
    /// received since the last consumed position and consumes through it.
    /// <see cref="ExpectResult.Index"/> tells which pattern matched.
    /// </summary>
    public Task<ExpectResult> ExpectAsync(IEnumerable<Regex> patterns, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        MatchAsync(patterns, consume: true, timeout, cancellationToken);

    /// <summary>Like <see cref="ExpectAsync(string, TimeSpan?, CancellationToken)"/> but leaves the buffer untouched.</summary>
    public Task<ExpectResult> WaitForAsync(string pattern, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitForAsync([Compile(pattern)], timeout, cancellationToken);

    /// <summary>Like <see cref="ExpectAsync(Regex, TimeSpan?, CancellationToken)"/> but leaves the buffer untouched.</summary>
    public Task<ExpectResult> WaitForAsync(Regex pattern, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitForAsync([pattern], timeout, cancellationToken);

    /// <summary>
    /// Waits until one of <paramref name="patterns"/> matches, without consuming anything: a
    /// following Expect or WaitFor sees the same text again.
    /// </summary>
    public Task<ExpectResult> WaitForAsync(IEnumerable<Regex> patterns, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        MatchAsync(patterns, consume: false, timeout, cancellationToken);

    /// <summary>
    /// Waits for the command prompt (on the current line) and consumes through it. When the text
    /// before it contains an error line (the first line, the echo, excepted) it throws
    /// <see cref="CommandErrorException"/>.
    /// </summary>
    public async Task<ExpectResult> ExpectPromptAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var prompts = PromptPatterns;
        var hit = await Channel.WaitForMatchAsync(MatchPattern.CurrentLine(prompts), consume: true, null, timeout ?? Options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        var result = new ExpectResult(hit.PatternIndex, prompts[hit.PatternIndex], hit.Match, hit.Before) { RawBytes = hit.RawBytes };
        string output = CommandOutput.Normalize("", hit.Before, stripEcho: false);
        int firstBreak = output.IndexOf('\n', StringComparison.Ordinal);
        string afterEcho = firstBreak < 0 ? "" : output[(firstBreak + 1)..];
        if (CommandOutput.FindError(afterEcho, ErrorPatterns) is { } error)
            throw new CommandErrorException(output.Length > 0 && firstBreak > 0 ? output[..firstBreak].Trim() : "", error, new CommandResult("", output, hit.Match.Value, hit.Match, hit.RawBytes));
        return result;
    }

    /// <summary>Stops the Expect/WaitFor/Execute in progress, which throws <see cref="ExpectCancelledException"/>. Safe from event handlers.</summary>
    public void CancelExpect() => _channel?.CancelExpect();

    /// <summary>Drops everything received and not yet consumed.</summary>
    public void Flush() => Channel.Flush();

    /// <summary>
    /// Calls <paramref name="callback"/> whenever <paramref name="pattern"/> matches new data
    /// (within the last <paramref name="limit"/> characters of each arrival), independently of
    /// Expect/Execute. Dispose the result to stop. The callback runs on the read loop: keep it short
    /// and do not wait for output in it. Data arrives in pieces, so end the pattern with a
    /// delimiter (a line end, a comma) when partial text would also match.
    /// </summary>
    public IDisposable AddMonitor(Regex pattern, Action<MonitorMatch> callback, int limit = 80)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Channel.AddMonitor(pattern, (regex, match) => callback(new MonitorMatch(this, regex, match)), limit);
    }

    /// <summary>Monitor with a pattern given as text (see <see cref="AddMonitor(Regex, Action{MonitorMatch}, int)"/>).</summary>
    public IDisposable AddMonitor(string pattern, Action<MonitorMatch> callback, int limit = 80) =>
        AddMonitor(Compile(pattern), callback, limit);

    private async Task<ExpectResult> MatchAsync(IEnumerable<Regex> patterns, bool consume, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var list = patterns.ToArray();
        var hit = await Channel.WaitForMatchAsync(list, consume, null, timeout ?? Options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        return new ExpectResult(hit.PatternIndex, list[hit.PatternIndex], hit.Match, hit.Before) { RawBytes = hit.RawBytes };
    }

    /// <summary>
    /// A command that got no prompt back: says what was on the last line, which driver was in use
    /// and how it was chosen, and what to try. The awaited patterns go to the debug log only.
    /// </summary>
    private ExpectTimeoutException NoPrompt(string command, TimeSpan timeout, ExpectTimeoutException ex)
    {
        Logger.LogDebug("{Host}: no prompt for '{Command}'; awaited {Patterns}", Host, command, string.Join(" | ", ex.Patterns));
        string tail = ex.ReceivedTail.TrimEnd('\n', ' ');
        string last = tail[(tail.LastIndexOf('\n') + 1)..].Trim();
        if (last.Length > 120)
            last = "…" + last[^120..];
        Driver driver = Driver;
        string how = IsDriverAutomatic ? (DriverSelection?.Method == DriverSelectionMethod.Probed ? "found by probing" : "guessed") : "named";
        string hint = driver.Name == _catalog.Generic.Name
            ? "name the platform with --driver (for example --driver ios; vty driver list shows them)"
            : IsDriverAutomatic
                ? $"if this is not a {driver.Description} device, name the platform with --driver (vty driver list shows them)"
                : $"check that '{driver.Name}' is this platform's driver, or try --driver auto";
        string pager = driver.IsPager(last) ? "" : LooksLikePager(last) ? " The last line looks like a pager the driver does not answer." : "";
        string message = $"No prompt after {timeout.TotalSeconds:0.###} s for '{command}' on {Host}; last line '{(last.Length == 0 ? "(empty)" : last)}'; " +
            $"the driver is '{driver.Name}' ({how}) — {hint}, or allow more time for slow commands.{pager}{ForeignPromptNote(last)}";
        return new ExpectTimeoutException(message, ex.Timeout, ex.Patterns, ex.ReceivedTail, ex);
    }

    private bool LooksLikePager(string line) => _catalog.Generic.IsPager(line);

    private static Regex Compile(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
    }
}
