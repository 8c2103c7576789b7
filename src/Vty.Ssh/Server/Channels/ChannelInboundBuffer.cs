using System.Buffers;

namespace Vty.Ssh.Server.Channels;

/// <summary>
/// Bytes the peer sent on a channel, waiting for the application to read them. Bounded by the
/// channel window (the peer may not send more than we granted), so it needs no limit of its own.
/// Chunks are rented from the shared pool and returned as soon as they are read.
/// </summary>
internal sealed class ChannelInboundBuffer
{
    private readonly object _lock = new();
    private readonly Queue<Segment> _segments = new();
    private TaskCompletionSource? _waiter;
    private bool _completed;
    private int _headOffset;

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        byte[] chunk = ArrayPool<byte>.Shared.Rent(data.Length);
        data.CopyTo(chunk);
        TaskCompletionSource? wake;
        lock (_lock)
        {
            if (_completed)
            {
                ArrayPool<byte>.Shared.Return(chunk);
                return;
            }
            _segments.Enqueue(new Segment(chunk, data.Length));
            wake = _waiter;
            _waiter = null;
        }
        wake?.TrySetResult();
    }

    /// <summary>No more data will come (EOF or close); readers get 0 once the buffer is drained.</summary>
    public void Complete()
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            _completed = true;
            wake = _waiter;
            _waiter = null;
        }
        wake?.TrySetResult();
    }

    /// <summary>Copies buffered bytes into <paramref name="destination"/>, waiting for some; 0 means end of stream.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (destination.IsEmpty) return 0;
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_segments.Count > 0) return Drain(destination.Span);
                if (_completed) return 0;
                _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiter.Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private int Drain(Span<byte> destination)
    {
        int copied = 0;
        while (copied < destination.Length && _segments.Count > 0)
        {
            Segment head = _segments.Peek();
            int available = head.Count - _headOffset;
            int n = Math.Min(available, destination.Length - copied);
            head.Buffer.AsSpan(_headOffset, n).CopyTo(destination[copied..]);
            copied += n;
            _headOffset += n;
            if (_headOffset == head.Count)
            {
                _segments.Dequeue();
                _headOffset = 0;
                ArrayPool<byte>.Shared.Return(head.Buffer);
            }
        }
        return copied;
    }

    /// <summary>Returns every buffered chunk to the pool (the channel is gone).</summary>
    public void Release()
    {
        lock (_lock)
        {
            _completed = true;
            while (_segments.Count > 0) ArrayPool<byte>.Shared.Return(_segments.Dequeue().Buffer);
            _headOffset = 0;
            _waiter?.TrySetResult();
            _waiter = null;
        }
    }

    private readonly record struct Segment(byte[] Buffer, int Count);
}
