using System.CommandLine;
using Vty.Fleet;

namespace Vty.Cli.Commands;

/// <summary><c>vty config</c>: sends configuration lines as one set (enter/leave config mode) to hosts.</summary>
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
        var command = new Command("config", "Send a configuration set to one or many hosts (config mode entered and left per driver).");
        options.AddTo(command);
        command.Options.Add(lines);
        command.Options.Add(keepGoing);
        command.SetAction((parse, ct) => RunFleetExecutor.ExecuteAsync(parse, options, "config", async hosts =>
        {
            FleetJobOptions jobOptions = await RunJobOptions.CreateAsync(parse, options, hosts);
            jobOptions.StopOnError = !parse.GetValue(keepGoing);
            return FleetJobs.ConfigSet(parse.GetValue(lines) ?? [], jobOptions);
        }, ct));
        return command;
    }
}
