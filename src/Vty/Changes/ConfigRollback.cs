using System.Diagnostics;
using System.Text.RegularExpressions;
using Vty.Devices;
using Vty.Drivers;
using Vty.Fleet;
using Vty.History;

namespace Vty.Changes;

/// <summary>
/// <c>vty rollback</c>: pushes a stored configuration back as a whole (Junos <c>load override</c>),
/// with the same commit, commit-confirmed and dry-run safety as <see cref="ConfigChange"/>, and
/// checks afterwards that the device's configuration equals the stored one.
/// </summary>
public static partial class ConfigRollback
{
    /// <summary>The fleet job: restore <paramref name="revision"/> of each host from <paramref name="repository"/>.</summary>
    public static HostJob Job(ConfigRepository repository, string revision, ConfigChangeOptions change, FleetJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentException.ThrowIfNullOrEmpty(revision);
        return async (context, cancellationToken) =>
        {
            string commit = await repository.ResolveAsync(context.Host.Name, revision, cancellationToken).ConfigureAwait(false);
            string stored = await repository.ShowAsync(context.Host.Name, commit, cancellationToken).ConfigureAwait(false);
            await using DeviceSession device = await FleetJobs.OpenAsync(context, options, cancellationToken).ConfigureAwait(false);
            context.MarkDeliveryStarted();
            await RestoreAsync(device, stored, change, context.AddResult, cancellationToken).ConfigureAwait(false);
            context.AddResult("rollback", $"restored {commit[..12]} of {context.Host.Name}");
        };
    }

    /// <summary>Replaces the device's configuration with <paramref name="stored"/> (a configuration as <c>vty backup</c> stores it).</summary>
    /// <exception cref="DeviceOperationException">The platform cannot replace its configuration, the device refused it, or the result differs.</exception>
    public static async Task RestoreAsync(DeviceSession device, string stored, ConfigChangeOptions change, Action<CommandOutput> report, CancellationToken cancellationToken = default)
    {
        Driver driver = device.Driver;
        if (driver.Change?.Replace is not ConfigReplaceMethod method || driver.Backup is not BackupRecipe recipe)
            throw new DeviceOperationException($"rollback is not possible on '{driver.Name}': it has no way to replace its whole configuration from a session (only Junos load override is supported); show the change with 'vty diff' and apply it with 'vty config'; nothing was sent");
        report = ConfigChange.Scrubbed(report, driver);
        if (!change.Commit && !change.DryRun && !change.Discard)
            throw new DeviceOperationException($"changes not committed; pass --commit: a rollback on '{driver.Name}' loads a candidate that needs a commit (or --dry-run to see the diff); nothing was sent");

        string current = await ConfigFetcher.FetchAsync(device, keepSecrets: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        string full = SecretRestorer.Restore(stored, current, recipe);

        var clock = Stopwatch.StartNew();
        await device.ConfigModeAsync(cancellationToken).ConfigureAwait(false);
        switch (method)
        {
            case ConfigReplaceMethod.JunosLoadOverride:
                await LoadOverrideAsync(device, full, report, cancellationToken).ConfigureAwait(false);
                break;
        }
        report(new CommandOutput("load", $"loaded {full.Count(c => c == '\n')} lines", clock.Elapsed));

        string compare = await device.SendCommandAsync(driver.Change.CompareCommand ?? "show | compare", cancellationToken: cancellationToken).ConfigureAwait(false);
        report(new CommandOutput("compare", compare.Trim().Length == 0 ? "(no difference from the running configuration)" : compare, TimeSpan.Zero));
        if (change.DryRun || change.Discard)
        {
            await device.SendCommandAsync(driver.Change.DiscardCommand ?? "rollback 0", cancellationToken: cancellationToken).ConfigureAwait(false);
            await device.ExitConfigModeAsync(cancellationToken).ConfigureAwait(false);
            report(new CommandOutput("discard", "dry run: the candidate was thrown away; nothing was committed", TimeSpan.Zero));
            return;
        }

        clock.Restart();
        string output = await device.CommitAsync(new CommitOptions { Comment = change.Comment ?? "vty rollback", ConfirmMinutes = change.ConfirmMinutes }, cancellationToken).ConfigureAwait(false);
        report(new CommandOutput(change.ConfirmMinutes is int m ? $"commit confirmed {m}" : "commit", output, clock.Elapsed));
        if (change.ConfirmMinutes is not null)
        {
            await device.Protocol.ExecuteAsync("", new Protocols.ExecuteOptions { CheckErrors = false }, cancellationToken).ConfigureAwait(false);
            report(new CommandOutput("commit (confirming)", await device.CommitAsync(new CommitOptions(), cancellationToken).ConfigureAwait(false), TimeSpan.Zero));
        }
        await device.ExitConfigModeAsync(cancellationToken).ConfigureAwait(false);

        string after = await ConfigFetcher.FetchAsync(device, keepSecrets: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        string difference = LineDiff.Unified(stored, after, "stored", "device");
        if (difference.Length > 0)
            throw new DeviceOperationException($"the device's configuration after the rollback differs from the stored one:\n{difference}");
        report(new CommandOutput("verify", "the device's configuration now equals the stored one", TimeSpan.Zero));
    }

    private static async Task LoadOverrideAsync(DeviceSession device, string configuration, Action<CommandOutput> report, CancellationToken cancellationToken)
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
