using System.CommandLine;

namespace Vty.Cli.Commands;

/// <summary><c>vty driver</c>: the platform drivers (built-in and user YAML files).</summary>
internal static class DriverCommand
{
    public static Command Create()
    {
        var command = new Command("driver", "List the platform drivers or guess one from a login transcript.");
        command.Subcommands.Add(DriverListCommand.Create());
        command.Subcommands.Add(DriverGuessCommand.Create());
        return command;
    }
}
