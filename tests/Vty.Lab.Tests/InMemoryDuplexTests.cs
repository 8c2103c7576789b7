using System.Text;

namespace Vty.Lab.Tests;

public class InMemoryDuplexTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task BytesWrittenOnOneSideAreReadOnTheOther()
    {
        (Stream client, Stream device) = InMemoryDuplex.CreatePair();
        using var cts = new CancellationTokenSource(Timeout);
        await client.WriteAsync("hello"u8.ToArray(), cts.Token);
        var buf = new byte[16];
        int n = await device.ReadAsync(buf, cts.Token);
        Assert.Equal("hello", Encoding.ASCII.GetString(buf, 0, n));
        await device.WriteAsync("world"u8.ToArray(), cts.Token);
        n = await client.ReadAsync(buf, cts.Token);
        Assert.Equal("world", Encoding.ASCII.GetString(buf, 0, n));
    }

    [Fact]
    public async Task DisposingOneSideGivesEndOfStreamToTheOther()
    {
        (Stream client, Stream device) = InMemoryDuplex.CreatePair();
        using var cts = new CancellationTokenSource(Timeout);
        await device.WriteAsync("last"u8.ToArray(), cts.Token);
        await device.DisposeAsync();
        var buf = new byte[16];
        int n = await client.ReadAsync(buf, cts.Token);
        Assert.Equal(4, n);
        Assert.Equal(0, await client.ReadAsync(buf, cts.Token));
        await Assert.ThrowsAsync<IOException>(async () => await client.WriteAsync("x"u8.ToArray(), cts.Token));
    }

    [Fact]
    public async Task WriterWaitsWhenTheReaderFallsBehind()
    {
        (Stream client, Stream device) = InMemoryDuplex.CreatePair(4096);
        using var cts = new CancellationTokenSource(Timeout);
        var big = new byte[64 * 1024];
        Task write = client.WriteAsync(big, cts.Token).AsTask();
        await Task.Yield();
        Assert.False(write.IsCompleted);   // bounded: 64 KiB cannot fit into a 4 KiB buffer
        long total = 0;
        var buf = new byte[1000];
        while (total < big.Length)
            total += await device.ReadAsync(buf, cts.Token);
        await write.WaitAsync(cts.Token);
        Assert.Equal(big.Length, total);
    }

    [Fact]
    public async Task ReadIsCancellable()
    {
        (Stream client, Stream _) = InMemoryDuplex.CreatePair();
        using var cts = new CancellationTokenSource();
        var buf = new byte[8];
        Task<int> read = client.ReadAsync(buf, cts.Token).AsTask();
        Assert.False(read.IsCompleted);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(Timeout));
    }
}
