using System.CommandLine;
using Vty.Changes;
using Vty.Cli.Output;

namespace Vty.Cli.Commands;

/// <summary>
/// <c>vty config</c>: sends configuration lines as one set (enter/leave config mode) to hosts, and on
/// platforms with a commit model commits, discards or dry-runs them as asked, never silently leaving
/// a candidate uncommitted.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var options = new RunFleetOptions();
        var lines = new Option<string[]>("--command", "-c")
        {
            Description = "A configuration line (repeat for more), sent in order inside configuration mode.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var keepGoing = new Option<bool>("--keep-going") { Description = "Send the remaining lines after one is rejected (default: stop at the first error)." };
        var commit = new Option<bool>("--commit") { Description = "Commit on platforms with a candidate configuration (Junos, IOS-XR); without it they refuse the change." };
        var comment = new Option<string?>("--comment") { Description = "Commit comment." };
        var confirm = new Option<int?>("--confirm") { Description = "Commit confirmed: the device rolls back after MINUTES unless confirmed; vty confirms once the device still answers." };
        var discard = new Option<bool>("--discard") { Description = "Send the lines, then throw the candidate away (checks that the device accepts them)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Send the lines, show the candidate's differences (Junos show | compare), then throw them away." };
        var save = new Option<bool>("--save") { Description = "Save the configuration afterwards where the platform needs it (IOS write memory)." };
        var diff = new Option<bool>("--diff") { Description = "Show what the change did to the running configuration (backup before and after, noise and secrets filtered)." };
        var command = new Command("config", "Send a configuration set to one or many hosts, with commit, commit confirmed, dry run, save and diff.");
        options.AddTo(command);
        foreach (Option o in new Option[] { lines, keepGoing, commit, comment, confirm, discard, dryRun, save, diff })
            command.Options.Add(o);
        command.SetAction((parse, ct) => RunFleetExecutor.ExecuteAsync(parse, options, "config", async hosts =>
        {
            var change = new ConfigChangeOptions
            {
                Commit = parse.GetValue(commit) || parse.GetValue(confirm) is not null,
                Comment = parse.GetValue(comment),
                ConfirmMinutes = parse.GetValue(confirm),
                Discard = parse.GetValue(discard),
                DryRun = parse.GetValue(dryRun),
                Save = parse.GetValue(save),
                Diff = parse.GetValue(diff),
                StopOnError = !parse.GetValue(keepGoing),
            };
            if ((change.Commit ? 1 : 0) + (change.Discard ? 1 : 0) + (change.DryRun ? 1 : 0) > 1)
                throw new UsageException("--commit, --discard and --dry-run exclude each other", "choose one");
            if (change.ConfirmMinutes is < 1)
                throw new UsageException($"--confirm takes whole minutes, at least 1, not {change.ConfirmMinutes}");
            return ConfigChange.Job(parse.GetValue(lines) ?? [], change, await RunJobOptions.CreateAsync(parse, options, hosts));
        }, ct));
        return command;
    }
}
