using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Vty.Devices;
using Vty.Diagnostics;
using Vty.Fleet;
using Vty.Inventory;
using Vty.Lab;
using Vty.Lab.Serving;
using Vty.TestSupport;

namespace Vty.Cli.Tests;

/// <summary>
/// The <c>Vty</c> meter and activity source, read with OpenTelemetry's in-memory exporter from a
/// fleet run over lab devices served on SSH and Telnet (one refusing the login, one port closed).
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_lab_run_reports_hosts_commands_connections_and_bytes()
    {
        await using LabHost lab = await LabHost.StartAsync(new LabHostOptions
        {
            Devices = 3,
            Profiles = ["ios", "ios", "ios"],
            ConfigureDevice = (index, device) => { if (index == 2) device.Fault = LabFault.RejectLogin; },
        });
        string run = Guid.NewGuid().ToString("N")[..8];
        int closed = FreePort.Next();
        InventoryHost[] hosts =
        [
            new() { Name = $"ssh-{run}", Url = $"ssh://lab@127.0.0.1:{lab.Devices[0].SshPort}", Settings = new HostSettings { Driver = "ios" } },
            new() { Name = $"telnet-{run}", Url = $"telnet://lab@127.0.0.1:{lab.Devices[1].TelnetPort}" },
            new() { Name = $"refused-{run}", Url = $"ssh://lab@127.0.0.1:{lab.Devices[2].SshPort}" },
            new() { Name = $"closed-{run}", Url = $"telnet://lab@127.0.0.1:{closed}" },
        ];
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        using TracerProvider tracer = Sdk.CreateTracerProviderBuilder().AddSource(VtyTelemetry.Name).AddInMemoryExporter(activities).Build();
        using MeterProvider meter = Sdk.CreateMeterProviderBuilder().AddMeter(VtyTelemetry.Name).AddInMemoryExporter(metrics).Build();

        var job = FleetJobs.Commands(["show clock", "show version"], new FleetJobOptions
        {
            Secrets = new SecretResolver(name => name == SecretResolver.PasswordVariable ? "lab" : null),
            Connect = new DeviceConnectOptions { ConfigureSsh = (_, ssh) => ssh.HostKeyPolicy = Vty.Ssh.HostKeyPolicy.Off },
        });
        FleetReport report = await new FleetRunner(new FleetRunOptions { HostTimeout = TimeSpan.FromSeconds(30) }).RunAsync(hosts, job);
        Assert.Equal(2, report.Results.Count(r => r.Ok));
        tracer.ForceFlush();
        meter.ForceFlush();

        // One activity per host, with host, driver and status.
        Dictionary<string, Activity> byHost = activities.Where(a => a.OperationName == "vty.host" && ((string?)a.GetTagItem(VtyTelemetry.HostTag))?.EndsWith(run, StringComparison.Ordinal) == true)
            .ToDictionary(a => (string)a.GetTagItem(VtyTelemetry.HostTag)!);
        Assert.Equal(4, byHost.Count);
        Assert.Equal("ok", byHost[$"ssh-{run}"].GetTagItem(VtyTelemetry.StatusTag));
        Assert.Equal("ios", byHost[$"ssh-{run}"].GetTagItem(VtyTelemetry.DriverTag));
        Assert.Equal("ok", byHost[$"telnet-{run}"].GetTagItem(VtyTelemetry.StatusTag));
        Assert.Equal("ios", byHost[$"telnet-{run}"].GetTagItem(VtyTelemetry.DriverTag));
        Assert.Equal("login-failed", byHost[$"refused-{run}"].GetTagItem(VtyTelemetry.StatusTag));
        Assert.Equal(ActivityStatusCode.Error, byHost[$"refused-{run}"].Status);
        Assert.Equal("unreachable", byHost[$"closed-{run}"].GetTagItem(VtyTelemetry.StatusTag));

        // One activity per command, inside its host's trace, with host, driver, command and status.
        Activity sshHost = byHost[$"ssh-{run}"];
        List<Activity> commands = activities.Where(a => a.OperationName == "vty.command" && a.TraceId == sshHost.TraceId).ToList();
        Assert.Contains(commands, c => (string?)c.GetTagItem(VtyTelemetry.CommandTag) == "show clock");
        Activity showVersion = Assert.Single(commands, c => (string?)c.GetTagItem(VtyTelemetry.CommandTag) == "show version");
        Assert.Equal("ok", showVersion.GetTagItem(VtyTelemetry.StatusTag));
        Assert.Equal("ios", showVersion.GetTagItem(VtyTelemetry.DriverTag));
        Assert.Equal("127.0.0.1", showVersion.GetTagItem(VtyTelemetry.HostTag));
        Assert.Contains(activities, a => a.OperationName == "vty.login" && a.TraceId == sshHost.TraceId);
        Assert.Contains(activities, a => a.OperationName == "vty.connect" && a.TraceId == byHost[$"closed-{run}"].TraceId && a.Status == ActivityStatusCode.Error);

        // Metrics (other tests may add to them in this process: at least ours are there).
        Assert.True(Sum(metrics, "vty.connections.opened", ("vty.protocol", "ssh")) >= 1);
        Assert.True(Sum(metrics, "vty.connections.failed", ("vty.protocol", "ssh")) >= 1); // SSH authentication is part of its handshake
        Assert.True(Sum(metrics, "vty.connections.opened", ("vty.protocol", "telnet")) >= 1);
        Assert.True(Sum(metrics, "vty.connections.failed", ("vty.protocol", "telnet")) >= 1);
        Assert.True(Count(metrics, "vty.connection.handshake.duration") >= 2);
        Assert.True(Count(metrics, "vty.login.duration", ("vty.status", "ok")) >= 2);
        Assert.True(Count(metrics, "vty.login.duration", ("vty.status", "login-failed")) >= 1);
        Assert.True(Count(metrics, "vty.command.duration", ("vty.status", "ok")) >= 4);
        Assert.True(Sum(metrics, "vty.bytes.received", ("vty.protocol", "telnet")) > 100);
        Assert.True(Sum(metrics, "vty.bytes.sent", ("vty.protocol", "ssh")) > 10);
        Assert.True(Sum(metrics, "vty.hosts", ("vty.status", "ok")) >= 2);
        Assert.True(Sum(metrics, "vty.hosts", ("vty.status", "login-failed")) >= 1);
        Assert.True(Sum(metrics, "vty.hosts", ("vty.status", "unreachable")) >= 1);
    }

    private static IEnumerable<MetricPoint> Points(List<Metric> metrics, string name, (string Key, string Value)? tag)
    {
        // The in-memory exporter keeps every export; the last one of a metric has the final totals.
        Metric? metric = metrics.LastOrDefault(m => m.Name == name);
        Assert.True(metric is not null, $"no metric {name}; got {string.Join(", ", metrics.Select(m => m.Name).Distinct())}");
        foreach (ref readonly MetricPoint point in metric.GetMetricPoints())
        {
            bool match = tag is null;
            foreach (KeyValuePair<string, object?> t in point.Tags)
                if (tag is { } wanted && t.Key == wanted.Key && (string?)t.Value == wanted.Value)
                    match = true;
            if (match)
                yield return point;
        }
    }

    private static long Sum(List<Metric> metrics, string name, (string, string) tag) =>
        Points(metrics, name, tag).ToList().Sum(p => p.GetSumLong());

    private static long Count(List<Metric> metrics, string name, (string, string)? tag = null) =>
        Points(metrics, name, tag).ToList().Sum(p => p.GetHistogramCount());
}
