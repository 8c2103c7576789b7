using Microsoft.Extensions.Logging;
using Vty.Ssh.Connection;
using Vty.Ssh.Forwarding;
using Vty.Ssh.Server.Channels;
using Vty.Ssh.Server.Protocol;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Server.Connections;

/// <summary>
/// The server side of the "ssh-connection" service (RFC 4254) for one authenticated client, on
/// the shared channel layer (<see cref="SshConnection"/>): which channel types are accepted
/// ("session" with its requests, "direct-tcpip" through the application's handler), global
/// requests (tcpip-forward through <see cref="ServerRemoteForwards"/>), and the per-connection channel limit. Runs the connection's dispatch loop until the
/// client leaves; it pulls messages from the transport's queue, so a slow handler never stalls a
/// key exchange.
/// </summary>
internal sealed class ServerConnectionService
{
    private readonly IServerPacketChannel _transport;
    private readonly SshServerOptions _options;
    private readonly SshServerConnectionInfo _info;
    private readonly ILogger _logger;
    private readonly SshConnection _connection;
    private readonly List<Task> _work = new();
    private readonly List<Func<Task>> _pendingStarts = new();
    private readonly SessionRequestHandler _sessions;
    private readonly ServerRemoteForwards _remoteForwards;
    private CancellationToken _connectionEnd;

    public ServerConnectionService(IServerPacketChannel transport, SshServerOptions options, SshServerConnectionInfo info, ILogger logger)
    {
        _transport = transport;
        _options = options;
        _info = info;
        _logger = logger;
        _sessions = new SessionRequestHandler(options, info, logger);
        // Batched sends: bulk channel data (SFTP downloads, SCP sources) costs one socket write per
        // batch of packets, as on the client side.
        _connection = new SshConnection(transport.SendAsync, logger, transport.SendManyAsync)
        {
            MaxChannels = options.MaxChannelsPerConnection,
            ChannelOpenHandler = OnChannelOpenAsync,
            PeerGone = () => transport.EndReason is not null,
        };
        _remoteForwards = new ServerRemoteForwards(_connection, options, info, logger);
        _connection.GlobalRequestHandler = _remoteForwards.HandleAsync;
    }

    /// <summary>
    /// Serves the connection until the client disconnects, violates the protocol (disconnected with a
    /// log line), or <paramref name="stopping"/> fires (channels closed cleanly, then DISCONNECT).
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var connectionEnd = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _connectionEnd = connectionEnd.Token;
        try
        {
            while (true)
            {
                ReadOnlyMemory<byte> payload;
                try
                {
                    payload = await _transport.ReceiveOrEndAsync(connectionEnd.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    await ShutDownAsync().ConfigureAwait(false);
                    return;
                }
                if (payload.IsEmpty)
                {
                    // The client left (DISCONNECT or a closed socket): the usual end, no error.
                    _logger.LogDebug("connection from {Remote} ({User}) ended: {Reason}", _info.RemoteEndPoint, _info.User, _transport.EndReason?.Message);
                    return;
                }
                if (!await DispatchAsync(payload, connectionEnd.Token).ConfigureAwait(false))
                    return;
            }
        }
        catch (SshChannelLimitException)
        {
            _logger.LogWarning("disconnecting {Remote} ({User}): more than {Max} channels open at once (MaxChannelsPerConnection)",
                _info.RemoteEndPoint, _info.User, _options.MaxChannelsPerConnection);
            await TryDisconnectAsync(SshDisconnectReason.TooManyConnections, $"too many channels (limit {_options.MaxChannelsPerConnection})").ConfigureAwait(false);
        }
        catch (SshException ex) when (ex is not SshChannelClosedException)
        {
            _logger.LogWarning("disconnecting {Remote} ({User}): {Reason}", _info.RemoteEndPoint, _info.User, ex.Message);
            await TryDisconnectAsync(SshDisconnectReason.ProtocolError, ex.Message).ConfigureAwait(false);
        }
        finally
        {
            // Channels first: their readers see the end of their data and finish in order before
            // the handlers' token fires (which would otherwise race them into cancellations).
            foreach (SshChannel channel in _connection.SnapshotChannels()) channel.Abort();
            await connectionEnd.CancelAsync().ConfigureAwait(false);
            await _remoteForwards.DisposeAsync().ConfigureAwait(false);
            await WaitForWorkAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            _connection.Fail(new SshDisconnectedException("the connection is closed"));
        }
    }

    private async ValueTask<bool> DispatchAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        byte type = payload.Span[0];
        switch (type)
        {
            case SshMessageNumber.Disconnect:
                return false;
            case >= SshMessageNumber.GlobalRequest and <= SshMessageNumber.ChannelFailure:
                await _connection.HandleMessageAsync(payload, cancellationToken).ConfigureAwait(false);
                // A handler starts only after its request's reply went out, so its output and exit
                // status can never overtake the "success" the client is waiting for.
                foreach (Func<Task> start in _pendingStarts) Track(Task.Run(start, CancellationToken.None));
                _pendingStarts.Clear();
                return true;
            case SshMessageNumber.ServiceRequest or SshMessageNumber.UserAuthRequest:
                return true; // late auth requests after success are ignored (RFC 4252 §5.1)
            default:
                throw new SshException($"unexpected message {type} in the connection protocol");
        }
    }

    private async ValueTask<bool> OnChannelOpenAsync(SshChannelOpenRequest request, SshChannel channel, CancellationToken cancellationToken)
    {
        switch (request.ChannelType)
        {
            case "session":
                {
                    var state = new ServerChannelState(channel);
                    channel.DiscardExtendedData = true;
                    channel.RequestHandler = (req, _) =>
                    {
                        bool ok = _sessions.Handle(state, req.RequestType, req.Data.Span);
                        if (state.PendingStart is { } start)
                        {
                            state.PendingStart = null;
                            _pendingStarts.Add(start);
                        }
                        return ValueTask.FromResult(ok);
                    };
                    return true;
                }
            case "direct-tcpip":
                {
                    var (host, port, originator, originatorPort) = ParseDirectTcpip(request.Data.Span);
                    if (_options.DirectTcpipHandler is not { } handler)
                    {
                        _logger.LogInformation("direct-tcpip to {Host}:{Port} from {Remote} refused: no handler", host, port, _info.RemoteEndPoint);
                        throw new SshChannelOpenException(1, "port forwarding is disabled");
                    }
                    Stream? target;
                    try
                    {
                        target = await handler(new SshDirectTcpipRequest(_info, host, port, originator, originatorPort), cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        _logger.LogInformation("direct-tcpip to {Host}:{Port} failed: {Error}", host, port, ex.Message);
                        throw new SshChannelOpenException(2, "connect failed");
                    }
                    if (target is null) throw new SshChannelOpenException(1, "forwarding refused");
                    Track(ChannelBridge.RunAsync(channel, target, _logger, _connectionEnd));
                    return true;
                }
            default:
                throw new SshChannelOpenException(3, $"unknown channel type {request.ChannelType}");
        }
    }

    private static (string Host, int Port, string Originator, int OriginatorPort) ParseDirectTcpip(ReadOnlySpan<byte> data)
    {
        var reader = new SshReader(data);
        string host = reader.ReadString();
        uint port = reader.ReadUInt32();
        string originator = reader.ReadString();
        uint originatorPort = reader.ReadUInt32();
        return (host, (int)Math.Min(port, 65535), originator, (int)Math.Min(originatorPort, 65535));
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
        SshChannel[] channels = _connection.SnapshotChannels();
        foreach (SshChannel channel in channels) channel.Abort();
        await WaitForWorkAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        foreach (SshChannel channel in channels)
        {
            try { await channel.SendCloseAsync(timeout.Token).ConfigureAwait(false); }
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
}
