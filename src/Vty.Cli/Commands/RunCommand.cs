using System.CommandLine;
using Vty.Fleet;

namespace Vty.Cli.Commands;

/// <summary><c>vty run</c>: runs commands on hosts (URLs or an inventory), in parallel, with a summary.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var options = new RunFleetOptions();
        var commands = new Option<string[]>("--command", "-c")
        {
            Description = "A command to run (repeat for more); runs in order on each host.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("run", "Run commands on one or many hosts over SSH, Telnet or the in-memory lab.");
        options.AddTo(command);
        command.Options.Add(commands);
        command.SetAction((parse, ct) => RunFleetExecutor.ExecuteAsync(parse, options, "run",
            async hosts => FleetJobs.Commands(parse.GetValue(commands) ?? [], await RunJobOptions.CreateAsync(parse, options, hosts)), ct));
        return command;
    }
}
