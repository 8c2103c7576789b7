using System.Diagnostics;
using Vty.Devices;
using Vty.Drivers;
using Vty.Fleet;
using Vty.History;

namespace Vty.Changes;

/// <summary>
/// Applies configuration lines without leaving a candidate silently uncommitted: on platforms with a
/// commit model the caller must choose commit, discard or dry run before anything is sent; commit
/// confirmed is followed by a confirming commit once the device still answers; <c>Diff</c> reports
/// what the change did to the running configuration.
/// </summary>
public static class ConfigChange
{
    /// <summary>The fleet job: connect, check the choice against the platform, send, then commit, discard or compare.</summary>
    public static HostJob Job(IReadOnlyList<string> lines, ConfigChangeOptions change, FleetJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(options);
        return async (context, cancellationToken) =>
        {
            await using DeviceSession device = await FleetJobs.OpenAsync(context, options, cancellationToken).ConfigureAwait(false);
            await ApplyAsync(device, lines, change, context.AddResult, cancellationToken, context.MarkDeliveryStarted).ConfigureAwait(false);
        };
    }

    /// <summary>
    /// Applies <paramref name="lines"/> on an open session; <paramref name="report"/> receives each step
    /// (line answers, compare output, commit output, diff); <paramref name="deliveryStarting"/> is called
    /// just before the first line is sent (the fleet runner stops retrying from then on).
    /// </summary>
    /// <exception cref="DeviceOperationException">The choice does not fit the platform (nothing was sent), or a line was rejected (the candidate was thrown away).</exception>
    public static async Task ApplyAsync(DeviceSession device, IReadOnlyList<string> lines, ConfigChangeOptions change, Action<CommandOutput> report, CancellationToken cancellationToken = default, Action? deliveryStarting = null)
    {
        Driver driver = device.Driver;
        bool commitModel = driver.CommitCommand is not null;
        Check(driver, commitModel, change);
        report = Scrubbed(report, driver);

        string? before = change.Diff ? await ConfigFetcher.FetchAsync(device, keepSecrets: false, cancellationToken: cancellationToken).ConfigureAwait(false) : null;
        var clock = Stopwatch.StartNew();
        string[] pending = [.. lines.Where(l => !string.IsNullOrWhiteSpace(l))];
        int answered = 0;
        var setOptions = new ConfigSetOptions
        {
            StopOnError = change.StopOnError,
            ExitConfigMode = !commitModel,
            // Each answered line is reported at once, so a session that breaks mid-set still says what the device took.
            LineCompleted = line =>
            {
                answered++;
                report(new CommandOutput(line.Line, line.Output, clock.Elapsed) { Error = line.Error });
                clock.Restart();
            },
        };
        // From here on a failure is not retried: configuration may have reached the device.
        deliveryStarting?.Invoke();
        ConfigSetResult result;
        try
        {
            result = await device.SendConfigSetAsync(pending, setOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandErrorException e)
        {
            report(new CommandOutput(e.Command, e.Result.Output, clock.Elapsed) { Error = FailureClassifier.Classify(e).Reason });
            if (commitModel)
                await DiscardAsync(device, cancellationToken).ConfigureAwait(false);
            throw new ConfigRejectedException($"'{e.Command}' was rejected: {e.DeviceMessage}{(commitModel ? "; the candidate was thrown away, nothing was committed" : "")}", e);
        }
        catch (Exception e) when (answered < pending.Length && e is not OperationCanceledException)
        {
            report(new CommandOutput(pending[answered], "", clock.Elapsed) { Error = $"no answer ({FailureClassifier.OneLine(e.Message)}); it may or may not have reached the device" });
            throw;
        }
        if (!result.Ok)
        {
            if (commitModel)
                await DiscardAsync(device, cancellationToken).ConfigureAwait(false);
            ConfigLineResult first = result.Lines.First(l => !l.Ok);
            throw new ConfigRejectedException($"{result.Lines.Count(l => !l.Ok)} of {result.Lines.Count} lines were rejected; first: '{first.Line}': {first.Error}{(commitModel ? "; the candidate was thrown away, nothing was committed" : "")}");
        }

        if (commitModel)
        {
            if (change.DryRun)
            {
                string compare = driver.Change!.CompareCommand!;
                clock.Restart();
                string diff = await device.SendCommandAsync(compare, cancellationToken: cancellationToken).ConfigureAwait(false);
                report(new CommandOutput($"{compare} (dry run)", diff, clock.Elapsed));
                await DiscardAsync(device, cancellationToken).ConfigureAwait(false);
                report(new CommandOutput("discard", "dry run: the candidate was thrown away; nothing was committed", TimeSpan.Zero));
                return;
            }
            if (change.Discard)
            {
                await DiscardAsync(device, cancellationToken).ConfigureAwait(false);
                report(new CommandOutput("discard", "the candidate was thrown away; nothing was committed", TimeSpan.Zero));
                return;
            }
            await CommitAsync(device, change, report, cancellationToken).ConfigureAwait(false);
        }
        if (change.Save && driver.SaveCommand is not null)
        {
            clock.Restart();
            string saved = await device.SaveConfigAsync(cancellationToken).ConfigureAwait(false);
            report(new CommandOutput(driver.SaveCommand, saved, clock.Elapsed));
        }
        if (before is not null)
        {
            string after = await ConfigFetcher.FetchAsync(device, keepSecrets: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            string diff = LineDiff.Unified(before, after, $"{device.Protocol.Host} before", $"{device.Protocol.Host} after");
            report(new CommandOutput("diff", diff.Length == 0 ? "(the running configuration did not change)" : diff, TimeSpan.Zero));
        }
    }

    /// <summary>
    /// Results carry what the device printed and the lines sent; both can hold secrets (a community in
    /// a compare, a key in a line), so they pass the driver's secret patterns first.
    /// </summary>
    internal static Action<CommandOutput> Scrubbed(Action<CommandOutput> report, Driver driver)
    {
        if (driver.Backup is not { Secrets.Count: > 0 } recipe)
            return report;
        string Clean(string text) => string.Join('\n', text.Split('\n').Select(l => ConfigTextCleaner.Scrub(l, recipe.Secrets)));
        return output => report(output with { Command = Clean(output.Command), Output = Clean(output.Output), Error = output.Error is null ? null : Clean(output.Error) });
    }

    private static void Check(Driver driver, bool commitModel, ConfigChangeOptions change)
    {
        int choices = (change.Commit ? 1 : 0) + (change.Discard ? 1 : 0) + (change.DryRun ? 1 : 0);
        if (choices > 1)
            throw new ArgumentException("choose one of commit, discard and dry run");
        if (change.ConfirmMinutes is < 1)
            throw new ArgumentException("the confirm timer is at least one minute");
        if (commitModel)
        {
            if (choices == 0)
                throw new DeviceOperationException($"changes not committed; pass --commit: '{driver.Name}' keeps changes in a candidate configuration until a commit (or --dry-run to see the diff, --discard to try the lines and throw them away); nothing was sent");
            if ((change.Discard || change.DryRun) && driver.Change?.DiscardCommand is null)
                throw new DeviceOperationException($"driver '{driver.Name}' names no command to throw a candidate away (change.discard); nothing was sent");
            if (change.DryRun && driver.Change?.CompareCommand is null)
                throw new DeviceOperationException($"driver '{driver.Name}' names no command to show a candidate's differences (change.compare), so a dry run cannot show anything; nothing was sent");
        }
        else
        {
            if (change.DryRun)
                throw new DeviceOperationException($"a dry run is not possible on '{driver.Name}': it applies each line as it is entered; nothing was sent (use --diff to see what a real change did)");
            if (change.Discard)
                throw new DeviceOperationException($"--discard needs a candidate configuration, and '{driver.Name}' applies each line as it is entered; nothing was sent");
            if (change.ConfirmMinutes is not null)
                throw new DeviceOperationException($"commit confirmed is not possible on '{driver.Name}': it has no commit; nothing was sent");
        }
        if (change.Diff && driver.Backup is null)
            throw new DeviceOperationException($"--diff needs the driver's backup recipe and '{driver.Name}' has none; nothing was sent");
    }

    private static async Task CommitAsync(DeviceSession device, ConfigChangeOptions change, Action<CommandOutput> report, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string output = await device.CommitAsync(new CommitOptions { Comment = change.Comment, ConfirmMinutes = change.ConfirmMinutes }, cancellationToken).ConfigureAwait(false);
        report(new CommandOutput(change.ConfirmMinutes is int m ? $"commit confirmed {m}" : "commit", output, clock.Elapsed));
        if (change.ConfirmMinutes is not null)
        {
            // The device still answering after the change is the proof the confirm timer waits for.
            clock.Restart();
            await device.Protocol.ExecuteAsync("", new Protocols.ExecuteOptions { CheckErrors = false }, cancellationToken).ConfigureAwait(false);
            string confirmed = await device.CommitAsync(new CommitOptions(), cancellationToken).ConfigureAwait(false);
            report(new CommandOutput("commit (confirming)", confirmed, clock.Elapsed));
        }
        await device.ExitConfigModeAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task DiscardAsync(DeviceSession device, CancellationToken cancellationToken)
    {
        if (device.Driver.Change?.DiscardCommand is not { } discard || !device.Protocol.IsConnected)
            return;
        if (!device.InConfigMode)
            await device.ConfigModeAsync(cancellationToken).ConfigureAwait(false);
        await device.SendCommandAsync(discard, cancellationToken: cancellationToken).ConfigureAwait(false);
        await device.ExitConfigModeAsync(cancellationToken).ConfigureAwait(false);
    }
}
