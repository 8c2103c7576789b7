using System.Text;
using System.Text.RegularExpressions;
using Vty.Drivers;
using Vty.Protocols;

namespace Vty.Devices;

/// <summary>
/// Netmiko-style operations on a logged-in session: commands with an optional expect pattern,
/// timing-based reads, configuration sets, enable, config mode, commit and save, all driven by
/// the session's driver (its mode prompts, config commands, error patterns and pager).
/// </summary>
public sealed partial class DeviceSession : IAsyncDisposable
{
    private static readonly TimeSpan DefaultCommitTimeout = TimeSpan.FromMinutes(2);
    private readonly bool _ownsProtocol;
    private readonly IDisposable? _lease;

    /// <summary>Wraps a connected, logged-in protocol; <paramref name="ownsProtocol"/>: dispose it with this session.</summary>
    public DeviceSession(Protocol protocol, bool ownsProtocol = true)
        : this(protocol, ownsProtocol, lease: null)
    {
    }

    /// <summary>As above; <paramref name="lease"/> (an account lease) is returned when the session is disposed.</summary>
    public DeviceSession(Protocol protocol, bool ownsProtocol, IDisposable? lease)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        Protocol = protocol;
        _ownsProtocol = ownsProtocol;
        _lease = lease;
    }

    /// <summary>The underlying session (Execute, Expect, Send, …).</summary>
    public Protocol Protocol { get; }

    /// <summary>The driver in use (guessed or named).</summary>
    public Driver Driver => Protocol.Driver;

    /// <summary>The prompt the last operation ended at, or null before the first command.</summary>
    public string? LastPrompt { get; private set; }

    /// <summary>The mode the device's current prompt shows (<c>user</c>, <c>privileged</c>, <c>config</c>, …) per the driver, or null.</summary>
    public string? Mode
    {
        get
        {
            // The channel's current line is the prompt the device shows now, consumed or not.
            string? prompt = Protocol.IsConnected ? Protocol.Channel.CurrentLine : LastPrompt;
            return string.IsNullOrWhiteSpace(prompt) ? null : Protocol.ModeOfPrompt(Driver, prompt.Trim('\r', '\n'))?.Name;
        }
    }

    /// <summary>True when the last prompt is a configuration-mode prompt (a mode of kind config).</summary>
    public bool InConfigMode => Mode is string m && Driver.GetMode(m)?.Kind == ModeKind.Config;

    /// <summary>
    /// Runs a command and returns its output (echo and prompt removed, pager answered). With
    /// <paramref name="expectPattern"/>, waits for that regex instead of the prompt (e.g. a question).
    /// </summary>
    /// <exception cref="CommandErrorException">The device rejected the command; carries its message.</exception>
    /// <exception cref="ExpectTimeoutException">Nothing matched within <paramref name="readTimeout"/>.</exception>
    public async Task<string> SendCommandAsync(string command, string? expectPattern = null, TimeSpan? readTimeout = null, CancellationToken cancellationToken = default)
    {
        CommandResult result = await ExecuteAsync(command, expectPattern is null ? null : [CompileUserPattern(expectPattern)], readTimeout, checkErrors: true, cancellationToken).ConfigureAwait(false);
        return result.Output;
    }

    /// <summary>Runs a command and returns the full result (output, prompt, raw bytes).</summary>
    public Task<CommandResult> SendCommandResultAsync(string command, TimeSpan? readTimeout = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(command, null, readTimeout, checkErrors: true, cancellationToken);

    /// <summary>
    /// Sends a command and reads until the device has been silent for <paramref name="silence"/>
    /// (default 2 s) or <paramref name="maxWait"/> passed (default 2 min), for output that ends
    /// in no recognisable prompt. Returns everything received (echo removed, prompt kept); the
    /// pager is answered. No error checking: the caller reads the text.
    /// </summary>
    public async Task<string> SendCommandTimingAsync(string command, TimeSpan? silence = null, TimeSpan? maxWait = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        long quietMs = (long)(silence ?? TimeSpan.FromSeconds(2)).TotalMilliseconds;
        long start = Environment.TickCount64;
        long deadline = start + (long)(maxWait ?? TimeSpan.FromMinutes(2)).TotalMilliseconds;
        long lastData = start;
        void OnData(object? sender, DataReceivedEventArgs e) => Volatile.Write(ref lastData, Environment.TickCount64);

        var output = new StringBuilder();
        Protocol.DataReceived += OnData;
        try
        {
            Protocol.Flush();
            await Protocol.SendLineAsync(command, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                long now = Environment.TickCount64;
                long quietFor = now - Volatile.Read(ref lastData);
                if (quietFor >= quietMs || now >= deadline)
                {
                    ExpectResult drained = await Protocol.ExpectAsync(EndOfBuffer(), TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
                    output.Append(drained.Before);
                    string tail = LastLine(output);
                    if (now < deadline && Driver.IsPager(tail))
                    {
                        output.Length -= tail.Length;
                        await Protocol.SendAsync(Driver.PagerAnswer, cancellationToken).ConfigureAwait(false);
                        Volatile.Write(ref lastData, Environment.TickCount64);
                        continue;
                    }
                    break;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(quietMs - quietFor, deadline - now)), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Protocol.DataReceived -= OnData;
        }
        return CommandOutput.Normalize(command, output.ToString(), stripEcho: true);
    }

    /// <summary>Waits for <paramref name="pattern"/> (a regex) in the output and returns the text before it (for send/expect dialogs).</summary>
    public async Task<string> ExpectAsync(string pattern, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ExpectResult result = await Protocol.ExpectAsync(CompileUserPattern(pattern), timeout, cancellationToken).ConfigureAwait(false);
        return result.Before;
    }

    /// <summary>
    /// Enters privileged mode (the driver's way to its privileged mode, answering the enable password
    /// prompt); does nothing when already there or when privileges come with the account.
    /// </summary>
    /// <exception cref="ModeChangeFailedException">The driver cannot raise privileges (the generic driver) or found no way.</exception>
    /// <exception cref="LoginFailedException">The device refused the enable password.</exception>
    public async Task EnableAsync(CancellationToken cancellationToken = default)
    {
        if (InConfigMode)
            return;
        if (Driver.Privileges == PrivilegeModel.Enable && Driver.FirstMode(ModeKind.Privileged) is { } privileged && Mode is not null)
        {
            if (Driver.GetMode(Mode)?.Kind == ModeKind.User)
                await Protocol.GoToModeAsync(privileged.Name, cancellationToken).ConfigureAwait(false);
            return;
        }

        await Protocol.RequireAppAuthorizationAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Leaves privileged mode (to the driver's user mode, e.g. with <c>disable</c>).</summary>
    public async Task ExitEnableAsync(CancellationToken cancellationToken = default)
    {
        if (Driver.FirstMode(ModeKind.User) is { } user && Driver.Modes.Any(m => m.Entries.Any(t => t.To == user.Name)))
        {
            await Protocol.GoToModeAsync(user.Name, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (Driver.DisableCommand is null)
            return;
        if (InConfigMode)
            await ExitConfigModeAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(Driver.DisableCommand, null, null, checkErrors: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the session is in privileged (or configuration) mode, or the platform has no privilege levels.</summary>
    public bool IsEnabled => Driver.Privileges == PrivilegeModel.Account || (Mode is string m ? Driver.GetMode(m)?.Kind != ModeKind.User : Driver.EnableCommand is null);

    /// <summary>
    /// Goes to a mode of the driver's mode graph by name (<c>config_private</c>, <c>shell</c>, <c>admin</c>, …)
    /// along its shortest path, answering the questions each step raises.
    /// </summary>
    /// <exception cref="ModeChangeFailedException">No such mode, no way there, or a step ended elsewhere.</exception>
    public Task GoToModeAsync(string mode, CancellationToken cancellationToken = default) => Protocol.GoToModeAsync(mode, cancellationToken);

    /// <summary>Enters configuration mode: the driver's first config mode, or <paramref name="mode"/> (e.g. Junos <c>config_private</c>).</summary>
    /// <exception cref="DeviceOperationException">The driver has no configuration mode, or the device did not enter it.</exception>
    public async Task ConfigModeAsync(string? mode = null, CancellationToken cancellationToken = default)
    {
        if (Driver.Modes.Count > 0 && (mode is not null || Driver.FirstMode(ModeKind.Config) is not null) && Mode is not null)
        {
            string target = mode ?? Driver.FirstMode(ModeKind.Config)!.Name;
            if (mode is null && InConfigMode)
                return;
            await Protocol.GoToModeAsync(target, cancellationToken).ConfigureAwait(false);
            return;
        }

        string enter = Driver.ConfigEnterCommand
            ?? throw new DeviceOperationException($"driver '{Driver.Name}' has no configuration mode; send the lines as ordinary commands instead (vty run -c, or SendCommandAsync in code)");
        if (InConfigMode)
            return;
        if (!IsEnabled)
            await EnableAsync(cancellationToken).ConfigureAwait(false);
        CommandResult result = await ExecuteAsync(enter, null, null, checkErrors: true, cancellationToken).ConfigureAwait(false);
        if (Driver.Modes.Count > 0 && !InConfigMode)
            throw new DeviceOperationException($"'{enter}' did not reach configuration mode on {Protocol.Host}: the prompt is '{result.Prompt.Trim()}'. {FirstLine(result.Output)}".TrimEnd());
    }

    /// <summary>Enters the driver's first configuration mode.</summary>
    public Task ConfigModeAsync(CancellationToken cancellationToken) => ConfigModeAsync(null, cancellationToken);

    /// <summary>Leaves configuration mode (<c>end</c>, <c>exit configuration-mode</c>, …); does nothing outside it.</summary>
    public async Task ExitConfigModeAsync(CancellationToken cancellationToken = default)
    {
        if (!InConfigMode)
            return;
        if (ExitTarget() is { } home)
        {
            await Protocol.GoToModeAsync(home, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (Driver.ConfigExitCommand is null)
            return;
        CommandResult result = await ExecuteAsync(Driver.ConfigExitCommand, [UncommittedQuestion()], null, checkErrors: true, cancellationToken).ConfigureAwait(false);
        // Junos and IOS-XR ask before dropping uncommitted changes; leaving was asked for, so leave.
        if (UncommittedQuestion().IsMatch(result.Prompt))
            await ExecuteAsync(UncommittedAnswer(result.Prompt), null, null, checkErrors: true, cancellationToken).ConfigureAwait(false);
    }

    // The non-config mode a config mode leads back to: privileged first, then user, then any other.
    private string? ExitTarget()
    {
        if (Mode is not string current)
            return null;
        return Driver.Modes
            .Where(m => m.Kind != ModeKind.Config)
            .OrderBy(m => m.Kind switch { ModeKind.Privileged => 0, ModeKind.User => 1, _ => 2 })
            .FirstOrDefault(m => Driver.FindPath(current, m.Name) is not null)?.Name;
    }

    private static string UncommittedAnswer(string question) =>
        question.Contains("[cancel]", StringComparison.OrdinalIgnoreCase) || question.Contains("cancel]", StringComparison.OrdinalIgnoreCase) ? "no" : "yes";

    /// <summary>
    /// Sends configuration lines: enters config mode, sends each line, leaves config mode, and
    /// optionally commits. Stops at the first rejected line unless <see cref="ConfigSetOptions.StopOnError"/> is false.
    /// </summary>
    /// <exception cref="CommandErrorException">A line was rejected (with StopOnError); config mode is left first.</exception>
    public async Task<ConfigSetResult> SendConfigSetAsync(IEnumerable<string> lines, ConfigSetOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        options ??= new ConfigSetOptions();
        var results = new List<ConfigLineResult>();
        if (options.EnterConfigMode)
            await ConfigModeAsync(cancellationToken).ConfigureAwait(false);
        string? commitOutput = null;
        try
        {
            foreach (string line in lines)
            {
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                try
                {
                    CommandResult result = await ExecuteAsync(line, null, options.LineTimeout, checkErrors: true, cancellationToken).ConfigureAwait(false);
                    results.Add(new ConfigLineResult(line, result.Output, null));
                }
                catch (CommandErrorException e) when (!options.StopOnError)
                {
                    results.Add(new ConfigLineResult(line, e.Result.Output, e.DeviceMessage));
                }
                options.LineCompleted?.Invoke(results[^1]);
            }
            if (options.Commit is CommitOptions commit)
                commitOutput = await CommitAsync(commit with { AndQuit = false }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Leave config mode even after an error, so the session stays usable; a cancelled or
            // broken session is left alone.
            if (options.ExitConfigMode && !cancellationToken.IsCancellationRequested && Protocol.IsConnected)
            {
                try
                {
                    await ExitConfigModeAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (VtyException) when (results.Count > 0 && !results[^1].Ok)
                {
                    // The original error matters more than a failed cleanup.
                }
            }
        }
        return new ConfigSetResult(results, commitOutput);
    }

    /// <summary>Commits the candidate configuration (Junos, IOS-XR) with optional comment and confirm timer.</summary>
    /// <exception cref="DeviceOperationException">The driver has no commit (changes apply at once).</exception>
    /// <exception cref="CommandErrorException">The device refused the commit (its message says why).</exception>
    public async Task<string> CommitAsync(CommitOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CommitOptions();
        string commit = Driver.CommitCommand
            ?? throw new DeviceOperationException($"driver '{Driver.Name}' has no commit: its configuration applies line by line; use SaveConfigAsync to persist it");
        if (!InConfigMode)
            await ConfigModeAsync(cancellationToken).ConfigureAwait(false);
        string command = BuildCommitCommand(Driver.Name, commit, options);
        CommandResult result = await ExecuteAsync(command, null, options.Timeout ?? DefaultCommitTimeout, checkErrors: true, cancellationToken).ConfigureAwait(false);
        if (options.AndQuit)
            await ExitConfigModeAsync(cancellationToken).ConfigureAwait(false);
        return result.Output;
    }

    /// <summary>Saves the running configuration (the driver's save command), answering a destination question with Enter.</summary>
    /// <exception cref="DeviceOperationException">The driver has no save command (Junos and IOS-XR persist on commit).</exception>
    public async Task<string> SaveConfigAsync(CancellationToken cancellationToken = default)
    {
        string save = Driver.SaveCommand
            ?? throw new DeviceOperationException($"driver '{Driver.Name}' has no save command{(Driver.CommitCommand is null ? "" : "; a commit already persists the configuration")}");
        if (InConfigMode)
            await ExitConfigModeAsync(cancellationToken).ConfigureAwait(false);
        if (!IsEnabled)
            await EnableAsync(cancellationToken).ConfigureAwait(false);
        var output = new StringBuilder();
        CommandResult result = await ExecuteAsync(save, [SaveQuestion()], DefaultCommitTimeout, checkErrors: true, cancellationToken).ConfigureAwait(false);
        output.Append(result.Output);
        // "Destination filename [startup-config]?" and "[confirm]": accept the default.
        for (int i = 0; i < 3 && !Driver.IsPrompt(result.Prompt.Trim('\r', '\n')); i++)
        {
            result = await ExecuteAsync("", [SaveQuestion()], DefaultCommitTimeout, checkErrors: true, cancellationToken).ConfigureAwait(false);
            output.Append(result.Output);
        }
        return output.ToString();
    }

    /// <summary>Disposes the protocol when this session owns it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_ownsProtocol)
                await Protocol.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _lease?.Dispose();
        }
    }

    private async Task<CommandResult> ExecuteAsync(string command, IReadOnlyList<Regex>? until, TimeSpan? timeout, bool checkErrors, CancellationToken cancellationToken)
    {
        var options = new ExecuteOptions { Timeout = timeout, CheckErrors = checkErrors, Until = until is null ? null : [.. until, .. Driver.PromptPatterns] };
        try
        {
            CommandResult result = await Protocol.ExecuteAsync(command, options, cancellationToken).ConfigureAwait(false);
            LastPrompt = result.Prompt;
            return result;
        }
        catch (CommandErrorException e)
        {
            LastPrompt = e.Result.Prompt;
            throw;
        }
    }

    internal static string BuildCommitCommand(string driverName, string commit, CommitOptions options)
    {
        bool xr = driverName.Contains("xr", StringComparison.OrdinalIgnoreCase);
        var command = new StringBuilder(commit);
        if (options.ConfirmMinutes is int minutes)
        {
            if (minutes < 1)
                throw new ArgumentOutOfRangeException(nameof(options), minutes, "the confirm timer is at least one minute");
            // Junos counts minutes after "confirmed"; IOS-XR wants the unit spelt out.
            command.Append(xr ? $" confirmed minutes {minutes}" : $" confirmed {minutes}");
        }
        if (!string.IsNullOrEmpty(options.Comment))
            command.Append(" comment \"").Append(options.Comment.Replace("\"", "'", StringComparison.Ordinal)).Append('"');
        if (options.AndQuit && !xr)
            command.Append(" and-quit");
        return command.ToString();
    }

    private static Regex CompileUserPattern(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"'{pattern}' is not a valid regular expression: {e.Message}", nameof(pattern), e);
        }
    }

    [GeneratedRegex(@"(\[[^\]\r\n]*\]\?|\[confirm\]|\(y/n\)\??)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SaveQuestion();

    [GeneratedRegex(@"(?i)uncommitted changes.*[\?:\]\)]\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UncommittedQuestion();

    [GeneratedRegex(@"\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EndOfBuffer();

    private static string LastLine(StringBuilder text)
    {
        string all = text.ToString();
        int newline = all.LastIndexOf('\n');
        return newline < 0 ? all : all[(newline + 1)..];
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
}
