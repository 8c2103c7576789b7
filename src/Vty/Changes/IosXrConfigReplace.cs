using System.Diagnostics;
using Vty.Devices;
using Vty.History;

namespace Vty.Changes;

/// <summary>
/// IOS-XR: the configuration copied to <c>harddisk:</c>, <c>load</c> into the target configuration,
/// <c>commit replace</c> (with <c>confirmed minutes N</c> when asked), then the file deleted.
/// </summary>
internal static class IosXrConfigReplace
{
    private const string Remote = "harddisk:/vty-rollback.cfg";

    /// <summary>Runs the replace; false when it was a dry run or a discard (nothing committed).</summary>
    public static async Task<bool> RunAsync(ConfigReplaceRequest request, CancellationToken cancellationToken)
    {
        DeviceSession device = request.Device;
        if (request.Change.DryRun || request.Change.Discard)
        {
            // XR shows a replace's effect only once committed, so the diff is vty's own: nothing is loaded.
            string now = await ConfigFetcher.FetchAsync(device, keepSecrets: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            string diff = LineDiff.Unified(now, request.Stored, "device", "stored");
            request.Report("compare", diff.Length == 0 ? "(no difference from the running configuration)" : diff, TimeSpan.Zero);
            request.Report("discard", "dry run: the diff above is vty's, from the device's running configuration; nothing was loaded or committed", TimeSpan.Zero);
            return false;
        }

        var clock = Stopwatch.StartNew();
        long bytes = await ConfigUpload.UploadAsync(device, request.Full, Remote, cancellationToken).ConfigureAwait(false);
        request.Report("copy", $"{bytes} bytes to {Remote} over SCP", clock.Elapsed);
        try
        {
            await device.ConfigModeAsync(cancellationToken).ConfigureAwait(false);
            clock.Restart();
            string load = await device.SendCommandAsync($"load {Remote}", cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!load.Contains("bytes parsed", StringComparison.Ordinal))
                throw new ConfigRejectedException($"the device did not load {Remote}: {load.Trim()}");
            request.Report("load", load.Trim(), clock.Elapsed);

            clock.Restart();
            int? minutes = request.Change.ConfirmMinutes;
            string commit = "commit replace" + (minutes is int m ? $" confirmed minutes {m}" : "") + $" comment {OneLine(request.Comment)}";
            await device.SendCommandAsync(commit, expectPattern: @"Do you wish to proceed\? \[no\]:", cancellationToken: cancellationToken).ConfigureAwait(false);
            // The stored configuration may carry another host name: the prompt after the commit shows it.
            device.Protocol.ExpectPromptChange();
            string output = await device.SendCommandAsync("yes", readTimeout: TimeSpan.FromMinutes(2), cancellationToken: cancellationToken).ConfigureAwait(false);
            request.Report(minutes is int n ? $"commit replace confirmed {n}" : "commit replace", output, clock.Elapsed);
            if (minutes is not null)
            {
                // Still answering after the commit: the confirming commit keeps it.
                await device.Protocol.ExecuteAsync("", new Protocols.ExecuteOptions { CheckErrors = false }, cancellationToken).ConfigureAwait(false);
                request.Report("commit (confirming)", await device.CommitAsync(new CommitOptions(), cancellationToken).ConfigureAwait(false), TimeSpan.Zero);
            }
            await device.ExitConfigModeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DeviceOperationException or CommandErrorException)
        {
            // Leave nothing loaded behind; the file goes below.
            if (device.InConfigMode)
                await device.SendCommandAsync("abort", cancellationToken: cancellationToken).ConfigureAwait(false);
            await DeleteAsync(device, cancellationToken).ConfigureAwait(false);
            throw;
        }
        await DeleteAsync(device, cancellationToken).ConfigureAwait(false);
        request.Report("delete", $"{Remote} removed from the device", TimeSpan.Zero);
        return true;
    }

    private static async Task DeleteAsync(DeviceSession device, CancellationToken cancellationToken)
    {
        await device.SendCommandAsync($"delete {Remote}", expectPattern: @"\[confirm\]", cancellationToken: cancellationToken).ConfigureAwait(false);
        await device.SendCommandAsync("", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
