using System.CommandLine;
using Spectre.Console;
using Vty.Cli.Output;
using Vty.Fleet;
using Vty.Inventory;
using Vty.Lab;
using Vty.Lab.Serving;

namespace Vty.Cli.Commands;

/// <summary>
/// <c>vty demo</c>: the README's first command. Starts an in-process lab of emulated devices
/// (IOS, Junos, EOS, NX-OS, Linux) served over vty's own SSH and Telnet servers on loopback,
/// runs a fleet job across them with progress, and prints the summary table. No setup.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The mix the demo aims for, in this order: the everyday platforms first, then every other lab profile.</summary>
    private static readonly string[] FirstProfiles = ["ios", "junos", "eos", "nxos", "linux"];

    public static Command Create()
    {
        var devices = new Option<int>("--devices", "-n") { Description = "Number of emulated devices.", DefaultValueFactory = _ => 20 };
        var parallel = new Option<int>("--parallel", "-p") { Description = "Devices worked on at once.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per device per line instead of the table." };
        var inMemory = new Option<bool>("--in-memory") { Description = "Talk to the devices through in-memory sessions (dummy://) instead of SSH and Telnet on loopback." };
        var debug = new Option<bool>("--debug") { Description = "Show stack traces for errors." };
        var command = new Command("demo", "Run a fleet job across an in-process lab of emulated devices (no setup needed).");
        command.Options.Add(devices);
        command.Options.Add(parallel);
        command.Options.Add(json);
        command.Options.Add(inMemory);
        command.Options.Add(debug);
        command.SetAction(async (parse, ct) =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            int count = parse.GetValue(devices);
            if (count is < 1 or > 10_000)
                return CliError.Report(parse.InvocationConfiguration.Error, new UsageException($"--devices must be from 1 to 10000, not {count}"), false);
            try
            {
                // The demo's text is a table and notes: on stdout for a terminal, else on stderr,
                // so a pipe gets only results (the JSON lines with --json).
                TextWriter stderr = parse.InvocationConfiguration.Error;
                bool terminal = CliConsole.IsTerminal(stdout);
                IAnsiConsole console = CliConsole.ForDiagnostics(stdout, stderr);
                bool asJson = parse.GetValue(json);
                bool memory = parse.GetValue(inMemory);
                await using LabHost? lab = memory ? null : await LabHost.StartAsync(new LabHostOptions { Devices = count, Profiles = AvailableProfiles() }, ct).ConfigureAwait(false);
                IReadOnlyList<InventoryHost> hosts = lab is null ? LabHosts(count) : ServedHosts(lab);
                if (!asJson)
                {
                    var profiles = hosts.Select(h => h.Driver!).Distinct();
                    string how = lab is null
                        ? "in-memory sessions"
                        : $"{hosts.Count(h => h.Url.StartsWith("ssh", StringComparison.Ordinal))} over SSH, {hosts.Count(h => h.Url.StartsWith("telnet", StringComparison.Ordinal))} over Telnet to vty's own servers on 127.0.0.1";
                    console.MarkupLine($"[bold]vty demo[/]: {hosts.Count} emulated devices ({Markup.Escape(string.Join(", ", profiles))}), {Markup.Escape(how)}.");
                    console.MarkupLine("Running each platform's version command and a second command on each, all at once.");
                }

                var options = new FleetRunOptions { MaxParallel = Math.Max(1, parse.GetValue(parallel)), HostTimeout = TimeSpan.FromSeconds(30), LoggerFactory = Telemetry.CliTelemetry.LoggerFactoryOrNull };
                if (asJson)
                    options.Observers.Add(JsonLinesOutput.Create(stdout));
                var jobOptions = new FleetJobOptions
                {
                    Secrets = new SecretResolver(_ => null),
                    // The lab's host keys are generated in this very process: nothing to verify, nothing to remember.
                    Connect = new Devices.DeviceConnectOptions { LoggerFactory = Telemetry.CliTelemetry.LoggerFactoryOrNull, ConfigureSsh = (_, ssh) => ssh.HostKeyPolicy = Vty.Ssh.HostKeyPolicy.Off },
                };
                HostJob job = (context, token) => FleetJobs.Commands(CommandsFor(context.Host.Driver), jobOptions)(context, token);

                bool progress = terminal ? !asJson : CliConsole.IsTerminal(stderr);
                FleetReport report = await FleetProgressDisplay.RunAsync(console, progress, hosts.Count, "demo", observer =>
                {
                    if (observer is not null)
                        options.Observers.Add(observer);
                    return new FleetRunner(options).RunAsync(hosts, job, ct);
                }).ConfigureAwait(false);

                if (!asJson)
                {
                    SummaryTable.Write(console, report);
                    console.MarkupLine("Next: [bold]vty lab --devices 5 --inventory-out lab.yaml[/] in one terminal, [bold]vty run --inventory lab.yaml -c \"show version\"[/] in another; README.md has the tour.");
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

    private static List<string> AvailableProfiles()
    {
        List<string> profiles = [.. FirstProfiles.Where(p => DeviceProfiles.TryGet(p, out _))];
        profiles.AddRange(DeviceProfiles.Names.Where(p => !profiles.Contains(p)));
        return profiles;
    }

    /// <summary>The served lab's devices, every other one over Telnet, with the lab's throwaway login.</summary>
    internal static IReadOnlyList<InventoryHost> ServedHosts(LabHost lab)
    {
        var hosts = new List<InventoryHost>(lab.Devices.Count);
        foreach (LabHostDevice device in lab.Devices)
        {
            string url = (device.Index % 2 == 0 ? device.SshUrl ?? device.TelnetUrl : device.TelnetUrl ?? device.SshUrl)!;
            var settings = new HostSettings { Driver = device.Profile, Username = lab.Options.Username, Password = lab.Options.Password };
            hosts.Add(InventoryHost.FromUrl(url, settings) with { Name = device.Name });
        }
        return hosts;
    }

    /// <summary>The demo's devices: the wanted profiles in turn, each host reached as a <c>dummy://</c> lab device.</summary>
    internal static IReadOnlyList<InventoryHost> LabHosts(int count)
    {
        List<string> profiles = AvailableProfiles();
        var hosts = new List<InventoryHost>(count);
        for (int i = 0; i < count; i++)
        {
            string profile = profiles[i % profiles.Count];
            string name = $"{profile}-{i / profiles.Count + 1:00}";
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
        "vrp" or "comware" => ["display version", "display clock"],
        "fortios" => ["get system status", "get router info routing-table all"],
        "panos" => ["show system info", "show clock"],
        "routeros" => ["/system resource print", "/system identity print"],
        "vyos" => ["show version", "show interfaces"],
        "sros" => ["show version", "show system information"],
        "exos" => ["show version", "show switch"],
        "procurve" or "aoscx" => ["show version", "show system"],
        _ => ["show version", "show clock"],
    };
}
