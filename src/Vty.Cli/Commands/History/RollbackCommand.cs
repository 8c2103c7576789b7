using System.CommandLine;
using Vty.Changes;
using Vty.Cli.Output;
using Vty.History;

namespace Vty.Cli.Commands.History;

/// <summary>
/// <c>vty rollback HOST --to REV</c>: pushes a stored configuration back on platforms that can replace
/// theirs (Junos load override), with the commit, commit-confirmed and dry-run safety of <c>vty config</c>.
/// </summary>
internal static class RollbackCommand
{
    public static Command Create()
    {
        var options = new RunFleetOptions();
        Option<string?> repo = RepoOption.Create("Configuration repository written by vty backup");
        var to = new Option<string>("--to") { Description = "The version to restore: a commit, HEAD~N, or a date (YYYY-MM-DD).", Required = true };
        var commit = new Option<bool>("--commit") { Description = "Commit the restored configuration (required on commit-model platforms, like vty config)." };
        var comment = new Option<string?>("--comment") { Description = "Commit comment (default: 'vty rollback')." };
        var confirm = new Option<int?>("--confirm") { Description = "Commit confirmed with MINUTES, then confirm once the device still answers." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Load the stored configuration, show the differences, then throw it away." };
        var command = new Command("rollback", "Restore a host's configuration from the backup repository (platforms that can replace a configuration).");
        options.AddTo(command);
        foreach (Option o in new Option[] { repo, to, commit, comment, confirm, dryRun })
            command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            ConfigRepository repository;
            try
            {
                repository = await ConfigRepository.OpenAsync(RepoOption.Require(parse, repo), create: false, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return CliError.Report(parse.InvocationConfiguration.Error, e, parse.GetValue(options.Debug));
            }
            return await RunFleetExecutor.ExecuteAsync(parse, options, "rollback", async hosts =>
            {
                var change = new ConfigChangeOptions
                {
                    Commit = parse.GetValue(commit) || parse.GetValue(confirm) is not null,
                    Comment = parse.GetValue(comment),
                    ConfirmMinutes = parse.GetValue(confirm),
                    DryRun = parse.GetValue(dryRun),
                };
                if (change.Commit && change.DryRun)
                    throw new UsageException("--commit and --dry-run exclude each other", "choose one");
                if (change.ConfirmMinutes is < 1)
                    throw new UsageException($"--confirm takes whole minutes, at least 1, not {change.ConfirmMinutes}");
                return ConfigRollback.Job(repository, parse.GetValue(to)!, change, await RunJobOptions.CreateAsync(parse, options, hosts));
            }, ct);
        });
        return command;
    }
}
