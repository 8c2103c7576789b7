using Vty.Accounts;

namespace Vty.Tests.Accounts;

public sealed class AccountPoolTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public void NextIsRoundRobin()
    {
        var a = new Account("a", "1");
        var b = new Account("b", "2");
        var pool = new AccountPool([a, b]);
        Assert.Same(a, pool.Next());
        Assert.Same(b, pool.Next());
        Assert.Same(a, pool.Next());
    }

    [Fact]
    public async Task LeasesRotateThroughFreeAccounts()
    {
        var a = new Account("a");
        var b = new Account("b");
        var pool = new AccountPool([a, b]);
        var first = await pool.AcquireAsync();
        Assert.Same(a, first.Account);
        first.Dispose();
        var second = await pool.AcquireAsync();
        Assert.Same(b, second.Account);
        var third = await pool.AcquireAsync();
        Assert.Same(a, third.Account);
        Assert.Equal(0, pool.AvailableCount);
    }

    [Fact]
    public async Task WaitsUntilALeaseIsReturned()
    {
        var pool = new AccountPool([new Account("only")]);
        var lease = await pool.AcquireAsync();
        var waiting = pool.AcquireAsync().AsTask();
        Assert.False(waiting.IsCompleted);
        lease.Dispose();
        lease.Dispose(); // a second dispose must not return the account twice
        var next = await waiting.WaitAsync(Limit);
        Assert.Equal("only", next.Account.Name);
        Assert.Equal(0, pool.AvailableCount);
    }

    [Fact]
    public async Task CancelledWaitLeavesThePoolIntact()
    {
        var pool = new AccountPool([new Account("only")]);
        var lease = await pool.AcquireAsync();
        using var cts = new CancellationTokenSource();
        var waiting = pool.AcquireAsync(cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Limit));
        await lease.DisposeAsync();
        Assert.Equal(1, pool.AvailableCount);
    }

    [Fact]
    public async Task MatchSelectsAccount()
    {
        var pool = new AccountPool([new Account("ops"), new Account("admin")]);
        using var lease = await pool.AcquireAsync(a => a.Name == "admin");
        Assert.Equal("admin", lease.Account.Name);
        Assert.Throws<InvalidOperationException>(() => pool.AcquireAsync(a => a.Name == "nobody"));
    }

    [Fact]
    public async Task ConcurrentLeasesNeverShareAnAccount()
    {
        var pool = new AccountPool(Enumerable.Range(0, 3).Select(i => new Account("u" + i)));
        int inUse = 0, maxInUse = 0;
        var names = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            using var lease = await pool.AcquireAsync();
            Assert.True(names.TryAdd(lease.Account.Name, 0), "account leased twice at once");
            int now = Interlocked.Increment(ref inUse);
            InterlockedMax(ref maxInUse, now);
            await Task.Yield();
            Interlocked.Decrement(ref inUse);
            names.TryRemove(lease.Account.Name, out int _);
        })).WaitAsync(Limit);
        Assert.InRange(maxInUse, 1, 3);
        Assert.Equal(3, pool.AvailableCount);
    }

    [Fact]
    public void AccountToStringHidesSecrets()
    {
        var account = new Account("admin", "pw-secret", "enable-secret");
        Assert.Equal("Account(admin)", account.ToString());
        Assert.Equal("enable-secret", account.EffectiveAuthorizationPassword);
        Assert.Equal("pw-secret", new Account("x", "pw-secret").EffectiveAuthorizationPassword);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
