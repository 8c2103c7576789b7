using Vty.Ssh.Transport;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Connection;

/// <summary>
/// One channel (RFC 4254) for either role: data and extended data in both directions with window
/// flow control, EOF, close, and channel requests. Received data waits in bounded buffers; the
/// receive window is re-opened only as the application reads, so a slow reader slows the peer
/// instead of growing memory.
/// </summary>
public sealed class SshChannel : IAsyncDisposable
{
    private readonly SshConnection _connection;
    private readonly ChannelReceiveBuffer _data = new();
    private readonly ChannelReceiveBuffer _extended = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Queue<TaskCompletionSource<bool>> _pendingRequests = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly uint _windowSize;
    private TaskCompletionSource _windowSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _remoteWindow;
    private long _localWindow;
    private long _consumedSinceAdjust;
    private int _eofSent;
    private int _closeSent;
    private bool _closeReceived;
    private Exception? _failure;

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

    /// <summary>"session", "direct-tcpip", …</summary>
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
    /// Handles requests other than exit-status / exit-signal (e.g. pty-req, shell, exec on a server);
    /// returns whether the request succeeded. Without a handler such requests fail.
    /// </summary>
    public Func<SshChannelRequest, CancellationToken, ValueTask<bool>>? RequestHandler { get; set; }

    /// <summary>Reads data (stdout); 0 at EOF.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct)
    {
        int n = await _data.ReadAsync(buffer, ct);
        await ConsumedAsync(n, ct);
        return n;
    }

    /// <summary>Reads extended data type 1 (stderr); 0 at EOF.</summary>
    public async ValueTask<int> ReadExtendedAsync(Memory<byte> buffer, CancellationToken ct)
    {
        int n = await _extended.ReadAsync(buffer, ct);
        await ConsumedAsync(n, ct);
        return n;
    }

    /// <summary>Sends data, in pieces that fit the peer's window and packet size, waiting for window space.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct) => WriteCoreAsync(data, null, ct);

    /// <summary>Sends extended data type 1 (stderr; server role).</summary>
    public ValueTask WriteExtendedAsync(ReadOnlyMemory<byte> data, CancellationToken ct) => WriteCoreAsync(data, 1, ct);

    /// <summary>Sends EOF (no more data from us); idempotent.</summary>
    public async ValueTask SendEofAsync(CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref _closeSent) != 0 || Interlocked.Exchange(ref _eofSent, 1) != 0) return;
            await SendSimpleAsync(SshMessageNumber.ChannelEof, ct);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Sends a channel request. With <paramref name="wantReply"/> waits for and returns the peer's
    /// answer; otherwise returns true once sent.
    /// </summary>
    public async Task<bool> SendRequestAsync(string requestType, bool wantReply, Action<SshWriter>? writeData, CancellationToken ct)
    {
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
        await _connection.Transport.SendAsync(w.WrittenMemory, ct);
        return reply == null || await reply.Task.WaitAsync(ct);
    }

    /// <summary>Sends CLOSE (if not yet sent) and waits for the peer's CLOSE.</summary>
    public async Task CloseAsync(CancellationToken ct)
    {
        await SendCloseAsync(ct);
        await _closed.Task.WaitAsync(ct);
    }

    /// <summary>Closes the channel, waiting a short while for the peer's CLOSE.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await CloseAsync(cts.Token);
        }
        catch (Exception e) when (e is SshException or OperationCanceledException or TimeoutException)
        {
            Fail(new SshDisconnectedException("the channel was disposed"));
        }
    }

    private async ValueTask WriteCoreAsync(ReadOnlyMemory<byte> data, uint? extendedType, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            while (!data.IsEmpty)
            {
                ThrowIfFailed();
                if (Volatile.Read(ref _eofSent) != 0 || Volatile.Read(ref _closeSent) != 0)
                    throw new SshException($"channel {LocalId}: cannot write after EOF or close");
                TaskCompletionSource signal = Volatile.Read(ref _windowSignal);
                long window = Interlocked.Read(ref _remoteWindow);
                if (window <= 0)
                {
                    await signal.Task.WaitAsync(ct);
                    continue;
                }
                int chunk = (int)Math.Min(Math.Min(window, data.Length), Math.Min(RemoteMaxPacket, 32768u));
                Interlocked.Add(ref _remoteWindow, -chunk);
                using var w = new SshWriter(chunk + 16);
                w.WriteByte(extendedType == null ? SshMessageNumber.ChannelData : SshMessageNumber.ChannelExtendedData);
                w.WriteUInt32(RemoteId);
                if (extendedType != null) w.WriteUInt32(extendedType.Value);
                w.WriteString(data.Span[..chunk]);
                await _connection.Transport.SendAsync(w.WrittenMemory, ct);
                data = data[chunk..];
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async ValueTask ConsumedAsync(int count, CancellationToken ct)
    {
        if (count <= 0) return;
        long consumed = Interlocked.Add(ref _consumedSinceAdjust, count);
        if (consumed < _windowSize / 2 || Volatile.Read(ref _closeSent) != 0 || _closeReceived) return;
        consumed = Interlocked.Exchange(ref _consumedSinceAdjust, 0);
        if (consumed <= 0) return;
        Interlocked.Add(ref _localWindow, consumed);
        using var w = new SshWriter(16);
        w.WriteByte(SshMessageNumber.ChannelWindowAdjust);
        w.WriteUInt32(RemoteId);
        w.WriteUInt32((uint)consumed);
        await _connection.Transport.SendAsync(w.WrittenMemory, ct);
    }

    private async ValueTask SendSimpleAsync(byte number, CancellationToken ct)
    {
        using var w = new SshWriter(8);
        w.WriteByte(number);
        w.WriteUInt32(RemoteId);
        await _connection.Transport.SendAsync(w.WrittenMemory, ct);
    }

    private async ValueTask SendCloseAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _closeSent, 1) != 0) return;
        if (_failure != null) return;
        await SendSimpleAsync(SshMessageNumber.ChannelClose, ct);
        if (_closeReceived) Finish();
    }

    private void ThrowIfFailed()
    {
        if (_failure != null) throw _failure;
    }

    // ---- called by SshConnection on the read loop ------------------------------------------

    internal void OnOpened(uint remoteId, uint remoteWindow, uint remoteMaxPacket)
    {
        RemoteId = remoteId;
        RemoteMaxPacket = remoteMaxPacket == 0 ? 32768 : remoteMaxPacket;
        Interlocked.Exchange(ref _remoteWindow, remoteWindow);
    }

    internal void OnWindowAdjust(uint bytes)
    {
        long window = Interlocked.Add(ref _remoteWindow, bytes);
        if (window > uint.MaxValue)
            throw new SshProtocolException($"channel {LocalId}: the peer's window grew beyond 2^32-1 bytes");
        Interlocked.Exchange(ref _windowSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    internal void OnData(ReadOnlySpan<byte> data, bool extended)
    {
        if (EofReceived) throw new SshProtocolException($"channel {LocalId}: data after EOF");
        if (Interlocked.Add(ref _localWindow, -data.Length) < 0)
            throw new SshProtocolException($"channel {LocalId}: the peer sent more data than the window allows");
        if (data.Length > LocalMaxPacket)
            throw new SshProtocolException($"channel {LocalId}: a data packet of {data.Length} bytes exceeds the {LocalMaxPacket} allowed");
        (extended ? _extended : _data).Append(data);
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
                ok = RequestHandler != null && await RequestHandler(request, ct);
                break;
        }
        if (request.WantReply && Volatile.Read(ref _closeSent) == 0)
            await SendSimpleAsync(ok ? SshMessageNumber.ChannelSuccess : SshMessageNumber.ChannelFailure, ct);
    }

    internal void OnRequestReply(bool success)
    {
        TaskCompletionSource<bool>? reply;
        lock (_pendingRequests)
            _pendingRequests.TryDequeue(out reply);
        if (reply == null) throw new SshProtocolException($"channel {LocalId}: a request reply nobody asked for");
        reply.TrySetResult(success);
    }

    internal async ValueTask OnCloseAsync(CancellationToken ct)
    {
        _closeReceived = true;
        OnEof();
        if (Interlocked.Exchange(ref _closeSent, 1) == 0)
            await SendSimpleAsync(SshMessageNumber.ChannelClose, ct);
        Finish();
    }

    private void Finish()
    {
        _connection.Release(this);
        FailPending(new SshException($"channel {LocalId} is closed"));
        Interlocked.Exchange(ref _windowSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        _closed.TrySetResult();
    }

    /// <summary>The connection is gone: wake every waiter with the reason.</summary>
    internal void Fail(Exception reason)
    {
        _failure ??= reason;
        _data.Complete(EofReceived ? null : reason);
        _extended.Complete(EofReceived ? null : reason);
        FailPending(reason);
        Interlocked.Exchange(ref _windowSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
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
