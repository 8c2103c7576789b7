using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;

namespace Vty.Ssh.Connection;

/// <summary>
/// Bytes received on one channel stream (data or extended data) waiting for the application.
/// Filled by the read loop, drained by one reader. Its size is bounded by the channel's receive
/// window, which is only re-opened as the application consumes (see <see cref="SshChannel"/>).
/// </summary>
/// <remarks>
/// The one reader parks on a reusable signal rather than a task per wait: a fleet of sessions
/// waits here for every prompt, and a TaskCompletionSource plus WaitAsync per wait cost four
/// objects and a second thread-pool hop each time. Data or end of stream that arrived before a
/// cancellation is returned rather than thrown away, so a session closed in an orderly way ends
/// its reader with 0, not an exception.
/// </remarks>
internal sealed class ChannelReceiveBuffer : IValueTaskSource
{
    private readonly Lock _lock = new();
    private readonly Queue<Segment> _segments = new();
    // Bytes of the head segment already read: kept here so segments can be structs (no object per packet).
    private int _headOffset;
    private ManualResetValueTaskSourceCore<bool> _signal = new() { RunContinuationsAsynchronously = true };
    // True while the reader is parked on _signal; whoever clears it (under the lock) completes the signal.
    private bool _parked;
    private bool _completed;
    private Exception? _error;
    // Once set, data goes straight to the sink (on the read loop) instead of the queue.
    private IChannelDataSink? _sink;
    private bool _sinkEnded;

    /// <summary>Bytes buffered and not yet read.</summary>
    public int Buffered { get; private set; }

    /// <summary>
    /// Appends a copy of <paramref name="data"/> (pooled) and wakes the reader, or hands it to the
    /// sink when one took over (<see cref="Divert"/>): then it returns true, and the data counts as consumed.
    /// </summary>
    public bool Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return false;
        // Only the read loop appends, and only Divert sets the sink (under the lock): once this
        // thread has seen it, every later packet goes to the sink, in order.
        IChannelDataSink? sink = Volatile.Read(ref _sink);
        if (sink == null)
        {
            byte[] array = ArrayPool<byte>.Shared.Rent(data.Length);
            data.CopyTo(array);
            bool wake = false;
            lock (_lock)
            {
                sink = _sink;
                if (sink == null && !_completed)
                {
                    _segments.Enqueue(new Segment(array, data.Length));
                    Buffered += data.Length;
                    wake = Unpark();
                    array = [];
                }
            }
            if (array.Length > 0) ArrayPool<byte>.Shared.Return(array);
            if (wake) _signal.SetResult(true);
            if (sink == null) return false;
        }
        sink.OnData(data);
        return true;
    }

    /// <summary>
    /// From now on data goes to <paramref name="sink"/> instead of readers: what is buffered goes
    /// first, and the end of the stream, if it came already, follows. Returns the bytes handed
    /// over from the buffer (consumed now). Reads fail from then on.
    /// </summary>
    public int Divert(IChannelDataSink sink)
    {
        int handed = 0;
        bool ended;
        Exception? error;
        lock (_lock)
        {
            if (_sink != null) throw new InvalidOperationException("the channel's data already goes to a sink");
            // Fed under the lock so a packet the read loop appends meanwhile waits and comes after these.
            while (_segments.TryDequeue(out Segment s))
            {
                sink.OnData(s.Array.AsSpan(_headOffset, s.Count - _headOffset));
                handed += s.Count - _headOffset;
                _headOffset = 0;
                ArrayPool<byte>.Shared.Return(s.Array);
            }
            Buffered = 0;
            Volatile.Write(ref _sink, sink);
            ended = _completed && !_sinkEnded;
            _sinkEnded |= _completed;
            error = _error;
            // A reader parked now would never be woken by data: let it see the change.
            if (Unpark()) _signal.SetResult(true);
        }
        if (ended) sink.OnEnd(error);
        return handed;
    }

    /// <summary>No more data will come: readers get 0 after draining (or <paramref name="error"/>).</summary>
    public void Complete(Exception? error = null)
    {
        bool wake;
        IChannelDataSink? sink = null;
        lock (_lock)
        {
            if (_completed) return;
            _completed = true;
            _error = error;
            wake = Unpark();
            if (_sink != null && !_sinkEnded)
            {
                _sinkEnded = true;
                sink = _sink;
            }
        }
        if (wake) _signal.SetResult(true);
        sink?.OnEnd(error);
    }

    /// <summary>Copies buffered bytes into <paramref name="destination"/>, waiting for some when empty; 0 at end.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken ct)
    {
        if (destination.IsEmpty) return 0;
        while (true)
        {
            lock (_lock)
            {
                if (_sink != null)
                    throw new InvalidOperationException("this channel's data goes to a sink (an SFTP session reads it); it cannot be read as well");
                if (_segments.Count > 0)
                    return CopyOut(destination.Span);
                if (_completed)
                {
                    if (_error != null) throw _error;
                    return 0;
                }
                ct.ThrowIfCancellationRequested();
                _signal.Reset();
                _parked = true;
            }
            using (ct.CanBeCanceled ? ct.UnsafeRegister(static state => ((ChannelReceiveBuffer)state!).WakeForCancellation(), this) : default)
                await new ValueTask(this, _signal.Version).ConfigureAwait(false);
        }
    }

    private int CopyOut(Span<byte> destination)
    {
        int copied = 0;
        while (copied < destination.Length && _segments.TryPeek(out Segment s))
        {
            int available = s.Count - _headOffset;
            int n = Math.Min(available, destination.Length - copied);
            s.Array.AsSpan(_headOffset, n).CopyTo(destination[copied..]);
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

    // Called under the lock: true when the caller must complete the signal.
    private bool Unpark()
    {
        if (!_parked) return false;
        _parked = false;
        return true;
    }

    // The reader wakes and looks again: it throws only if nothing arrived meanwhile.
    private void WakeForCancellation()
    {
        bool wake;
        lock (_lock)
            wake = Unpark();
        if (wake) _signal.SetResult(true);
    }

    void IValueTaskSource.GetResult(short token) => _signal.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _signal.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _signal.OnCompleted(continuation, state, token, flags);

    private readonly record struct Segment(byte[] Array, int Count);
}
