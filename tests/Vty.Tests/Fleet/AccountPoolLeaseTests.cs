using Vty.Accounts;
using Vty.Devices;
using Vty.Fleet;
using Vty.Inventory;

namespace Vty.Tests.Fleet;

public sealed class AccountPoolLeaseTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SessionsLeaseAccountsSoOneAccountMeansOneLoginAtATime()
    {
        var pool = new AccountPool([new Account("lab", "lab")]);
        var connect = new DeviceConnectOptions { AccountPool = pool };
        int active = 0, peak = 0;
        IReadOnlyList<InventoryHost> hosts = HostInventory.FromUrls(Enumerable.Range(1, 5).Select(i => $"dummy://lab@p{i}?profile=ios")).Hosts;

        FleetReport report = await new FleetRunner(new FleetRunOptions { MaxParallel = 5 }).RunAsync(hosts, async (ctx, ct) =>
        {
            await using DeviceSession device = await DeviceConnector.ConnectAsync(ctx.Host, new HostCredentials(), connect, cancellationToken: ct);
            int now = Interlocked.Increment(ref active);
            int seen;
            while ((seen = Volatile.Read(ref peak)) < now && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
            ctx.AddResult("show clock", await device.SendCommandAsync("show clock", cancellationToken: ct));
            Interlocked.Decrement(ref active);
        }).WaitAsync(TestTimeout);

        Assert.Equal(5, report.Succeeded);
        Assert.Equal(1, peak);
        Assert.Equal(1, pool.AvailableCount);
    }

    [Fact]
    public async Task TheLeasedAccountIsTheOneThatLogsIn()
    {
        var pool = new AccountPool([new Account("lab", "not-the-password")]);
        var options = new FleetJobOptions
        {
            Secrets = new SecretResolver(_ => "lab"),
            Connect = new DeviceConnectOptions { AccountPool = pool },
        };
        IReadOnlyList<InventoryHost> hosts = HostInventory.FromUrls(["dummy://lab@q1?profile=ios"]).Hosts;

        FleetReport report = await new FleetRunner().RunAsync(hosts, FleetJobs.Commands(["show clock"], options)).WaitAsync(TestTimeout);

        Assert.Equal(FailureKind.LoginFailed, Assert.Single(report.Results).Failure);
        Assert.Equal(1, pool.AvailableCount);
    }
}
