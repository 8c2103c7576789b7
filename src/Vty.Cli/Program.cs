using System.CommandLine;
using Vty.Cli.Commands;

namespace Vty.Cli;

/// <summary>Entry point of the <c>vty</c> tool: parses the command line and runs one command.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // `vty lab` ends only by a signal, also when a script started it in the background.
        if (args is ["lab", ..])
            Platform.IgnoredSignals.RestoreTerminationSignals();
        RootCommand root = BuildRootCommand();
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // A usage error (unknown flag, missing argument) exits 2, as ssh and most tools do.
            foreach (var error in parse.Errors) await Console.Error.WriteLineAsync($"vty: {error.Message}");
            await Console.Error.WriteLineAsync("run 'vty --help' or 'vty COMMAND --help' for usage");
            return 2;
        }
        Telemetry.CliTelemetry telemetry;
        try
        {
            telemetry = Telemetry.CliTelemetry.Start(parse);
        }
        catch (Output.UsageException e)
        {
            return Output.CliError.Report(Console.Error, e, debug: false);
        }
        // `vty worker` and `vty backup --every` drain on SIGTERM for up to their --drain-timeout and
        // handle the signals themselves; the command line library's default would end the process
        // two seconds after the signal.
        var invocation = new InvocationConfiguration();
        if (args is ["worker", ..] || Commands.History.BackupCommand.DrainsOnSignal(parse))
            invocation.ProcessTerminationTimeout = null;
        await using (telemetry)
            return await parse.InvokeAsync(invocation);
    }

    /// <summary>The full command tree; tests build it to run commands in-process.</summary>
    public static RootCommand BuildRootCommand()
    {
        // The core knows ssh:// and telnet://; the tool also serves the lab's dummy:// devices.
        Lab.LabSchemes.Register();
        var root = new RootCommand("vty: drive hosts and network devices over SSH and Telnet through one API.");
        foreach (Command command in CommandCatalog.Create())
            root.Subcommands.Add(command);
        Telemetry.GlobalOptions.AddTo(root);
        return root;
    }
}
