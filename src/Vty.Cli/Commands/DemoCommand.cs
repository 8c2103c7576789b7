using System.CommandLine;
using Spectre.Console;
using Vty.Cli.Output;
using Vty.Fleet;
using Vty.Inventory;
using Vty.Lab;

namespace Vty.Cli.Commands;

/// <summary>
/// <c>vty demo</c>: the README's first command. Starts an in-process lab of emulated devices
/// (IOS, Junos, EOS, NX-OS, Linux), runs a fleet job across them with progress, and prints the
/// summary table. No setup, no network beyond the process.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The mix the demo aims for; profiles the lab does not offer are left out.</summary>
    private static readonly string[] WantedProfiles = ["ios", "junos", "eos", "nxos", "linux"];

    public static Command Create()
    {
        var devices = new Option<int>("--devices", "-n") { Description = "Number of emulated devices.", DefaultValueFactory = _ => 20 };
        var parallel = new Option<int>("--parallel", "-p") { Description = "Devices worked on at once.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per device per line instead of the table." };
        var debug = new Option<bool>("--debug") { Description = "Show stack traces for errors." };
        var command = new Command("demo", "Run a fleet job across an in-process lab of emulated devices (no setup needed).");
        command.Options.Add(devices);
        command.Options.Add(parallel);
        command.Options.Add(json);
        command.Options.Add(debug);
        command.SetAction(async (parse, ct) =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            int count = parse.GetValue(devices);
            if (count is < 1 or > 10_000)
                return CliError.Report(parse.InvocationConfiguration.Error, new UsageException($"--devices must be from 1 to 10000, not {count}"), false);
            try
            {
                IReadOnlyList<InventoryHost> hosts = LabHosts(count);
                IAnsiConsole console = CliConsole.Create(stdout);
                bool asJson = parse.GetValue(json);
                if (!asJson)
                {
                    var profiles = hosts.Select(h => h.Driver!).Distinct();
                    console.MarkupLine($"[bold]vty demo[/]: {hosts.Count} emulated devices ({Markup.Escape(string.Join(", ", profiles))}) in this process, in-memory sessions; running [bold]show version[/] and a second command on each.");
                }

                var options = new FleetRunOptions { MaxParallel = Math.Max(1, parse.GetValue(parallel)), HostTimeout = TimeSpan.FromSeconds(30) };
                if (asJson)
                    options.Observers.Add(new JsonLinesResultWriter(stdout));
                var jobOptions = new FleetJobOptions { Secrets = new SecretResolver(_ => null) };
                HostJob job = (context, token) => FleetJobs.Commands(CommandsFor(context.Host.Driver), jobOptions)(context, token);

                bool progress = !asJson && CliConsole.IsTerminal(stdout);
                FleetReport report = await FleetProgressDisplay.RunAsync(console, progress, hosts.Count, "demo", observer =>
                {
                    if (observer is not null)
                        options.Observers.Add(observer);
                    return new FleetRunner(options).RunAsync(hosts, job, ct);
                }).ConfigureAwait(false);

                if (!asJson)
                {
                    SummaryTable.Write(console, report);
                    console.MarkupLine("Next: [bold]vty run dummy://lab@r1?profile=ios -c \"show version\"[/], or see README.md for the tour.");
                }
                if (report.Cancelled)
                    return RunFleetExecutor.InterruptedExitCode;
                return Math.Min(report.Failed, 100);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return CliError.Report(parse.InvocationConfiguration.Error, e, parse.GetValue(debug));
            }
        });
        return command;
    }

    /// <summary>The demo's devices: the wanted profiles in turn, each host reached as a <c>dummy://</c> lab device.</summary>
    internal static IReadOnlyList<InventoryHost> LabHosts(int count)
    {
        string[] profiles = WantedProfiles.Where(p => DeviceProfiles.TryGet(p, out _)).ToArray();
        if (profiles.Length == 0)
            profiles = [.. DeviceProfiles.Names];
        var hosts = new List<InventoryHost>(count);
        for (int i = 0; i < count; i++)
        {
            string profile = profiles[i % profiles.Length];
            string name = $"{profile}-{i / profiles.Length + 1:00}";
            var settings = new HostSettings { Driver = profile, Password = "lab" };
            hosts.Add(InventoryHost.FromUrl($"dummy://lab@{name}?profile={profile}", settings));
        }
        return hosts;
    }

    /// <summary>Two everyday commands per platform.</summary>
    internal static IReadOnlyList<string> CommandsFor(string? driver) => driver switch
    {
        "linux" => ["uname -a", "uptime"],
        "junos" => ["show version", "show system uptime"],
        _ => ["show version", "show clock"],
    };
}
