using System.Runtime.CompilerServices;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Connection;

/// <summary>
/// One channel (RFC 4254) for either role and any type (session, direct-tcpip, forwarded-tcpip,
/// agent): data and extended data in both directions with window flow control, EOF, close, and
/// channel requests. Received data waits in bounded buffers; the receive window is re-opened only
/// as the application reads, so a slow reader slows the peer instead of growing memory.
/// </summary>
public sealed class SshChannel : IAsyncDisposable
{
    // Bounds one batched send to 4 packets (128 KiB of data at the default packet size).
    private const int MaxPacketsPerSend = 4;

    private readonly SshConnection _connection;
    private readonly ChannelReceiveBuffer _data = new();
    private readonly ChannelReceiveBuffer _extended = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Queue<TaskCompletionSource<bool>> _pendingRequests = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Sends wait here until the open is confirmed: by the peer (we opened it) or by us (the peer
    // opened it), so a handler that starts writing at once can never overtake the confirmation.
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _closing = new();
    private readonly uint _windowSize;
    private TaskCompletionSource _windowSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _remoteWindow;
    private long _localWindow;
    private long _consumedSinceAdjust;
    private int _eofSent;
    private int _closeSent;
    private volatile bool _closeReceived;
    private volatile bool _aborted;
    private Exception? _failure;
    // Reused by WriteCoreAsync under _writeLock: the packets of one batched send.
    private ReadOnlyMemory<byte>[]? _batch;
    private int[]? _batchEnds;

    internal SshChannel(SshConnection connection, uint localId, string channelType, uint windowSize, uint maxPacket)
    {
        _connection = connection;
        LocalId = localId;
        ChannelType = channelType;
        _windowSize = windowSize;
        _localWindow = windowSize;
        LocalMaxPacket = maxPacket;
    }

    /// <summary>Our channel number.</summary>
    public uint LocalId { get; }

    /// <summary>The peer's channel number.</summary>
    public uint RemoteId { get; private set; }

    /// <summary>"session", "direct-tcpip", "forwarded-tcpip", "auth-agent@openssh.com", …</summary>
    public string ChannelType { get; }

    /// <summary>Largest data packet we accept.</summary>
    public uint LocalMaxPacket { get; }

    /// <summary>Largest data packet the peer accepts.</summary>
    public uint RemoteMaxPacket { get; private set; }

    /// <summary>The exit status from an "exit-status" request, once received.</summary>
    public int? ExitStatus { get; private set; }

    /// <summary>The signal name (without "SIG") from an "exit-signal" request, once received.</summary>
    public string? ExitSignal { get; private set; }

    /// <summary>The error message of an "exit-signal" request.</summary>
    public string? ExitSignalMessage { get; private set; }

    /// <summary>True once the peer sent EOF.</summary>
    public bool EofReceived { get; private set; }

    /// <summary>Received bytes waiting for the application (bounded by the receive window).</summary>
    public int BufferedBytes => _data.Buffered + _extended.Buffered;

    /// <summary>Completes when both sides have sent CLOSE (or the connection is gone).</summary>
    public Task Closed => _closed.Task;

    /// <summary>
    /// Cancelled as soon as the channel is finished for the application: the peer closed it, the
    /// connection ended, or the server is shutting down. Work serving the channel should stop then.
    /// </summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>
    /// Handles requests other than exit-status / exit-signal (e.g. pty-req, shell, exec on a server);
    /// returns whether the request succeeded. Without a handler such requests fail. Called on the
    /// connection's dispatch loop: keep it short, start long work on its own task.
    /// </summary>
    public Func<SshChannelRequest, CancellationToken, ValueTask<bool>>? RequestHandler { get; set; }

    /// <summary>Extended data (e.g. a client's stderr on a server session) is dropped, with its window given back.</summary>
    internal bool DiscardExtendedData { get; set; }

    /// <summary>Reads data (stdout); 0 at EOF.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct)
    {
        int n = await _data.ReadAsync(buffer, ct).ConfigureAwait(false);
        await ConsumedAsync(n, ct).ConfigureAwait(false);
        return n;
    }

    /// <summary>Reads extended data type 1 (stderr); 0 at EOF.</summary>
    public async ValueTask<int> ReadExtendedAsync(Memory<byte> buffer, CancellationToken ct)
    {
        int n = await _extended.ReadAsync(buffer, ct).ConfigureAwait(false);
        await ConsumedAsync(n, ct).ConfigureAwait(false);
        return n;
    }

    /// <summary>
    /// Hands the channel's data (not its extended data) to <paramref name="sink"/> on the read loop
    /// from now on, what is buffered first; <see cref="ReadAsync"/> fails from then on.
    /// </summary>
    internal ValueTask DivertDataAsync(IChannelDataSink sink, CancellationToken ct) => ConsumedAsync(_data.Divert(sink), ct);

    /// <summary>
    /// The application stops reading data (or stderr): a pending read and every later one return 0,
    /// as at the end of the stream, and what still arrives is dropped. A reader closing its side
    /// ends this way instead of being cancelled, which would throw through every await above it.
    /// </summary>
    internal void EndReads(bool extended) => (extended ? _extended : _data).Complete();

    /// <summary>Sends data, in pieces that fit the peer's window and packet size, waiting for window space.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct) => WriteCoreAsync(data, null, ct);

    /// <summary>Sends extended data type 1 (stderr; server role).</summary>
    public ValueTask WriteExtendedAsync(ReadOnlyMemory<byte> data, CancellationToken ct) => WriteCoreAsync(data, 1, ct);

    /// <summary>Sends EOF (no more data from us); idempotent, and a no-op once the channel is closed.</summary>
    public async ValueTask SendEofAsync(CancellationToken ct)
    {
        await WaitReadyAsync(ct).ConfigureAwait(false);
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _closeSent) != 0 || _closeReceived || _aborted || _failure != null || PeerGone) return;
            if (Interlocked.Exchange(ref _eofSent, 1) != 0) return;
            await SendSimpleAsync(SshMessageNumber.ChannelEof, ct).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Sends a channel request. With <paramref name="wantReply"/> waits for and returns the peer's
    /// answer; otherwise returns true once sent. On a closed channel a request without a reply is
    /// dropped (false), one that wants a reply throws <see cref="SshChannelClosedException"/>.
    /// </summary>
    public async Task<bool> SendRequestAsync(string requestType, bool wantReply, Action<SshWriter>? writeData, CancellationToken ct)
    {
        await WaitReadyAsync(ct).ConfigureAwait(false);
        ThrowIfFailed();
        if (Volatile.Read(ref _closeSent) != 0 || _closeReceived || _aborted)
        {
            if (wantReply) throw new SshChannelClosedException($"channel {LocalId} is closed; cannot send '{requestType}'");
            return false;
        }
        // Nobody is left to read a request without a reply (a server's exit-status after the client left).
        if (!wantReply && PeerGone) return false;
        using var w = new SshWriter(128);
        w.WriteByte(SshMessageNumber.ChannelRequest);
        w.WriteUInt32(RemoteId);
        w.WriteString(requestType);
        w.WriteBoolean(wantReply);
        writeData?.Invoke(w);
        TaskCompletionSource<bool>? reply = null;
        if (wantReply)
        {
            reply = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_pendingRequests)
            {
                ThrowIfFailed();
                _pendingRequests.Enqueue(reply);
            }
        }
        await _connection.SendAsync(w.WrittenMemory, ct).ConfigureAwait(false);
        return reply == null || await reply.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Sends CLOSE (if not yet sent) and waits for the peer's CLOSE.</summary>
    public async Task CloseAsync(CancellationToken ct)
    {
        await SendCloseAsync(ct).ConfigureAwait(false);
        await _closed.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Sends CLOSE unless already sent; does not wait for the peer's.</summary>
    public async ValueTask SendCloseAsync(CancellationToken ct)
    {
        await WaitReadyAsync(ct).ConfigureAwait(false);
        if (_failure != null || Interlocked.Exchange(ref _closeSent, 1) != 0) return;
        WakeWriters();
        // The peer's own CLOSE may still be queued (server side): it, or the connection's end, finishes the channel.
        if (PeerGone) return;
        await SendSimpleAsync(SshMessageNumber.ChannelClose, ct).ConfigureAwait(false);
        if (_closeReceived) Finish();
    }

    /// <summary>Closes the channel, waiting a short while for the peer's CLOSE.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await CloseAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SshException or OperationCanceledException or TimeoutException)
        {
            Fail(new SshDisconnectedException("the channel was disposed"));
        }
    }

    private async ValueTask WriteCoreAsync(ReadOnlyMemory<byte> data, uint? extendedType, CancellationToken ct)
    {
        await WaitReadyAsync(ct).ConfigureAwait(false);
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            while (!data.IsEmpty)
            {
                ThrowIfFailed();
                if (_closeReceived || _aborted || Volatile.Read(ref _closeSent) != 0)
                    throw new SshChannelClosedException($"channel {LocalId} is closed; the peer is no longer reading");
                if (Volatile.Read(ref _eofSent) != 0)
                    throw new SshException($"channel {LocalId}: cannot write after EOF");
                TaskCompletionSource signal = Volatile.Read(ref _windowSignal);
                long window = Interlocked.Read(ref _remoteWindow);
                if (window <= 0)
                {
                    await signal.Task.WaitAsync(ct).ConfigureAwait(false);
                    continue;
                }
                // Take as many packets as the window allows (up to a bound) and send them in one
                // transport write: bulk data then costs one socket send per batch, not per packet.
                int maxChunk = (int)Math.Min(RemoteMaxPacket, SshConnection.DefaultMaxPacket);
                int total = (int)Math.Min(Math.Min(window, data.Length), (long)maxChunk * MaxPacketsPerSend);
                Interlocked.Add(ref _remoteWindow, -total);
                int header = extendedType == null ? 9 : 13;
                int packets = (total + maxChunk - 1) / maxChunk;
                using var w = new SshWriter(total + header * packets);
                _batchEnds ??= new int[MaxPacketsPerSend];
                _batch ??= new ReadOnlyMemory<byte>[MaxPacketsPerSend];
                for (int i = 0, done = 0; i < packets; i++)
                {
                    int chunk = Math.Min(maxChunk, total - done);
                    w.WriteByte(extendedType == null ? SshMessageNumber.ChannelData : SshMessageNumber.ChannelExtendedData);
                    w.WriteUInt32(RemoteId);
                    if (extendedType != null) w.WriteUInt32(extendedType.Value);
                    w.WriteString(data.Span.Slice(done, chunk));
                    done += chunk;
                    _batchEnds[i] = w.Length;
                }
                ReadOnlyMemory<byte> written = w.WrittenMemory;
                for (int i = 0, start = 0; i < packets; start = _batchEnds[i], i++)
                    _batch[i] = written[start.._batchEnds[i]];
                try
                {
                    if (packets == 1) await _connection.SendAsync(_batch[0], ct).ConfigureAwait(false);
                    else await _connection.SendManyAsync(_batch, packets, ct).ConfigureAwait(false);
                }
                finally
                {
                    Array.Clear(_batch, 0, packets);
                }
                data = data[total..];
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private ValueTask WaitReadyAsync(CancellationToken ct) =>
        _ready.Task.IsCompleted ? ValueTask.CompletedTask : new ValueTask(_ready.Task.WaitAsync(ct));

    private async ValueTask ConsumedAsync(int count, CancellationToken ct)
    {
        if (count <= 0) return;
        long consumed = Interlocked.Add(ref _consumedSinceAdjust, count);
        if (consumed < _windowSize / 2 || Volatile.Read(ref _closeSent) != 0 || _closeReceived || _failure != null) return;
        consumed = Interlocked.Exchange(ref _consumedSinceAdjust, 0);
        if (consumed <= 0) return;
        Interlocked.Add(ref _localWindow, consumed);
        using var w = new SshWriter(16);
        w.WriteByte(SshMessageNumber.ChannelWindowAdjust);
        w.WriteUInt32(RemoteId);
        w.WriteUInt32((uint)consumed);
        await _connection.SendAsync(w.WrittenMemory, ct).ConfigureAwait(false);
    }

    private async ValueTask SendSimpleAsync(byte number, CancellationToken ct)
    {
        using var w = new SshWriter(8);
        w.WriteByte(number);
        w.WriteUInt32(RemoteId);
        await _connection.SendAsync(w.WrittenMemory, ct).ConfigureAwait(false);
    }

    // The connection ended (the peer's DISCONNECT, a lost socket, or our own close): EOF, CLOSE and
    // requests without a reply have nobody to go to, and sending them would only throw.
    private bool PeerGone => _connection.PeerGone?.Invoke() == true;

    private void ThrowIfFailed()
    {
        if (_failure != null) throw _failure;
    }

    private void WakeWriters() =>
        Interlocked.Exchange(ref _windowSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private void CancelClosing()
    {
        try { _closing.Cancel(); }
        catch (AggregateException) { } // a registration threw; the channel is finished either way
    }

    // ---- called by SshConnection on the dispatch loop ------------------------------------------

    internal void OnOpened(uint remoteId, uint remoteWindow, uint remoteMaxPacket)
    {
        RemoteId = remoteId;
        RemoteMaxPacket = remoteMaxPacket == 0 ? SshConnection.DefaultMaxPacket : remoteMaxPacket;
        Interlocked.Exchange(ref _remoteWindow, remoteWindow);
    }

    /// <summary>The open is confirmed (either direction): sends may go out.</summary>
    internal void MarkReady() => _ready.TrySetResult();

    internal void OnWindowAdjust(uint bytes)
    {
        long window = Interlocked.Add(ref _remoteWindow, bytes);
        if (window > uint.MaxValue)
            throw new SshProtocolException($"channel {LocalId}: the peer's window grew beyond 2^32-1 bytes");
        WakeWriters();
    }

    internal ValueTask OnDataAsync(ReadOnlySpan<byte> data, uint? extendedType, CancellationToken ct)
    {
        if (EofReceived || _closeReceived) throw new SshProtocolException($"channel {LocalId}: data after EOF");
        if (Interlocked.Add(ref _localWindow, -data.Length) < 0)
            throw new SshProtocolException($"channel {LocalId}: the peer sent more data than the window allows");
        if (data.Length > LocalMaxPacket)
            throw new SshProtocolException($"channel {LocalId}: a data packet of {data.Length} bytes exceeds the {LocalMaxPacket} allowed");
        if (extendedType == null)
        {
            // Data a sink took is consumed at once; buffered data re-opens the window as it is read.
            if (_data.Append(data)) return ConsumedAsync(data.Length, ct);
        }
        else if (extendedType == 1 && !DiscardExtendedData)
        {
            _extended.Append(data);
        }
        else
        {
            // Nobody reads this stream: account for it as consumed so the window does not shrink for good.
            return ConsumedAsync(data.Length, ct);
        }
        return ValueTask.CompletedTask;
    }

    internal void OnEof()
    {
        EofReceived = true;
        _data.Complete();
        _extended.Complete();
    }

    internal async ValueTask OnRequestAsync(SshChannelRequest request, CancellationToken ct)
    {
        bool ok;
        switch (request.RequestType)
        {
            case "exit-status":
                ExitStatus = (int)new SshReader(request.Data.Span).ReadUInt32();
                ok = true;
                break;
            case "exit-signal":
            {
                var r = new SshReader(request.Data.Span);
                ExitSignal = r.ReadString();
                r.ReadBoolean();
                ExitSignalMessage = r.ReadString();
                ok = true;
                break;
            }
            default:
                ok = RequestHandler != null && await RequestHandler(request, ct).ConfigureAwait(false);
                break;
        }
        if (request.WantReply && Volatile.Read(ref _closeSent) == 0 && !_closeReceived)
            await SendSimpleAsync(ok ? SshMessageNumber.ChannelSuccess : SshMessageNumber.ChannelFailure, ct).ConfigureAwait(false);
    }

    internal void OnRequestReply(bool success)
    {
        TaskCompletionSource<bool>? reply;
        lock (_pendingRequests)
            _pendingRequests.TryDequeue(out reply);
        // A reply nobody waits for (e.g. to a request sent without want-reply) is harmless: ignore it.
        reply?.TrySetResult(success);
    }

    internal async ValueTask OnCloseAsync(CancellationToken ct)
    {
        _closeReceived = true;
        OnEof();
        WakeWriters();
        CancelClosing();
        if (Interlocked.Exchange(ref _closeSent, 1) == 0 && _failure == null && !PeerGone)
        {
            try
            {
                await SendSimpleAsync(SshMessageNumber.ChannelClose, ct).ConfigureAwait(false);
            }
            catch (SshDisconnectedException)
            {
                // The peer closed the channel and then the connection (as our client and OpenSSH's
                // do): nobody is left to answer, and the channel is finished all the same.
            }
        }
        Finish();
    }

    private void Finish()
    {
        _connection.Release(this);
        FailPending(new SshChannelClosedException($"channel {LocalId} is closed"));
        WakeWriters();
        CancelClosing();
        _closed.TrySetResult();
    }

    /// <summary>
    /// Stops the application's use of the channel (its reads end, writes fail, <see cref="Closing"/>
    /// fires) while the channel itself stays open so CLOSE can still be sent, e.g. on server shutdown.
    /// </summary>
    internal void Abort()
    {
        _aborted = true;
        _data.Complete();
        _extended.Complete();
        WakeWriters();
        CancelClosing();
    }

    /// <summary>The connection is gone: wake every waiter with the reason.</summary>
    internal void Fail(Exception reason)
    {
        _failure ??= reason;
        _data.Complete(EofReceived ? null : reason);
        _extended.Complete(EofReceived ? null : reason);
        FailPending(reason);
        WakeWriters();
        _ready.TrySetResult();
        CancelClosing();
        _closed.TrySetResult();
        _connection.Release(this);
    }

    private void FailPending(Exception reason)
    {
        lock (_pendingRequests)
            while (_pendingRequests.TryDequeue(out var pending))
                pending.TrySetException(reason);
    }
}
