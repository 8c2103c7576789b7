using Vty.Ssh.Connection;

namespace Vty.Ssh.Tests.Connection;

public sealed class ChannelReceiveBufferTests
{
    [Fact]
    public async Task PartialReadsKeepOrderAcrossSegments()
    {
        var buffer = new ChannelReceiveBuffer();
        buffer.Append([1, 2, 3]);
        buffer.Append([4, 5]);
        byte[] two = new byte[2];
        Assert.Equal(2, await buffer.ReadAsync(two, TestTimeouts.ShortToken()));
        Assert.Equal([1, 2], two);
        byte[] rest = new byte[10];
        int n = await buffer.ReadAsync(rest, TestTimeouts.ShortToken());
        Assert.Equal([3, 4, 5], rest[..n]);
        Assert.Equal(0, buffer.Buffered);
    }

    [Fact]
    public async Task ReaderWaitsForDataThenSeesEnd()
    {
        var buffer = new ChannelReceiveBuffer();
        byte[] target = new byte[4];
        ValueTask<int> pending = buffer.ReadAsync(target, TestTimeouts.ShortToken());
        Assert.False(pending.IsCompleted);
        buffer.Append([9]);
        Assert.Equal(1, await pending);
        buffer.Complete();
        Assert.Equal(0, await buffer.ReadAsync(target, TestTimeouts.ShortToken()));
    }

    [Fact]
    public async Task FailureIsRaisedAfterBufferedDataIsDrained()
    {
        var buffer = new ChannelReceiveBuffer();
        buffer.Append([7]);
        buffer.Complete(new SshDisconnectedException("gone"));
        byte[] target = new byte[4];
        Assert.Equal(1, await buffer.ReadAsync(target, TestTimeouts.ShortToken()));
        await Assert.ThrowsAsync<SshDisconnectedException>(async () => await buffer.ReadAsync(target, TestTimeouts.ShortToken()));
    }

    [Fact]
    public async Task CancellationStopsAWaitingReader()
    {
        var buffer = new ChannelReceiveBuffer();
        using var cts = new CancellationTokenSource();
        ValueTask<int> pending = buffer.ReadAsync(new byte[1], cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending);
    }
}
