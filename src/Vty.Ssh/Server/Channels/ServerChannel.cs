using Vty.Ssh.Connection;
using Vty.Ssh.Server.Protocol;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Server.Channels;

/// <summary>
/// One open channel as the server sees it (RFC 4254 §5): ids, both windows, inbound bytes waiting
/// for the application and outbound writes that wait for the peer's window. The dispatcher calls
/// the On* methods from the connection's single read loop; the application reads and writes from
/// its own tasks.
/// </summary>
internal sealed class ServerChannel
{
    /// <summary>Window we grant the peer; refilled when the application has read half of it.</summary>
    public const uint InitialWindow = 2 * 1024 * 1024;

    /// <summary>Largest data payload we accept in one message.</summary>
    public const uint MaxPacket = 32 * 1024;

    private readonly IServerPacketChannel _transport;
    private readonly object _lock = new();
    private readonly ChannelReceiveBuffer _inbound = new();
    private readonly CancellationTokenSource _closedSource = new();
    private long _remoteWindow;
    private TaskCompletionSource? _windowWaiter;
    private long _localWindow = InitialWindow;
    private long _consumed;
    private bool _eofSent;
    private bool _closeSent;

    public ServerChannel(IServerPacketChannel transport, uint localId, uint remoteId, uint remoteWindow, uint remoteMaxPacket)
    {
        _transport = transport;
        LocalId = localId;
        RemoteId = remoteId;
        _remoteWindow = remoteWindow;
        RemoteMaxPacket = Math.Clamp(remoteMaxPacket, 1u, MaxPacket);
    }

    public uint LocalId { get; }
    public uint RemoteId { get; }
    public uint RemoteMaxPacket { get; }
    public bool CloseReceived { get; private set; }
    public bool EofReceived { get; private set; }

    /// <summary>Fires when the channel closes (either side), so the application's work stops.</summary>
    public CancellationToken Closed => _closedSource.Token;

    // ---- called by the dispatcher (single read loop) ----

    public void OnData(ReadOnlySpan<byte> data)
    {
        if (Interlocked.Add(ref _localWindow, -data.Length) < 0)
            throw new SshException($"the client sent {data.Length} bytes on channel {LocalId}, more than the window it was given");
        if (EofReceived || CloseReceived)
            throw new SshException($"the client sent data on channel {LocalId} after EOF");
        _inbound.Append(data);
    }

    /// <summary>Data the server does not consume (e.g. stderr from the client): accounted for and dropped.</summary>
    public async ValueTask OnIgnoredDataAsync(int length, CancellationToken cancellationToken)
    {
        if (Interlocked.Add(ref _localWindow, -length) < 0)
            throw new SshException($"the client sent {length} bytes on channel {LocalId}, more than the window it was given");
        await AcknowledgeAsync(length, cancellationToken).ConfigureAwait(false);
    }

    public void OnWindowAdjust(uint bytes)
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            _remoteWindow = Math.Min(uint.MaxValue, _remoteWindow + bytes);
            wake = _windowWaiter;
            _windowWaiter = null;
        }
        wake?.TrySetResult();
    }

    public void OnEof()
    {
        EofReceived = true;
        _inbound.Complete();
    }

    /// <summary>The peer closed the channel: answer with our close (if not sent) and stop everything.</summary>
    public async ValueTask OnCloseAsync(CancellationToken cancellationToken)
    {
        CloseReceived = true;
        _inbound.Complete();
        WakeWriters();
        _closedSource.Cancel();
        await SendCloseAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The connection is gone: end the inbound stream and wake everyone.</summary>
    public void Abort()
    {
        CloseReceived = true;
        _inbound.Complete();
        WakeWriters();
        try { _closedSource.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    // ---- called by the application ----

    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        int read = await _inbound.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
        if (read > 0) await AcknowledgeAsync(read, cancellationToken).ConfigureAwait(false);
        return read;
    }

    /// <summary>Sends data (stdout, or extended data such as stderr when <paramref name="extendedType"/> is set), waiting for window.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, uint? extendedType, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            int chunk = await ReserveWindowAsync(data.Length, cancellationToken).ConfigureAwait(false);
            using var writer = new SshWriter(chunk + 16);
            if (extendedType is { } type)
            {
                writer.WriteByte(SshMessageNumber.ChannelExtendedData);
                writer.WriteUInt32(RemoteId);
                writer.WriteUInt32(type);
            }
            else
            {
                writer.WriteByte(SshMessageNumber.ChannelData);
                writer.WriteUInt32(RemoteId);
            }
            writer.WriteString(data.Span[..chunk]);
            await _transport.SendAsync(writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            data = data[chunk..];
        }
    }

    public async ValueTask SendRequestAsync(string request, Action<SshWriter>? body, CancellationToken cancellationToken)
    {
        if (CloseReceived || _closeSent) return;
        using var writer = new SshWriter();
        writer.WriteByte(SshMessageNumber.ChannelRequest);
        writer.WriteUInt32(RemoteId);
        writer.WriteString(request);
        writer.WriteBoolean(false);
        body?.Invoke(writer);
        await _transport.SendAsync(writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask SendReplyAsync(bool success, CancellationToken cancellationToken)
    {
        if (_closeSent) return;
        using var writer = new SshWriter(16);
        writer.WriteByte(success ? SshMessageNumber.ChannelSuccess : SshMessageNumber.ChannelFailure);
        writer.WriteUInt32(RemoteId);
        await _transport.SendAsync(writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask SendEofAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_eofSent || _closeSent || CloseReceived) return;
            _eofSent = true;
        }
        using var writer = new SshWriter(16);
        writer.WriteByte(SshMessageNumber.ChannelEof);
        writer.WriteUInt32(RemoteId);
        await _transport.SendAsync(writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask SendCloseAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_closeSent) return;
            _closeSent = true;
        }
        WakeWriters();
        using var writer = new SshWriter(16);
        writer.WriteByte(SshMessageNumber.ChannelClose);
        writer.WriteUInt32(RemoteId);
        await _transport.SendAsync(writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True once both sides have sent CLOSE: the id can be reused.</summary>
    public bool IsFullyClosed
    {
        get { lock (_lock) return _closeSent && CloseReceived; }
    }

    private async ValueTask AcknowledgeAsync(int bytes, CancellationToken cancellationToken)
    {
        long pending = Interlocked.Add(ref _consumed, bytes);
        if (pending < InitialWindow / 2) return;
        long grant = Interlocked.Exchange(ref _consumed, 0);
        if (grant <= 0) return;
        Interlocked.Add(ref _localWindow, grant);
        if (CloseReceived || _closeSent) return;
        using var writer = new SshWriter(16);
        writer.WriteByte(SshMessageNumber.ChannelWindowAdjust);
        writer.WriteUInt32(RemoteId);
        writer.WriteUInt32((uint)grant);
        await _transport.SendAsync(writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<int> ReserveWindowAsync(int wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_closeSent || CloseReceived)
                    throw new SshChannelClosedException($"channel {LocalId} is closed; the client is no longer reading");
                if (_remoteWindow > 0)
                {
                    int chunk = (int)Math.Min(Math.Min(wanted, _remoteWindow), RemoteMaxPacket);
                    _remoteWindow -= chunk;
                    return chunk;
                }
                _windowWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _windowWaiter.Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void WakeWriters()
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            wake = _windowWaiter;
            _windowWaiter = null;
        }
        wake?.TrySetResult();
    }
}
