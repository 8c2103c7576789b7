using System.CommandLine;
using Vty.Cli.Output;
using Vty.History;

namespace Vty.Cli.Commands.History;

/// <summary><c>vty show-config HOST [--at REV|DATE]</c>: a host's stored configuration, now or as it was.</summary>
internal static class ShowConfigCommand
{
    public static Command Create()
    {
        var host = new Argument<string>("host") { Description = "Host name as stored by vty backup." };
        Option<string?> repo = RepoOption.Create("Configuration repository written by vty backup");
        var at = new Option<string?>("--at") { Description = "A commit, HEAD~N, or a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM): the version stored then; default: the newest." };
        var command = new Command("show-config", "Print a host's backed-up configuration, the newest or as of a version or date.") { host };
        command.Options.Add(repo);
        command.Options.Add(at);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                ConfigRepository repository = await ConfigRepository.OpenAsync(RepoOption.Require(parse, repo), create: false, ct);
                string name = parse.GetValue(host)!;
                string commit = await repository.ResolveAsync(name, parse.GetValue(at) ?? "HEAD", ct);
                await parse.InvocationConfiguration.Output.WriteAsync(await repository.ShowAsync(name, commit, ct));
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
