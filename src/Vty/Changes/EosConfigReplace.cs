using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Vty.Devices;

namespace Vty.Changes;

/// <summary>
/// EOS: the configuration copied to <c>flash:</c>, then a configuration session that starts from
/// <c>rollback clean-config</c> and takes the file (a <c>configure replace</c> that can show its diff
/// and keep a <c>commit timer</c>), then the file deleted.
/// </summary>
internal static class EosConfigReplace
{
    private const string Remote = "flash:vty-rollback.cfg";

    /// <summary>Runs the replace; false when it was a dry run or a discard (nothing committed).</summary>
    public static async Task<bool> RunAsync(ConfigReplaceRequest request, CancellationToken cancellationToken)
    {
        DeviceSession device = request.Device;
        var clock = Stopwatch.StartNew();
        long bytes = await ConfigUpload.UploadAsync(device, request.Full, Remote, cancellationToken).ConfigureAwait(false);
        request.Report("copy", $"{bytes} bytes to {Remote} over SCP", clock.Elapsed);

        // A session of its own: other sessions (an operator's) stay untouched.
        string session = "vty-" + RandomNumberGenerator.GetHexString(6, lowercase: true);
        bool committed = false;
        try
        {
            await device.EnableAsync(cancellationToken).ConfigureAwait(false);
            await device.SendCommandAsync($"configure session {session}", cancellationToken: cancellationToken).ConfigureAwait(false);
            await device.SendCommandAsync("rollback clean-config", cancellationToken: cancellationToken).ConfigureAwait(false);
            clock.Restart();
            string copy = await device.SendCommandAsync($"copy {Remote} session-config", cancellationToken: cancellationToken).ConfigureAwait(false);
            request.Report("load", copy.Trim().Length == 0 ? $"{Remote} loaded into session {session}" : copy.Trim(), clock.Elapsed);
            string diff = await device.SendCommandAsync("show session-config diffs", cancellationToken: cancellationToken).ConfigureAwait(false);
            request.Report("compare", HasChanges(diff) ? diff : "(no difference from the running configuration)", TimeSpan.Zero);
            if (request.Change.DryRun || request.Change.Discard)
            {
                await device.SendCommandAsync("abort", cancellationToken: cancellationToken).ConfigureAwait(false);
                request.Report("discard", "dry run: the session was aborted; nothing was committed", TimeSpan.Zero);
                return false;
            }

            clock.Restart();
            int? minutes = request.Change.ConfirmMinutes;
            string commit = minutes is int m
                ? string.Create(CultureInfo.InvariantCulture, $"commit timer {m / 60:D2}:{m % 60:D2}:00")
                : "commit";
            // The stored configuration may carry another host name: the prompt after the commit shows it.
            device.Protocol.ExpectPromptChange();
            request.Report(minutes is int n ? $"commit timer {n} min" : "commit", await device.SendCommandAsync(commit, readTimeout: TimeSpan.FromMinutes(2), cancellationToken: cancellationToken).ConfigureAwait(false), clock.Elapsed);
            committed = true;
            if (minutes is not null)
            {
                // Still answering after the commit: the confirming commit stops the timer.
                await device.Protocol.ExecuteAsync("", new Protocols.ExecuteOptions { CheckErrors = false }, cancellationToken).ConfigureAwait(false);
                request.Report("commit (confirming)", await device.SendCommandAsync($"configure session {session} commit", cancellationToken: cancellationToken).ConfigureAwait(false), TimeSpan.Zero);
            }
        }
        catch (Exception e) when (!committed && e is DeviceOperationException or CommandErrorException)
        {
            if (device.InConfigMode)
                await device.SendCommandAsync("abort", cancellationToken: cancellationToken).ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (device.Protocol.IsConnected)
                await device.SendCommandAsync($"delete {Remote}", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        request.Report("delete", $"{Remote} removed from the device", TimeSpan.Zero);
        return true;
    }

    private static bool HasChanges(string diff) =>
        diff.Split('\n').Any(l => l.Length > 1 && (l[0] is '+' or '-') && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal));
}
