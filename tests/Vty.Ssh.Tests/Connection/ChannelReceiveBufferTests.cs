using Vty.Ssh.Connection;

namespace Vty.Ssh.Tests.Connection;

/// <summary>
/// The channel's receive buffer as its one reader sees it: order kept across many waits on the
/// reused signal, and what arrived before a cancellation wins over the cancellation.
/// </summary>
public sealed class ChannelReceiveBufferTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

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

    [Fact]
    public async Task Bytes_come_out_in_order_across_thousands_of_waits()
    {
        var buffer = new ChannelReceiveBuffer();
        var destination = new byte[16];
        var producer = Task.Run(async () =>
        {
            for (int i = 0; i < 5000; i++)
            {
                buffer.Append([(byte)(i % 251)]);
                if (i % 7 == 0) await Task.Yield();
            }
            buffer.Complete();
        });
        var received = new List<byte>();
        int n;
        while ((n = await buffer.ReadAsync(destination, CancellationToken.None).AsTask().WaitAsync(Timeout)) > 0)
            received.AddRange(destination.AsSpan(0, n).ToArray());
        await producer;
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (byte)(i % 251)), received);
        Assert.Equal(0, buffer.Buffered);
    }

    [Fact]
    public async Task Data_that_arrived_before_the_cancellation_is_returned()
    {
        var buffer = new ChannelReceiveBuffer();
        using var cts = new CancellationTokenSource();
        var destination = new byte[8];
        ValueTask<int> read = buffer.ReadAsync(destination, cts.Token);
        Assert.False(read.IsCompleted);
        buffer.Append("abc"u8);
        await cts.CancelAsync();
        Assert.Equal(3, await read.AsTask().WaitAsync(Timeout));
        Assert.Equal("abc"u8.ToArray(), destination[..3]);
    }

    [Fact]
    public async Task An_end_that_came_before_the_cancellation_reads_as_zero()
    {
        var buffer = new ChannelReceiveBuffer();
        using var cts = new CancellationTokenSource();
        ValueTask<int> read = buffer.ReadAsync(new byte[8], cts.Token);
        buffer.Complete();
        await cts.CancelAsync();
        Assert.Equal(0, await read.AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_cancelled_wait_with_nothing_received_throws_and_the_next_read_still_works()
    {
        var buffer = new ChannelReceiveBuffer();
        using var cts = new CancellationTokenSource();
        ValueTask<int> read = buffer.ReadAsync(new byte[8], cts.Token);
        await cts.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.AsTask().WaitAsync(Timeout));
        Assert.Equal(cts.Token, error.CancellationToken);

        ValueTask<int> next = buffer.ReadAsync(new byte[8], CancellationToken.None);
        buffer.Append("x"u8);
        Assert.Equal(1, await next.AsTask().WaitAsync(Timeout));
    }

    private sealed class RecordingSink : IChannelDataSink
    {
        public List<byte> Received { get; } = [];
        public List<Exception?> Ends { get; } = [];

        public void OnData(ReadOnlySpan<byte> data) => Received.AddRange(data.ToArray());

        public void OnEnd(Exception? error) => Ends.Add(error);
    }

    [Fact]
    public void A_sink_gets_what_was_buffered_first_then_every_later_packet_in_order()
    {
        var buffer = new ChannelReceiveBuffer();
        Assert.False(buffer.Append([1, 2]));
        Assert.False(buffer.Append([3]));
        var sink = new RecordingSink();
        Assert.Equal(3, buffer.Divert(sink));
        Assert.Equal(0, buffer.Buffered);
        Assert.True(buffer.Append([4, 5]));
        Assert.Equal([1, 2, 3, 4, 5], sink.Received);
        Assert.Empty(sink.Ends);
        buffer.Complete();
        buffer.Complete(new SshDisconnectedException("later"));
        Assert.Equal([null], sink.Ends);
    }

    [Fact]
    public async Task A_partly_read_segment_goes_to_the_sink_from_where_the_reader_stopped()
    {
        var buffer = new ChannelReceiveBuffer();
        buffer.Append([1, 2, 3, 4]);
        Assert.Equal(1, await buffer.ReadAsync(new byte[1], TestTimeouts.ShortToken()));
        var sink = new RecordingSink();
        Assert.Equal(3, buffer.Divert(sink));
        Assert.Equal([2, 3, 4], sink.Received);
    }

    [Fact]
    public async Task After_a_divert_reads_fail_and_a_parked_reader_is_told_why()
    {
        var buffer = new ChannelReceiveBuffer();
        ValueTask<int> parked = buffer.ReadAsync(new byte[4], TestTimeouts.ShortToken());
        Assert.False(parked.IsCompleted);
        buffer.Divert(new RecordingSink());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => parked.AsTask().WaitAsync(Timeout));
        Assert.Contains("sink", error.Message);
        Assert.Throws<InvalidOperationException>(() => buffer.Divert(new RecordingSink()));
    }

    [Fact]
    public void An_end_that_came_before_the_divert_reaches_the_sink_once_with_its_error()
    {
        var buffer = new ChannelReceiveBuffer();
        buffer.Append([9]);
        var gone = new SshDisconnectedException("gone");
        buffer.Complete(gone);
        var sink = new RecordingSink();
        Assert.Equal(1, buffer.Divert(sink));
        buffer.Complete();
        Assert.Equal([9], sink.Received);
        Assert.Equal([gone], sink.Ends);
    }
}
