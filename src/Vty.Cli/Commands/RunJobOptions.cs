using System.CommandLine;
using Vty.Cli.Output;
using Vty.Fleet;
using Vty.Inventory;

namespace Vty.Cli.Commands;

/// <summary>Builds the job options (secrets, enable, timeouts) a fleet command line asks for.</summary>
internal static class RunJobOptions
{
    public static async Task<FleetJobOptions> CreateAsync(ParseResult parse, RunFleetOptions options, IReadOnlyList<InventoryHost> hosts)
    {
        bool interactive = !Console.IsInputRedirected && CliConsole.IsTerminal(parse.InvocationConfiguration.Output) && !parse.GetValue(options.Json);
        var secrets = new SecretResolver(prompt: interactive ? SecretPrompt.AskAsync : null);
        // Ask for a missing password once, before the progress display takes the terminal.
        if (interactive)
        {
            foreach (InventoryHost host in hosts)
            {
                try
                {
                    await secrets.ResolveAsync(host).ConfigureAwait(false);
                }
                catch (InventoryException)
                {
                    // Reported as that host's failure during the run.
                }
            }
        }
        return new FleetJobOptions
        {
            Secrets = secrets,
            Connect = new Devices.DeviceConnectOptions { Enable = parse.GetValue(options.Enable) },
        };
    }
}
