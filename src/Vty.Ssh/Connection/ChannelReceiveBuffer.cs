using System.Buffers;

namespace Vty.Ssh.Connection;

/// <summary>
/// Bytes received on one channel stream (data or extended data) waiting for the application.
/// Filled by the read loop, drained by one reader. Its size is bounded by the channel's receive
/// window, which is only re-opened as the application consumes (see <see cref="SshChannel"/>).
/// </summary>
internal sealed class ChannelReceiveBuffer
{
    private readonly Lock _lock = new();
    private readonly Queue<Segment> _segments = new();
    // Bytes of the head segment already read: kept here so segments can be structs (no object per packet).
    private int _headOffset;
    private TaskCompletionSource? _waiter;
    private bool _completed;
    private Exception? _error;

    /// <summary>Bytes buffered and not yet read.</summary>
    public int Buffered { get; private set; }

    /// <summary>Appends a copy of <paramref name="data"/> (pooled) and wakes the reader.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        byte[] array = ArrayPool<byte>.Shared.Rent(data.Length);
        data.CopyTo(array);
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            if (_completed)
            {
                ArrayPool<byte>.Shared.Return(array);
                return;
            }
            _segments.Enqueue(new Segment(array, data.Length));
            Buffered += data.Length;
            waiter = _waiter;
            _waiter = null;
        }
        waiter?.TrySetResult();
    }

    /// <summary>No more data will come: readers get 0 after draining (or <paramref name="error"/>).</summary>
    public void Complete(Exception? error = null)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            if (_completed) return;
            _completed = true;
            _error = error;
            waiter = _waiter;
            _waiter = null;
        }
        waiter?.TrySetResult();
    }

    /// <summary>Copies buffered bytes into <paramref name="destination"/>, waiting for some when empty; 0 at end.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken ct)
    {
        if (destination.IsEmpty) return 0;
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_segments.Count > 0)
                {
                    int copied = 0;
                    while (copied < destination.Length && _segments.TryPeek(out Segment s))
                    {
                        int available = s.Count - _headOffset;
                        int n = Math.Min(available, destination.Length - copied);
                        s.Array.AsSpan(_headOffset, n).CopyTo(destination.Span[copied..]);
                        copied += n;
                        if (n == available)
                        {
                            _segments.Dequeue();
                            ArrayPool<byte>.Shared.Return(s.Array);
                            _headOffset = 0;
                        }
                        else
                        {
                            _headOffset += n;
                        }
                    }
                    Buffered -= copied;
                    return copied;
                }
                if (_completed)
                {
                    if (_error != null) throw _error;
                    return 0;
                }
                _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiter.Task;
            }
            await wait.WaitAsync(ct);
        }
    }

    private readonly record struct Segment(byte[] Array, int Count);
}
