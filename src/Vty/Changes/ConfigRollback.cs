using Vty.Devices;
using Vty.Drivers;
using Vty.Fleet;
using Vty.History;

namespace Vty.Changes;

/// <summary>
/// <c>vty rollback</c>: pushes a stored configuration back as a whole (Junos <c>load override</c>,
/// IOS-XR <c>commit replace</c>, an EOS configuration session), with the same commit,
/// commit-confirmed and dry-run safety as <see cref="ConfigChange"/>, and checks afterwards that the
/// device's configuration equals the stored one.
/// </summary>
public static class ConfigRollback
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
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(change);
        Driver driver = device.Driver;
        if (driver.Change?.Replace is not ConfigReplaceMethod method || driver.Backup is not BackupRecipe recipe)
            throw new DeviceOperationException($"rollback is not possible on '{driver.Name}': it has no way to replace its whole configuration from a session (vty knows Junos load override, IOS-XR commit replace and EOS configuration sessions); show the change with 'vty diff' and apply it with 'vty config'; nothing was sent");
        report = ConfigChange.Scrubbed(report, driver);
        if (!change.Commit && !change.DryRun && !change.Discard)
            throw new DeviceOperationException($"changes not committed; pass --commit: a rollback on '{driver.Name}' replaces the whole configuration and needs a commit (or --dry-run to see the diff); nothing was sent");

        string current = await ConfigFetcher.FetchAsync(device, keepSecrets: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        // The repository holds scrubbed secrets; the device's own ones go back in where the lines match.
        string full = SecretRestorer.Restore(stored, current, recipe);
        Action<CommandOutput> scrubbed = report;
        var replace = new ConfigReplaceRequest(device, stored, full, change, (command, output, elapsed) => scrubbed(new CommandOutput(command, output, elapsed)));
        bool committed = method switch
        {
            ConfigReplaceMethod.JunosLoadOverride => await JunosConfigReplace.RunAsync(replace, cancellationToken).ConfigureAwait(false),
            ConfigReplaceMethod.IosXrCommitReplace => await IosXrConfigReplace.RunAsync(replace, cancellationToken).ConfigureAwait(false),
            ConfigReplaceMethod.EosConfigSession => await EosConfigReplace.RunAsync(replace, cancellationToken).ConfigureAwait(false),
            _ => throw new DeviceOperationException($"rollback method {method} is not known to this version of vty; nothing was sent"),
        };
        if (!committed)
            return;

        string after = await ConfigFetcher.FetchAsync(device, keepSecrets: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        string difference = LineDiff.Unified(stored, after, "stored", "device");
        if (difference.Length > 0)
            throw new DeviceOperationException($"the device's configuration after the rollback differs from the stored one:\n{difference}");
        report(new CommandOutput("verify", "the device's configuration now equals the stored one", TimeSpan.Zero));
    }
}
