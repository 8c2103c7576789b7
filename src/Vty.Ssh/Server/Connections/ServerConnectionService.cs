using Microsoft.Extensions.Logging;
using Vty.Ssh.Server.Channels;
using Vty.Ssh.Server.Protocol;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Server.Connections;

/// <summary>
/// The server side of the "ssh-connection" service (RFC 4254) for one authenticated client: the
/// channel table, channel open and request handling for "session" (pty-req, env, shell, exec,
/// subsystem, window-change, signal) and "direct-tcpip", global requests, exit-status, and the
/// per-connection channel limit. Runs the connection's single read loop until the client leaves.
/// </summary>
internal sealed class ServerConnectionService
{
    private readonly IServerPacketChannel _transport;
    private readonly SshServerOptions _options;
    private readonly SshServerConnectionInfo _info;
    private readonly ILogger _logger;
    private readonly Dictionary<uint, ServerChannelState> _channels = new();
    private readonly List<Task> _work = new();
    private readonly SessionRequestHandler _sessions;
    private uint _nextId;

    public ServerConnectionService(IServerPacketChannel transport, SshServerOptions options, SshServerConnectionInfo info, ILogger logger)
    {
        _transport = transport;
        _options = options;
        _info = info;
        _logger = logger;
        _sessions = new SessionRequestHandler(options, info, logger);
    }

    /// <summary>
    /// Serves the connection until the client disconnects, violates the protocol (disconnected with a
    /// log line), or <paramref name="stopping"/> fires (channels closed cleanly, then DISCONNECT).
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var connectionEnd = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        try
        {
            while (true)
            {
                ReadOnlyMemory<byte> payload;
                try
                {
                    payload = await _transport.ReceiveAsync(connectionEnd.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    await ShutDownAsync().ConfigureAwait(false);
                    return;
                }
                if (payload.IsEmpty) throw new SshWireFormatException("empty message");
                if (!await DispatchAsync(payload, connectionEnd.Token).ConfigureAwait(false))
                    return;
            }
        }
        catch (SshException ex) when (ex is not SshChannelClosedException)
        {
            _logger.LogWarning("disconnecting {Remote} ({User}): {Reason}", _info.RemoteEndPoint, _info.User, ex.Message);
            await TryDisconnectAsync(SshDisconnectReason.ProtocolError, ex.Message).ConfigureAwait(false);
        }
        finally
        {
            await connectionEnd.CancelAsync().ConfigureAwait(false);
            foreach (ServerChannelState state in _channels.Values) state.Channel.Abort();
            await WaitForWorkAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
    }

    private async ValueTask<bool> DispatchAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        byte type = payload.Span[0];
        switch (type)
        {
            case SshMessageNumber.Disconnect:
                return false;
            case SshMessageNumber.GlobalRequest:
                await OnGlobalRequestAsync(payload, cancellationToken).ConfigureAwait(false);
                return true;
            case SshMessageNumber.ChannelOpen:
                return await OnChannelOpenAsync(payload, cancellationToken).ConfigureAwait(false);
            case SshMessageNumber.RequestSuccess or SshMessageNumber.RequestFailure:
                return true; // we send no global requests that want a reply
            case >= SshMessageNumber.ChannelOpenConfirmation and <= SshMessageNumber.ChannelFailure:
                await OnChannelMessageAsync(type, payload, cancellationToken).ConfigureAwait(false);
                return true;
            case SshMessageNumber.ServiceRequest or SshMessageNumber.UserAuthRequest:
                return true; // late auth requests after success are ignored (RFC 4252 §5.1)
            default:
                throw new SshException($"unexpected message {type} in the connection protocol");
        }
    }

    private async ValueTask OnGlobalRequestAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var reader = new SshReader(payload.Span[1..]);
        string name = reader.ReadString();
        bool wantReply = reader.ReadBoolean();
        _logger.LogDebug("global request {Name} from {Remote} refused", name, _info.RemoteEndPoint);
        if (wantReply)
            await SendAsync(w => w.WriteByte(SshMessageNumber.RequestFailure), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<bool> OnChannelOpenAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        string channelType;
        uint sender, window, maxPacket;
        string host = "", originator = "";
        uint port = 0, originatorPort = 0;
        {
            var reader = new SshReader(payload.Span[1..]);
            channelType = reader.ReadString();
            sender = reader.ReadUInt32();
            window = reader.ReadUInt32();
            maxPacket = reader.ReadUInt32();
            if (channelType == "direct-tcpip")
            {
                host = reader.ReadString();
                port = reader.ReadUInt32();
                originator = reader.ReadString();
                originatorPort = reader.ReadUInt32();
            }
        }

        if (_channels.Count >= _options.MaxChannelsPerConnection)
        {
            _logger.LogWarning("disconnecting {Remote} ({User}): more than {Max} channels open at once (MaxChannelsPerConnection)",
                _info.RemoteEndPoint, _info.User, _options.MaxChannelsPerConnection);
            await TryDisconnectAsync(SshDisconnectReason.TooManyConnections, $"too many channels (limit {_options.MaxChannelsPerConnection})").ConfigureAwait(false);
            return false;
        }

        switch (channelType)
        {
            case "session":
                {
                    ServerChannel channel = Open(sender, window, maxPacket);
                    _channels[channel.LocalId] = new ServerChannelState(channel);
                    await ConfirmAsync(channel, cancellationToken).ConfigureAwait(false);
                    return true;
                }
            case "direct-tcpip" when _options.DirectTcpipHandler is not null:
                {
                    var request = new SshDirectTcpipRequest(_info, host, (int)port, originator, (int)originatorPort);
                    Stream? target;
                    try
                    {
                        target = await _options.DirectTcpipHandler(request, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        _logger.LogInformation("direct-tcpip to {Host}:{Port} failed: {Error}", host, port, ex.Message);
                        await RefuseAsync(sender, 2, "connect failed", cancellationToken).ConfigureAwait(false);
                        return true;
                    }
                    if (target is null)
                    {
                        await RefuseAsync(sender, 1, "forwarding refused", cancellationToken).ConfigureAwait(false);
                        return true;
                    }
                    ServerChannel channel = Open(sender, window, maxPacket);
                    var state = new ServerChannelState(channel);
                    _channels[channel.LocalId] = state;
                    await ConfirmAsync(channel, cancellationToken).ConfigureAwait(false);
                    Track(new DirectTcpipBridge(channel, target, _logger).RunAsync(cancellationToken));
                    return true;
                }
            case "direct-tcpip":
                _logger.LogInformation("direct-tcpip to {Host}:{Port} from {Remote} refused: no handler", host, port, _info.RemoteEndPoint);
                await RefuseAsync(sender, 1, "port forwarding is disabled", cancellationToken).ConfigureAwait(false);
                return true;
            default:
                await RefuseAsync(sender, 3, $"unknown channel type {channelType}", cancellationToken).ConfigureAwait(false);
                return true;
        }
    }

    private ServerChannel Open(uint sender, uint window, uint maxPacket)
    {
        uint id = _nextId;
        while (_channels.ContainsKey(id)) id++;
        _nextId = id + 1;
        return new ServerChannel(_transport, id, sender, window, maxPacket);
    }

    private ValueTask ConfirmAsync(ServerChannel channel, CancellationToken cancellationToken) => SendAsync(w =>
    {
        w.WriteByte(SshMessageNumber.ChannelOpenConfirmation);
        w.WriteUInt32(channel.RemoteId);
        w.WriteUInt32(channel.LocalId);
        w.WriteUInt32(ServerChannel.InitialWindow);
        w.WriteUInt32(ServerChannel.MaxPacket);
    }, cancellationToken);

    private ValueTask RefuseAsync(uint sender, uint reason, string description, CancellationToken cancellationToken) => SendAsync(w =>
    {
        w.WriteByte(SshMessageNumber.ChannelOpenFailure);
        w.WriteUInt32(sender);
        w.WriteUInt32(reason);
        w.WriteString(description);
        w.WriteString("");
    }, cancellationToken);

    private async ValueTask OnChannelMessageAsync(byte type, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var reader = new SshReader(payload.Span[1..]);
        uint recipient = reader.ReadUInt32();
        if (!_channels.TryGetValue(recipient, out ServerChannelState? state))
            throw new SshException($"message {type} for channel {recipient}, which is not open");
        ServerChannel channel = state.Channel;
        switch (type)
        {
            case SshMessageNumber.ChannelWindowAdjust:
                channel.OnWindowAdjust(reader.ReadUInt32());
                break;
            case SshMessageNumber.ChannelData:
                channel.OnData(reader.ReadStringBytes());
                break;
            case SshMessageNumber.ChannelExtendedData:
                reader.ReadUInt32();
                await channel.OnIgnoredDataAsync(reader.ReadStringBytes().Length, cancellationToken).ConfigureAwait(false);
                break;
            case SshMessageNumber.ChannelEof:
                channel.OnEof();
                break;
            case SshMessageNumber.ChannelClose:
                await channel.OnCloseAsync(cancellationToken).ConfigureAwait(false);
                _channels.Remove(recipient);
                break;
            case SshMessageNumber.ChannelRequest:
                {
                    string request = reader.ReadString();
                    bool wantReply = reader.ReadBoolean();
                    bool ok = _sessions.Handle(state, request, payload.Span[(1 + reader.Position)..]);
                    if (wantReply) await channel.SendReplyAsync(ok, cancellationToken).ConfigureAwait(false);
                    // The handler starts only after the reply, so its output and exit status can never
                    // overtake the "success" the client is waiting for.
                    if (state.PendingStart is { } start)
                    {
                        state.PendingStart = null;
                        Track(Task.Run(start, CancellationToken.None));
                    }
                    break;
                }
            case SshMessageNumber.ChannelSuccess or SshMessageNumber.ChannelFailure:
                break; // replies to requests we sent without want-reply never come; tolerate them
            default:
                throw new SshException($"unexpected channel message {type}");
        }
    }

    private void Track(Task task)
    {
        lock (_work)
        {
            _work.RemoveAll(t => t.IsCompleted);
            _work.Add(task);
        }
    }

    private async Task WaitForWorkAsync(TimeSpan timeout)
    {
        Task[] pending;
        lock (_work) pending = _work.ToArray();
        if (pending.Length == 0) return;
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(timeout)).ConfigureAwait(false);
    }

    // Graceful shutdown: tell each running handler to stop (its token fires), give it a moment to
    // report its exit status, close every channel, then say goodbye with a DISCONNECT.
    private async Task ShutDownAsync()
    {
        _logger.LogDebug("closing connection of {User} from {Remote}: server stopping", _info.User, _info.RemoteEndPoint);
        foreach (ServerChannelState state in _channels.Values) state.Channel.Abort();
        await WaitForWorkAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        foreach (ServerChannelState state in _channels.Values)
        {
            try { await state.Channel.SendCloseAsync(timeout.Token).ConfigureAwait(false); }
            catch (Exception ex) when (ex is SshException or IOException or OperationCanceledException or ObjectDisposedException) { break; }
        }
        await TryDisconnectAsync(SshDisconnectReason.ByApplication, "server shutting down").ConfigureAwait(false);
    }

    private async ValueTask TryDisconnectAsync(SshDisconnectReason reason, string description)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _transport.DisconnectAsync(reason, description, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SshException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            _logger.LogDebug("disconnect to {Remote} not delivered: {Error}", _info.RemoteEndPoint, ex.Message);
        }
    }

    private async ValueTask SendAsync(Action<SshWriter> build, CancellationToken cancellationToken)
    {
        using var writer = new SshWriter();
        build(writer);
        await _transport.SendAsync(writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }
}
