using System.CommandLine;
using Vty.Cli.Output;
using Vty.History;

namespace Vty.Cli.Commands.History;

/// <summary><c>vty diff HOST</c>: what changed in a host's stored configuration (unified diff, coloured on a terminal).</summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var host = new Argument<string>("host") { Description = "Host name as stored by vty backup." };
        Option<string?> repo = RepoOption.Create("Configuration repository written by vty backup");
        var from = new Option<string?>("--from") { Description = "Older version: a commit, HEAD~N, or a date (YYYY-MM-DD); default: the version before --to." };
        var to = new Option<string?>("--to") { Description = "Newer version (same forms); default: the newest." };
        var color = new Option<string>("--color") { Description = "auto (colour on a terminal), always or never.", DefaultValueFactory = _ => "auto" };
        var command = new Command("diff", "Show what changed in a host's backed-up configuration.") { host };
        foreach (Option o in new Option[] { repo, from, to, color })
            command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            try
            {
                ConfigRepository repository = await ConfigRepository.OpenAsync(RepoOption.Require(parse, repo), create: false, ct);
                bool colour = parse.GetValue(color) switch
                {
                    "always" => true,
                    "never" => false,
                    "auto" => CliConsole.IsTerminal(stdout),
                    var other => throw new UsageException($"--color '{other}' is not auto, always or never"),
                };
                string diff = await repository.DiffAsync(parse.GetValue(host)!, parse.GetValue(from), parse.GetValue(to), colour, ct);
                await stdout.WriteAsync(diff);
                return 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return CliError.Report(parse.InvocationConfiguration.Error, e, debug: false);
            }
        });
        return command;
    }
}
