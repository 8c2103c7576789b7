using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using Vty.Fleet;
using Vty.Inventory;

namespace Vty.Tests.Fleet;

public sealed class FleetRunnerTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    private static IReadOnlyList<InventoryHost> Hosts(int count) =>
        HostInventory.FromUrls(Enumerable.Range(1, count).Select(i => $"dummy://h{i:000}")).Hosts;

    [Fact]
    public async Task EveryHostGetsAResultWithItsOutputsAndParallelismIsBounded()
    {
        int running = 0, peak = 0;
        var runner = new FleetRunner(new FleetRunOptions { MaxParallel = 4 });

        FleetReport report = await runner.RunAsync(Hosts(40), async (ctx, ct) =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(5, ct);
            ctx.AddResult("show version", $"version of {ctx.Host.Name}");
            ctx.Driver = "ios";
            Interlocked.Decrement(ref running);
        }).WaitAsync(TestTimeout);

        Assert.Equal(40, report.Succeeded);
        Assert.Equal(0, report.Failed);
        Assert.InRange(peak, 1, 4);
        HostResult h7 = report.Results.Single(r => r.Host.Name == "h007");
        Assert.Equal("version of h007", Assert.Single(h7.Results).Output);
        Assert.Equal("ios", h7.Driver);
    }

    [Fact]
    public async Task AHangingHostThatIgnoresCancellationCostsOnlyItsOwnTimeout()
    {
        var neverEnds = new TaskCompletionSource();
        var runner = new FleetRunner(new FleetRunOptions { MaxParallel = 2, HostTimeout = TimeSpan.FromMilliseconds(300) });

        FleetReport report = await runner.RunAsync(Hosts(10), async (ctx, ct) =>
        {
            if (ctx.Host.Name == "h001")
                await neverEnds.Task; // ignores ct on purpose
            ctx.AddResult("x", "y");
        }).WaitAsync(TestTimeout);

        HostResult hung = report.Results.Single(r => r.Host.Name == "h001");
        Assert.Equal(FailureKind.Timeout, hung.Failure);
        Assert.Contains("timed out", hung.Error);
        Assert.Equal(9, report.Succeeded);
    }

    [Fact]
    public async Task FailuresCarryTheirReasonAndKind()
    {
        var runner = new FleetRunner();

        FleetReport report = await runner.RunAsync(Hosts(3), (ctx, ct) => ctx.Host.Name switch
        {
            "h001" => throw new SocketException((int)SocketError.ConnectionRefused),
            "h002" => Task.FromException(new InvalidOperationException("device said: % Invalid input\nmore detail")),
            _ => Task.CompletedTask,
        }).WaitAsync(TestTimeout);

        HostResult refused = report.Results.Single(r => r.Host.Name == "h001");
        HostResult invalid = report.Results.Single(r => r.Host.Name == "h002");
        Assert.Equal(FailureKind.Unreachable, refused.Failure);
        Assert.False(string.IsNullOrWhiteSpace(refused.Error));
        Assert.Equal(FailureKind.Error, invalid.Failure);
        Assert.Equal("device said: % Invalid input", invalid.Error);
        Assert.True(report.Results.Single(r => r.Host.Name == "h003").Ok);
    }

    [Fact]
    public async Task TransientFailuresAreRetriedAndOthersAreNot()
    {
        var attempts = new ConcurrentDictionary<string, int>();
        var runner = new FleetRunner(new FleetRunOptions { Retries = 2, RetryDelay = TimeSpan.FromMilliseconds(1) });

        FleetReport report = await runner.RunAsync(Hosts(2), (ctx, ct) =>
        {
            int n = attempts.AddOrUpdate(ctx.Host.Name, 1, (_, v) => v + 1);
            if (ctx.Host.Name == "h001" && n < 3)
                throw new IOException("connection reset");
            if (ctx.Host.Name == "h002")
                throw new InvalidOperationException("not transient");
            return Task.CompletedTask;
        }).WaitAsync(TestTimeout);

        HostResult flaky = report.Results.Single(r => r.Host.Name == "h001");
        Assert.True(flaky.Ok);
        Assert.Equal(3, flaky.Attempts);
        Assert.Equal(1, attempts["h002"]);
    }

    [Fact]
    public async Task AFailureAfterDeliveryStartedIsReportedNotRetried()
    {
        var attempts = new ConcurrentDictionary<string, int>();
        var runner = new FleetRunner(new FleetRunOptions { Retries = 3, RetryDelay = TimeSpan.FromMilliseconds(1) });

        FleetReport report = await runner.RunAsync(Hosts(2), (ctx, ct) =>
        {
            int n = attempts.AddOrUpdate(ctx.Host.Name, 1, (_, v) => v + 1);
            if (ctx.Host.Name == "h001" && n < 2)
                throw new IOException("connection refused");   // before anything was sent: retried
            ctx.MarkDeliveryStarted();
            ctx.AddResult("vlan 10", "");
            throw new IOException("connection reset");         // after: reported as it is
        }).WaitAsync(TestTimeout);

        Assert.Equal(2, attempts["h001"]);
        Assert.Equal(1, attempts["h002"]);
        HostResult h1 = report.Results.Single(r => r.Host.Name == "h001");
        Assert.Equal(2, h1.Attempts);
        Assert.Equal(FailureKind.Unreachable, h1.Failure);
        Assert.StartsWith("connection reset (not retried:", h1.Error, StringComparison.Ordinal);
        Assert.Equal("vlan 10", Assert.Single(h1.Results).Command);
        using JsonDocument json = JsonDocument.Parse(HostResultJson.Serialize(h1));
        Assert.Equal(2, json.RootElement.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task CancellingMidwayKeepsFinishedHostsWrittenAndReportsTheRest()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"vty-fleet-{Guid.NewGuid():N}");
        using var cts = new CancellationTokenSource();
        int finished = 0;
        try
        {
            await using var folder = new FleetOutputFolder(dir);
            var options = new FleetRunOptions { MaxParallel = 2, OpenTranscript = folder.OpenTranscript };
            options.Observers.Add(folder);
            var runner = new FleetRunner(options);

            FleetReport report = await runner.RunAsync(Hosts(20), async (ctx, ct) =>
            {
                await ctx.Transcript.WriteLineAsync($"{ctx.Host.Name}# show clock");
                if (Interlocked.Increment(ref finished) > 5)
                {
                    await cts.CancelAsync();
                    await Task.Delay(Timeout.Infinite, ct);
                }
                ctx.AddResult("show clock", "12:00");
            }, cts.Token).WaitAsync(TestTimeout);

            Assert.True(report.Cancelled);
            Assert.Equal(5, report.Succeeded);
            Assert.All(report.Results.Where(r => !r.Ok), r => Assert.Equal(FailureKind.Cancelled, r.Failure));
            Assert.NotEmpty(report.NotStarted);
            Assert.Equal(20, report.Results.Count + report.NotStarted.Count);

            await folder.DisposeAsync();
            string[] lines = await File.ReadAllLinesAsync(folder.ResultsPath);
            // Every host has its line: the ones never started say so, after the others.
            Assert.Equal(20, lines.Length);
            Assert.Equal(report.NotStarted.Count, lines.Count(l => JsonDocument.Parse(l).RootElement.GetProperty("status").GetString() == "not-started"));
            var okHosts = lines.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("ok").GetBoolean()).ToList();
            Assert.Equal(5, okHosts.Count);
            string someHost = okHosts[0].GetProperty("host").GetString()!;
            Assert.Contains($"{someHost}# show clock", await File.ReadAllTextAsync(folder.TranscriptPath(someHost)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void JsonLineHasTheDocumentedShape()
    {
        var result = new HostResult
        {
            Host = InventoryHost.FromUrl("ssh://admin:secret@r1:2222"),
            Driver = "ios",
            DriverMethod = Vty.Protocols.DriverSelectionMethod.Named,
            DriverReason = "named by the caller",
            Results = [new CommandOutput("show ver", "IOS <15.2> & more", TimeSpan.FromMilliseconds(12.9)), new CommandOutput("show bad", "% Invalid", TimeSpan.Zero) { Error = "rejected" }],
            StartedAt = new DateTimeOffset(2026, 12, 5, 4, 5, 6, 789, TimeSpan.FromHours(1)),
            Elapsed = TimeSpan.FromMilliseconds(1234.7),
            Failure = FailureKind.CommandError,
            Error = "the device rejected 'show bad'",
        };

        string line = HostResultJson.Serialize(result);

        Assert.Equal("""{"schema":"vty.result/1","host":"r1:2222","url":"ssh://admin:***@r1:2222","driver":"ios","driverMethod":"named","driverReason":"named by the caller","ok":false,"status":"command-error","attempts":1,"startedAt":"2026-12-05T03:05:06.789Z","elapsedMs":1234,"results":[{"command":"show ver","output":"IOS <15.2> & more","ok":true,"error":null,"elapsedMs":12},{"command":"show bad","output":"% Invalid","ok":false,"error":"rejected","elapsedMs":0}],"error":"the device rejected 'show bad'"}""", line);
    }

    [Fact]
    public void EveryFailureKindHasItsOwnStatusWord()
    {
        string[] words = [.. Enum.GetValues<FailureKind>().Select(HostStatus.Of)];

        Assert.Equal(words.Length, words.Distinct().Count());
        Assert.Equal(HostStatus.All.Order(), words.Order());
    }

    [Fact]
    public void SafeFileNameKeepsTranscriptsInsideTheFolder()
    {
        Assert.Equal("_.._etc_passwd", FleetOutputFolder.SafeFileName("/../etc/passwd"));
        Assert.Equal("r1_2", FleetOutputFolder.SafeFileName("r1#2"));
        Assert.Equal("host", FleetOutputFolder.SafeFileName(".."));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
