using System.Diagnostics;
using System.Text.RegularExpressions;
using Vty.Devices;

namespace Vty.Changes;

/// <summary>Junos: <c>load override terminal</c> with the whole configuration, <c>show | compare</c>, then commit or <c>rollback 0</c>.</summary>
internal static partial class JunosConfigReplace
{
    /// <summary>Runs the replace; false when it was a dry run or a discard (nothing committed).</summary>
    public static async Task<bool> RunAsync(ConfigReplaceRequest request, CancellationToken cancellationToken)
    {
        DeviceSession device = request.Device;
        var clock = Stopwatch.StartNew();
        await device.ConfigModeAsync(cancellationToken).ConfigureAwait(false);
        await LoadOverrideAsync(device, request.Full, cancellationToken).ConfigureAwait(false);
        request.Report("load", $"loaded {request.Full.Count(c => c == '\n')} lines", clock.Elapsed);

        string compare = await device.SendCommandAsync(device.Driver.Change!.CompareCommand ?? "show | compare", cancellationToken: cancellationToken).ConfigureAwait(false);
        request.Report("compare", compare.Trim().Length == 0 ? "(no difference from the running configuration)" : compare, TimeSpan.Zero);
        if (request.Change.DryRun || request.Change.Discard)
        {
            await device.SendCommandAsync(device.Driver.Change.DiscardCommand ?? "rollback 0", cancellationToken: cancellationToken).ConfigureAwait(false);
            await device.ExitConfigModeAsync(cancellationToken).ConfigureAwait(false);
            request.Report("discard", "dry run: the candidate was thrown away; nothing was committed", TimeSpan.Zero);
            return false;
        }

        clock.Restart();
        // The stored configuration may carry another host name: the prompt after the commit shows it.
        device.Protocol.ExpectPromptChange();
        string output = await device.CommitAsync(new CommitOptions { Comment = request.Comment, ConfirmMinutes = request.Change.ConfirmMinutes }, cancellationToken).ConfigureAwait(false);
        request.Report(request.Change.ConfirmMinutes is int m ? $"commit confirmed {m}" : "commit", output, clock.Elapsed);
        if (request.Change.ConfirmMinutes is not null)
        {
            // Still answering after the commit: the confirming commit keeps it.
            await device.Protocol.ExecuteAsync("", new Protocols.ExecuteOptions { CheckErrors = false }, cancellationToken).ConfigureAwait(false);
            request.Report("commit (confirming)", await device.CommitAsync(new CommitOptions(), cancellationToken).ConfigureAwait(false), TimeSpan.Zero);
        }
        await device.ExitConfigModeAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task LoadOverrideAsync(DeviceSession device, string configuration, CancellationToken cancellationToken)
    {
        device.Protocol.Flush();
        await device.Protocol.SendLineAsync("load override terminal", cancellationToken).ConfigureAwait(false);
        await device.Protocol.ExpectAsync(EndOfInputHint(), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        foreach (string line in configuration.Split('\n'))
        {
            // Comments ("## Last commit") are not configuration; the device ignores them anyway.
            if (line.TrimStart().StartsWith('#'))
                continue;
            await device.Protocol.SendLineAsync(line, cancellationToken).ConfigureAwait(false);
        }
        device.Protocol.Flush();
        await device.Protocol.SendAsync("\u0004", cancellationToken).ConfigureAwait(false);
        var result = await device.Protocol.ExpectAsync(LoadFinished(), TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
        string text = result.Before + result.Match?.Value;
        if (!text.Contains("load complete", StringComparison.Ordinal))
            throw new ConfigRejectedException($"the device refused the configuration: {text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("error", StringComparison.OrdinalIgnoreCase)) ?? text.Trim()}");
        await device.Protocol.ExpectPromptAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex(@"\[Type \^D at a new line to end input\]", RegexOptions.CultureInvariant)]
    private static partial Regex EndOfInputHint();

    [GeneratedRegex(@"(load complete|error: .*load aborted|load aborted)", RegexOptions.CultureInvariant)]
    private static partial Regex LoadFinished();
}
