using System.Globalization;
using Vty.Devices;
using Vty.Fleet;
using Vty.Inventory;
using Vty.Lab.Serving;

namespace Vty.Bench.Fleet;

/// <summary>
/// <c>fleet [--devices N] [--commands N] [--parallel N] [--transport ssh|telnet|dummy] [--kex NAME] [--telemetry] [--exception-sites] [--alloc-types]</c>: one
/// fleet run of N lab devices × M commands (connect, log in, enable, run, disconnect) through the
/// same code as <c>vty run</c>. Reports wall time, CPU, peak RSS and per-command latency percentiles.
/// <c>--telemetry</c> listens to every Vty instrument and activity (as an OpenTelemetry SDK would),
/// so two runs give what telemetry costs. <c>--kex</c> offers only that key exchange (the default list
/// starts with mlkem768x25519-sha256); <c>--exception-sites</c> groups the exceptions thrown by where
/// (a profiling aid: it walks the stack on every throw); <c>--alloc-types</c> groups allocated bytes by
/// type from the runtime's allocation ticks (also a profiling aid).
/// </summary>
internal static class FleetBench
{
    private static readonly string[] Commands =
    [
        "show version", "show clock", "show ip interface brief", "show running-config", "show interfaces",
        "show users", "show inventory", "show vlan brief", "show ip route", "show clock",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        int devices = IntArg(args, "--devices", 1000);
        int commands = IntArg(args, "--commands", 10);
        int parallel = IntArg(args, "--parallel", 200);
        string transport = StringArg(args, "--transport", "ssh");
        string? kex = StringArg(args, "--kex", "") is { Length: > 0 } k ? k : null;
        var meter = new ResourceMeter();
        using TelemetrySink? telemetry = args.Contains("--telemetry") ? new TelemetrySink() : null;

        LabHost? lab = null;
        IReadOnlyList<InventoryHost> hosts;
        var labSettings = new HostSettings { Driver = "ios", Username = "lab", Password = "lab" };
        if (transport == "dummy")
        {
            hosts = HostInventory.FromUrls(Enumerable.Range(1, devices).Select(i => $"dummy://lab@ios{i}?profile=ios"), labSettings).Hosts;
        }
        else
        {
            lab = await LabHost.StartAsync(new LabHostOptions
            {
                Devices = devices,
                Profiles = ["ios"],
                Ssh = transport == "ssh",
                Telnet = transport == "telnet",
            });
            hosts = lab.Devices.Select(d => InventoryHost.FromUrl((transport == "ssh" ? d.SshUrl : d.TelnetUrl)!, labSettings) with { Name = d.Name }).ToList();
        }
        TimeSpan labStart = meter.Wall;

        var jobOptions = new FleetJobOptions
        {
            Secrets = new SecretResolver(_ => null),
            Connect = new DeviceConnectOptions
            {
                Enable = true,
                ConfigureSsh = (_, ssh) =>
                {
                    ssh.HostKeyPolicy = Vty.Ssh.HostKeyPolicy.Off;
                    if (kex is not null)
                        ssh.KexAlgorithms = [kex];
                },
                // As `vty run` does: fleet results are text, so no raw bytes are kept.
                ConfigureProtocol = (_, protocol) => protocol.KeepRawBytes = false,
            },
        };
        using var exceptions = new ExceptionCounter(sites: args.Contains("--exception-sites"));
        using AllocationSampler? allocations = args.Contains("--alloc-types") ? new AllocationSampler() : null;
        var gcBefore = GcCounts.Now();
        var runMeter = new ResourceMeter();
        FleetReport report = await new FleetRunner(new FleetRunOptions { MaxParallel = parallel, HostTimeout = TimeSpan.FromSeconds(120) })
            .RunAsync(hosts, FleetJobs.Commands(Commands.Take(commands).ToArray(), jobOptions));
        TimeSpan wall = runMeter.Wall;
        TimeSpan cpu = runMeter.Cpu;
        long thrown = exceptions.Count;
        var gc = GcCounts.Now() - gcBefore;
        double rss = ResourceMeter.PeakRssMiB();
        if (lab is not null)
            await lab.DisposeAsync();

        var latencies = new LatencyStats(report.Results.SelectMany(r => r.Results).Select(r => r.Elapsed));
        var hostTimes = new LatencyStats(report.Results.Select(r => r.Elapsed));
        Console.WriteLine($"fleet: {devices} devices x {commands} commands over {transport}, parallel {parallel}, {Environment.ProcessorCount} cores{(telemetry is null ? "" : ", telemetry on")}");
        Console.WriteLine($"  lab start        {labStart.TotalSeconds:0.00} s");
        Console.WriteLine($"  wall (run)       {wall.TotalSeconds:0.00} s");
        Console.WriteLine($"  cpu (run)        {cpu.TotalSeconds:0.00} s ({cpu.TotalSeconds / Math.Max(0.001, wall.TotalSeconds) * 100:0}% of one core; lab devices and servers included)");
        Console.WriteLine($"  peak RSS         {rss:0} MiB (whole process, lab included)");
        Console.WriteLine($"  hosts ok/failed  {report.Succeeded}/{report.Failed}");
        Console.WriteLine($"  per command      {latencies}");
        Console.WriteLine($"  per host         {hostTimes}");
        if (telemetry is not null)
            Console.WriteLine($"  telemetry        {telemetry}");
        Console.WriteLine($"  allocated        {gc.AllocatedMiB:0} MiB ({gc.AllocatedMiB * 1024 / devices:0} KiB per host, lab included); GCs gen0/1/2 {gc.Gen0}/{gc.Gen1}/{gc.Gen2}, paused {gc.Pause.TotalSeconds:0.00} s");
        Console.WriteLine($"  exceptions       {thrown} thrown (first chance, lab included)");
        foreach (var (site, count) in exceptions.TopSites(12))
            Console.WriteLine($"    x{count} {site}");
        foreach (var (type, share) in allocations?.Top(25) ?? [])
            Console.WriteLine($"    {share * 100,5:0.0}% {type}");
        foreach (var failure in report.Results.Where(r => !r.Ok).GroupBy(r => r.Error).Take(5))
            Console.WriteLine($"  failure x{failure.Count()}: {failure.Key}");
        return report.Failed == 0 ? 0 : 1;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string StringArg(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
