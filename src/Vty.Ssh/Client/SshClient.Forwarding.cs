using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Vty.Ssh.Connection;
using Vty.Ssh.Forwarding;
using Vty.Ssh.Wire;

namespace Vty.Ssh;

// Port forwarding (-L, -R, -D), direct-tcpip streams and agent forwarding: every one is a channel
// type on the shared connection layer, relayed by ChannelBridge.
public sealed partial class SshClient
{
    private readonly List<IAsyncDisposable> _forwards = new();
    private readonly Dictionary<(string Address, int Port), SshRemoteForward> _remoteForwards = new();
    private readonly List<Task> _forwardWork = new();

    /// <summary>Opens a "direct-tcpip" channel: a stream to <paramref name="host"/>:<paramref name="port"/> as the server reaches it (OpenSSH -W). Disposing it closes the channel.</summary>
    public Task<SshChannelStream> OpenDirectTcpipAsync(string host, int port, CancellationToken ct) =>
        OpenDirectTcpipAsync(host, port, "127.0.0.1", 0, ct);

    /// <summary>Opens a "direct-tcpip" channel, telling the server where the connection came from.</summary>
    public async Task<SshChannelStream> OpenDirectTcpipAsync(string host, int port, string originatorAddress, int originatorPort, CancellationToken ct)
    {
        SshChannel channel = await OpenDirectTcpipChannelAsync(host, port, originatorAddress, originatorPort, ct);
        return new SshChannelStream(channel, canRead: true, canWrite: true, ownsChannel: true);
    }

    /// <summary>
    /// Starts a local port forward (OpenSSH -L [bind:]port:host:hostport): listens on
    /// <paramref name="listen"/> and carries each connection to <paramref name="host"/>:<paramref name="port"/>
    /// through the server. Throws <see cref="SshForwardingException"/> when the address cannot be bound.
    /// </summary>
    public SshLocalForward ForwardLocalPort(IPEndPoint listen, string host, int port)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentException.ThrowIfNullOrEmpty(host);
        ThrowIfBadPort(port, nameof(port));
        ForwardListener listener = ForwardListener.Start(listen, $"local forward to {host}:{port}",
            (socket, stop) => ServeLocalForwardAsync(socket, host, port, stop), _log, _lifetime.Token);
        var forward = new SshLocalForward(listener, host, port);
        lock (_forwards) _forwards.Add(forward);
        _log.LogInformation("forwarding {Local} to {Host}:{Port} through {Server}", listener.LocalEndPoint, host, port, _options.Host);
        return forward;
    }

    /// <summary>
    /// Starts a dynamic forward (OpenSSH -D [bind:]port): a SOCKS4/4a/5 proxy on <paramref name="listen"/>
    /// whose connections the server makes. Throws <see cref="SshForwardingException"/> when the address cannot be bound.
    /// </summary>
    public SshDynamicForward ForwardDynamicPort(IPEndPoint listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ForwardListener listener = ForwardListener.Start(listen, "a SOCKS proxy (dynamic forward)", ServeSocksAsync, _log, _lifetime.Token);
        var forward = new SshDynamicForward(listener);
        lock (_forwards) _forwards.Add(forward);
        _log.LogInformation("SOCKS proxy on {Local} through {Server}", listener.LocalEndPoint, _options.Host);
        return forward;
    }

    /// <summary>
    /// Starts a remote port forward (OpenSSH -R [bind:]port:host:hostport): asks the server to listen
    /// on <paramref name="bindAddress"/>:<paramref name="bindPort"/> (0: it picks, see
    /// <see cref="SshRemoteForward.BoundPort"/>) and connects each connection it hands back to
    /// <paramref name="host"/>:<paramref name="port"/> from here. Throws <see cref="SshForwardingException"/>
    /// when the server refuses (e.g. sshd AllowTcpForwarding no/local, or the port is taken).
    /// </summary>
    public async Task<SshRemoteForward> ForwardRemotePortAsync(string bindAddress, int bindPort, string host, int port, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bindAddress);
        ArgumentException.ThrowIfNullOrEmpty(host);
        ThrowIfBadPort(port, nameof(port));
        if (bindPort is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(bindPort), bindPort, "the remote port must be 0 (server picks) to 65535");
        using var timeout = OperationTimeout(ct);
        (bool ok, byte[] data) = await _connection.SendGlobalRequestAsync("tcpip-forward", true, w =>
        {
            w.WriteString(bindAddress);
            w.WriteUInt32((uint)bindPort);
        }, timeout.Token);
        if (!ok)
            throw new SshForwardingException($"the server refused to listen on {Describe(bindAddress, bindPort)} for a remote forward; " +
                "check that it allows forwarding (sshd AllowTcpForwarding yes or remote) and that the port is free there");
        int bound = bindPort == 0 && data.Length >= 4 ? (int)new SshReader(data).ReadUInt32() : bindPort;
        var forward = new SshRemoteForward(bindAddress, bound, host, port, CancelRemoteForwardAsync);
        lock (_remoteForwards) _remoteForwards[(bindAddress, bound)] = forward;
        lock (_forwards) _forwards.Add(forward);
        _log.LogInformation("server {Server} forwards {Remote} to {Host}:{Port}", _options.Host, Describe(bindAddress, bound), host, port);
        return forward;
    }

    /// <summary>
    /// Waits until the connection ends, for a client that only forwards (OpenSSH -N). Returns when
    /// the server closes the connection or <paramref name="ct"/> fires.
    /// </summary>
    public async Task WaitForDisconnectAsync(CancellationToken ct)
    {
        try
        {
            await _transport.Completion.WaitAsync(ct);
        }
        catch (SshException e)
        {
            _log.LogDebug("connection to {Host} ended: {Reason}", _options.Host, e.Message);
        }
    }

    private static string Describe(string address, int port) => $"{(address.Length == 0 ? "*" : address)}:{port}";

    private static void ThrowIfBadPort(int port, string name)
    {
        if (port is < 1 or > 65535) throw new ArgumentOutOfRangeException(name, port, "a TCP port is 1 to 65535");
    }

    private async Task<SshChannel> OpenDirectTcpipChannelAsync(string host, int port, string originatorAddress, int originatorPort, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ThrowIfBadPort(port, nameof(port));
        using var timeout = OperationTimeout(ct);
        try
        {
            return await _connection.OpenChannelAsync("direct-tcpip", w =>
            {
                w.WriteString(host);
                w.WriteUInt32((uint)port);
                w.WriteString(originatorAddress);
                w.WriteUInt32((uint)Math.Clamp(originatorPort, 0, 65535));
            }, timeout.Token);
        }
        catch (Exception e)
        {
            throw MapTimeout(e, ct, $"opening a direct-tcpip channel to {host}:{port}");
        }
    }

    private async Task ServeLocalForwardAsync(Socket socket, string host, int port, CancellationToken stop)
    {
        var peer = socket.RemoteEndPoint as IPEndPoint;
        var stream = new NetworkStream(socket, ownsSocket: true);
        SshChannel channel;
        try
        {
            channel = await OpenDirectTcpipChannelAsync(host, port, peer?.Address.ToString() ?? "127.0.0.1", peer?.Port ?? 0, stop);
        }
        catch (Exception e) when (e is SshException or OperationCanceledException)
        {
            _log.LogInformation("local forward to {Host}:{Port} failed for {Peer}: {Error}", host, port, peer, e.Message);
            await stream.DisposeAsync();
            return;
        }
        await ChannelBridge.RunAsync(channel, stream, _log, stop);
    }

    private async Task ServeSocksAsync(Socket socket, CancellationToken stop)
    {
        var peer = socket.RemoteEndPoint as IPEndPoint;
        var stream = new NetworkStream(socket, ownsSocket: true);
        var socks = new SocksHandshake(stream);
        SshChannel channel;
        try
        {
            // A SOCKS client that connects and says nothing must not hold a task forever.
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(stop);
            handshake.CancelAfter(_options.OperationTimeout);
            (string Host, int Port)? target = await socks.ReadRequestAsync(handshake.Token);
            if (target is not { } destination)
            {
                await stream.DisposeAsync();
                return;
            }
            try
            {
                channel = await OpenDirectTcpipChannelAsync(destination.Host, destination.Port, peer?.Address.ToString() ?? "127.0.0.1", peer?.Port ?? 0, handshake.Token);
            }
            catch (Exception e) when (e is SshException or OperationCanceledException or ArgumentException)
            {
                _log.LogInformation("SOCKS connect to {Host}:{Port} failed: {Error}", destination.Host, destination.Port, e.Message);
                await socks.ReplyAsync(false, handshake.Token);
                await stream.DisposeAsync();
                return;
            }
            await socks.ReplyAsync(true, handshake.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
        {
            _log.LogDebug("SOCKS client {Peer} dropped: {Error}", peer, e.Message);
            await stream.DisposeAsync();
            return;
        }
        await ChannelBridge.RunAsync(channel, stream, _log, stop);
    }

    private async ValueTask CancelRemoteForwardAsync(SshRemoteForward forward)
    {
        lock (_remoteForwards) _remoteForwards.Remove((forward.BindAddress, forward.BoundPort));
        lock (_forwards) _forwards.Remove(forward);
        if (!IsConnected) return;
        try
        {
            using var timeout = OperationTimeout(CancellationToken.None);
            await _connection.SendGlobalRequestAsync("cancel-tcpip-forward", true, w =>
            {
                w.WriteString(forward.BindAddress);
                w.WriteUInt32((uint)forward.BoundPort);
            }, timeout.Token);
        }
        catch (Exception e) when (e is SshException or OperationCanceledException or ObjectDisposedException)
        {
            _log.LogDebug("cancel-tcpip-forward {Port} not answered: {Error}", forward.BoundPort, e.Message);
        }
    }

    // Channels the server opens towards us: only those we asked for are accepted.
    private ValueTask<bool> OnChannelOpenAsync(SshChannelOpenRequest request, SshChannel channel, CancellationToken ct)
    {
        switch (request.ChannelType)
        {
            case "forwarded-tcpip":
            {
                var r = new SshReader(request.Data.Span);
                string address = r.ReadString();
                int port = (int)r.ReadUInt32();
                string originator = r.ReadString();
                int originatorPort = (int)r.ReadUInt32();
                SshRemoteForward? forward;
                lock (_remoteForwards)
                {
                    if (!_remoteForwards.TryGetValue((address, port), out forward))
                        forward = _remoteForwards.Values.FirstOrDefault(f => f.BoundPort == port);
                }
                if (forward == null)
                {
                    _log.LogWarning("server {Server} opened a forwarded-tcpip channel for {Address}:{Port}, which was not requested; refused", _options.Host, address, port);
                    throw new SshChannelOpenException(1, "no such remote forward");
                }
                _log.LogDebug("remote forward {Port}: connection from {Originator}:{OriginatorPort}", port, originator, originatorPort);
                Track(ConnectAndBridgeAsync(channel, () => ConnectTcpAsync(forward.TargetHost, forward.TargetPort), $"{forward.TargetHost}:{forward.TargetPort}"));
                return ValueTask.FromResult(true);
            }
            case "auth-agent@openssh.com":
            {
                if (!_options.ForwardAgent) throw new SshChannelOpenException(1, "agent forwarding was not requested");
                string? path = _options.AgentSocketPath ?? Environment.GetEnvironmentVariable("SSH_AUTH_SOCK");
                if (string.IsNullOrEmpty(path)) throw new SshChannelOpenException(2, "no local agent (SSH_AUTH_SOCK is not set)");
                Track(ConnectAndBridgeAsync(channel, () => ConnectUnixAsync(path), "the local agent"));
                return ValueTask.FromResult(true);
            }
            default:
                throw new SshChannelOpenException(3, $"unknown channel type {request.ChannelType}");
        }
    }

    private async Task ConnectAndBridgeAsync(SshChannel channel, Func<Task<Stream>> connect, string what)
    {
        Stream target;
        try
        {
            target = await connect();
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or SshException)
        {
            // The channel is already confirmed (the read loop must not wait for a connect): close it instead.
            _log.LogInformation("cannot connect to {What} for a channel from {Server}: {Error}", what, _options.Host, e.Message);
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await channel.SendCloseAsync(timeout.Token);
            }
            catch (Exception close) when (close is SshException or OperationCanceledException) { }
            return;
        }
        await ChannelBridge.RunAsync(channel, target, _log, _lifetime.Token);
    }

    private async Task<Stream> ConnectTcpAsync(string host, int port)
    {
        using var timeout = OperationTimeout(CancellationToken.None);
        Socket socket = await ConnectSocketAsync(host, port, timeout.Token);
        return new NetworkStream(socket, ownsSocket: true);
    }

    private async Task<Stream> ConnectUnixAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            using var timeout = OperationTimeout(CancellationToken.None);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), timeout.Token);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Track(Task work)
    {
        lock (_forwardWork)
        {
            _forwardWork.RemoveAll(t => t.IsCompleted);
            _forwardWork.Add(work);
        }
    }

    private async Task StopForwardsAsync()
    {
        IAsyncDisposable[] forwards;
        lock (_forwards) forwards = [.. _forwards];
        foreach (IAsyncDisposable forward in forwards)
        {
            // Remote forwards need no cancel request on a connection that is closing.
            if (forward is SshRemoteForward) continue;
            await forward.DisposeAsync();
        }
        Task[] work;
        lock (_forwardWork) work = [.. _forwardWork];
        if (work.Length > 0) await Task.WhenAny(Task.WhenAll(work), Task.Delay(TimeSpan.FromSeconds(5)));
    }
}
