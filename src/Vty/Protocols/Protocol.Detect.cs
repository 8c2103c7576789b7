using System.Text;
using Microsoft.Extensions.Logging;
using Vty.Drivers;

namespace Vty.Protocols;

public abstract partial class Protocol
{
    /// <summary>A guess at least this confident is taken without asking the device, unless a more specific driver extends it.</summary>
    public const int ConfidentGuess = 50;

    /// <summary>A guess this confident (a product name) is taken even when more specific drivers extend it.</summary>
    public const int CertainGuess = 80;

    // Safe to send to any CLI: read-only everywhere, one at a time, in this order.
    private static readonly string[] Probes = ["", "show version", "display version", UnameProbe, "get system status", "show system info"];

    private const string UnameProbe = "uname -a";
    private const string ShellDriver = "shell";

    private DriverSelection? _selection;

    /// <summary>The driver in use and why it was chosen; null before login decided it.</summary>
    public DriverSelection? DriverSelection => _selection ?? (_manualDriver is { } named
        ? new DriverSelection(named.Name, DriverSelectionMethod.Named, 100, $"named by the caller ('{named.Name}': --driver, the inventory's driver, the URL's driver= or ProtocolOptions.Driver); no guessing or probing")
        : null);

    /// <summary>
    /// Settles the driver after login when it is chosen automatically: takes the passive guess when
    /// it is confident, otherwise asks the device (<see cref="ProtocolOptions.ActiveDetection"/>) a
    /// bare Enter, <c>show version</c>, <c>display version</c>, <c>uname -a</c>, … one at a time,
    /// feeding each answer to the guesser and stopping at the first confident guess. A named
    /// driver is never changed and nothing is sent for it.
    /// </summary>
    public async Task<DriverSelection> DetectDriverAsync(CancellationToken cancellationToken = default)
    {
        if (_manualDriver is not null)
            return DriverSelection!;
        if (_selection is not null)
            return _selection;

        var guesser = new OsGuesser(_catalog);
        guesser.SetRemoteVersion(RemoteVersion);
        var transcript = new StringBuilder();
        if (SshBanner is { Length: > 0 } banner)
            transcript.Append(Vty.Text.TerminalCleaner.Clean(banner)).Append('\n');
        transcript.Append(Channel.Head);
        guesser.Feed(transcript.ToString());

        var best = guesser.Best;
        if (IsConclusive(best) || !Options.ActiveDetection)
            return Choose(best.Driver, best.Confidence, DriverSelectionMethod.Passive, guesser, "the login transcript", null);

        var sent = new List<string>();
        TimeSpan probeTimeout = Options.CommandTimeout < TimeSpan.FromSeconds(10) ? Options.CommandTimeout : TimeSpan.FromSeconds(10);
        foreach (string probe in ProbeOrder(best.Driver))
        {
            var before = best;
            sent.Add(probe.Length == 0 ? "Enter" : $"'{probe}'");
            CommandResult answer;
            try
            {
                answer = await ExecuteAsync(probe, new ExecuteOptions { CheckErrors = false, Timeout = probeTimeout }, cancellationToken).ConfigureAwait(false);
            }
            catch (ExpectTimeoutException ex)
            {
                // A probe that never gives the prompt back ends probing: more would only pile up.
                Logger.LogDebug("{Host}: probe '{Probe}' got no prompt back: {Message}", Host, probe, ex.Message);
                break;
            }

            // An error answer ("% Invalid input", "command not found") still says something about
            // the platform, so it is fed too; but only a real answer can settle a merely confident guess.
            guesser.Feed($"\n{probe}\n{answer.Output}\n{answer.Prompt}");
            best = guesser.Best;
            bool refused = CommandOutput.FindError(answer.Output, _catalog.Generic.ErrorPatterns) is not null
                || CommandOutput.FindError(answer.Output, best.Driver.ErrorPatterns) is not null;
            Logger.LogDebug("{Host}: after probe '{Probe}' the guess is {Driver} ({Confidence}){Refused}", Host, probe, best.Driver.Name, best.Confidence, refused ? "; the device refused the probe" : "");
            if (IsConclusive(best) || (!refused && IsConfidentAnswer(before, best)))
                return Choose(best.Driver, best.Confidence, DriverSelectionMethod.Probed, guesser, "probes", sent);
        }

        return best.Confidence > 0
            ? Choose(best.Driver, best.Confidence, DriverSelectionMethod.Probed, guesser, "probes", sent)
            : Choose(_catalog.Generic, 0, DriverSelectionMethod.Fallback, guesser, "probes", sent);
    }

    // A probe's own answer that made a guess confident settles it: "Linux" in uname's answer is as
    // much as the remaining probes could say, while a bare Enter that changed nothing settles nothing.
    private static bool IsConfidentAnswer((Driver Driver, int Confidence) before, (Driver Driver, int Confidence) after) =>
        after.Confidence >= ConfidentGuess && (!ReferenceEquals(after.Driver, before.Driver) || after.Confidence > before.Confidence);

    // A prompt that looks like a Unix shell is asked uname first; network CLIs are asked the rest in order.
    private IEnumerable<string> ProbeOrder(Driver guess)
    {
        if (!IsShellFamily(guess))
            return Probes;
        return Probes.Take(1).Append(UnameProbe).Concat(Probes.Skip(1).Where(p => p != UnameProbe));
    }

    private bool IsShellFamily(Driver driver)
    {
        for (int depth = 0; depth < 8; depth++)
        {
            if (driver.Name == ShellDriver)
                return true;
            if (driver.Extends is not { } parent || !_catalog.TryGet(parent, out Driver? next))
                return false;
            driver = next;
        }

        return false;
    }

    // IOS at 60 from "User Access Verification" may as well be IOS-XE: ask before settling on a
    // driver that more specific ones extend.
    private bool IsConclusive((Driver Driver, int Confidence) guess) =>
        guess.Confidence >= CertainGuess
        || (guess.Confidence >= ConfidentGuess && !_catalog.Drivers.Any(d => d.Extends == guess.Driver.Name));

    private DriverSelection Choose(Driver driver, int confidence, DriverSelectionMethod method, OsGuesser guesser, string source, List<string>? probes)
    {
        string sent = probes is null ? "" : $" (sent {string.Join(", ", probes)})";
        string reason = method switch
        {
            DriverSelectionMethod.Fallback => $"nothing in the login transcript or the answers to probes{sent} pointed at a platform; using the generic driver",
            _ => $"from {source}{sent}: " + string.Join(", ", guesser.Candidates.Take(1).SelectMany(c => c.MatchedSignals)
                .OrderByDescending(s => s.Confidence).Take(3).Select(s => $"/{s.Pattern}/ ({s.Confidence})")),
        };
        if (confidence == 0 && method == DriverSelectionMethod.Passive)
            reason = "nothing in the login transcript pointed at a platform and probing is off; using the generic driver";
        _selection = new DriverSelection(driver.Name, confidence == 0 ? DriverSelectionMethod.Fallback : method, confidence, reason);
        if (!ReferenceEquals(driver, _lockedGuess))
        {
            _lockedGuess = driver;
            ReportDriverChange();
        }

        Logger.LogDebug("{Host}: driver {Driver}: {Reason}", Host, driver.Name, reason);
        return _selection;
    }
}
