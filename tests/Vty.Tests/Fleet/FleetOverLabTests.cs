using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Vty.Devices;
using Vty.Fleet;
using Vty.Inventory;
using Vty.Protocols;

namespace Vty.Tests.Fleet;

/// <summary>The runner over real sessions with emulated devices, some of which misbehave.</summary>
public sealed class FleetOverLabTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);

    /// <summary>A loopback port with nothing listening (bound, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static FleetJobOptions JobOptions() => new()
    {
        Secrets = new SecretResolver(name => name == SecretResolver.PasswordVariable ? "lab" : null),
        Connect = new DeviceConnectOptions { CommandTimeout = TimeSpan.FromSeconds(2), ConnectTimeout = TimeSpan.FromSeconds(2) },
    };

    [Fact]
    public async Task TwoHundredDevicesWithTenPercentBrokenKeepEveryGoodResultAndEachReason()
    {
        int closed = ClosedPort();
        var urls = new List<string>();
        var expected = new Dictionary<string, FailureKind>();
        for (int i = 0; i < 200; i++)
        {
            string name = $"d{i:000}";
            (string url, FailureKind kind) = (i % 40) switch
            {
                // Distinct loopback addresses (all of 127/8 is local): each host is given once.
                0 => ($"telnet://lab@127.0.0.{(i / 40) + 1}:{closed}", FailureKind.Unreachable),
                10 => ($"dummy://lab@{name}?profile=ios&fault=reject-login", FailureKind.LoginFailed),
                20 => ($"dummy://lab@{name}?profile=ios&fault=hang-after-login", FailureKind.Timeout),
                30 => ($"dummy://lab@{name}?profile=ios&fault=hang-before-banner", FailureKind.Timeout),
                _ => ($"dummy://lab@{name}?profile=ios", FailureKind.None),
            };
            urls.Add(url);
            expected[url] = kind;
        }
        IReadOnlyList<InventoryHost> hosts = HostInventory.FromUrls(urls).Hosts;
        string dir = Path.Combine(Path.GetTempPath(), $"vty-fleet200-{Guid.NewGuid():N}");
        try
        {
            await using var folder = new FleetOutputFolder(dir);
            var options = new FleetRunOptions { MaxParallel = 50, HostTimeout = TimeSpan.FromSeconds(5), OpenTranscript = folder.OpenTranscript };
            options.Observers.Add(folder);

            FleetReport report = await new FleetRunner(options)
                .RunAsync(hosts, FleetJobs.Commands(["show version", "show clock"], JobOptions()))
                .WaitAsync(TestTimeout);

            Assert.Equal(200, report.Results.Count);
            Assert.Equal(180, report.Succeeded);
            foreach (HostResult result in report.Results)
            {
                FailureKind want = expected[result.Host.Url];
                Assert.True(want == result.Failure, $"{result.Host.Name} ({result.Host.Url}): expected {want}, got {result.Failure}: {result.Error}");
                if (result.Ok)
                {
                    Assert.Equal(2, result.Results.Count);
                    Assert.Contains("Cisco IOS Software", result.Results[0].Output);
                }
                else
                {
                    Assert.False(string.IsNullOrWhiteSpace(result.Error));
                }
            }
            await folder.DisposeAsync();
            Assert.Equal(200, (await File.ReadAllLinesAsync(folder.ResultsPath)).Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task AnInterruptedRunKeepsTheHostsThatFinished()
    {
        var urls = Enumerable.Range(0, 60).Select(i => i < 20 ? $"dummy://lab@ok{i}?profile=ios" : $"dummy://lab@slow{i}?profile=ios&fault=hang-after-login").ToList();
        IReadOnlyList<InventoryHost> hosts = HostInventory.FromUrls(urls).Hosts;
        string dir = Path.Combine(Path.GetTempPath(), $"vty-fleet-cancel-{Guid.NewGuid():N}");
        using var cts = new CancellationTokenSource();
        try
        {
            await using var folder = new FleetOutputFolder(dir);
            var options = new FleetRunOptions { MaxParallel = 10, HostTimeout = TimeSpan.FromSeconds(60) };
            options.Observers.Add(folder);
            // Stop the run once the 20 good hosts are through and the hanging ones block every worker.
            options.Observers.Add(new StopAfter(20, cts));

            FleetReport report = await new FleetRunner(options)
                .RunAsync(hosts, FleetJobs.Commands(["show clock"], JobOptions()), cts.Token)
                .WaitAsync(TestTimeout);

            Assert.True(report.Cancelled);
            Assert.Equal(20, report.Succeeded);
            Assert.All(report.Results.Where(r => !r.Ok), r => Assert.Equal(FailureKind.Cancelled, r.Failure));
            Assert.NotEmpty(report.NotStarted);
            await folder.DisposeAsync();
            var written = (await File.ReadAllLinesAsync(folder.ResultsPath)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(20, written.Count(e => e.GetProperty("ok").GetBoolean()));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed class StopAfter(int okHosts, CancellationTokenSource cts) : IFleetObserver
    {
        private int _ok;

        public ValueTask HostFinishedAsync(HostResult result, CancellationToken cancellationToken)
        {
            if (result.Ok && ++_ok == okHosts)
                cts.CancelAfter(TimeSpan.FromMilliseconds(300));
            return ValueTask.CompletedTask;
        }
    }
}
