using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Vty.Ssh.Connection;
using Vty.Ssh.Server;
using Vty.Ssh.Server.Channels;
using Vty.Ssh.Server.Connections;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Forwarding;

/// <summary>
/// The server's side of remote forwarding for one connection: "tcpip-forward" binds a listener
/// (on loopback, as OpenSSH does with GatewayPorts no), each accepted connection goes back to the
/// client in a "forwarded-tcpip" channel, "cancel-tcpip-forward" and the connection's end stop it.
/// </summary>
internal sealed class ServerRemoteForwards(SshConnection connection, SshServerOptions options, SshServerConnectionInfo info, ILogger logger) : IAsyncDisposable
{
    private const int MaxForwardsPerConnection = 16;

    private readonly Dictionary<(string Address, int Port), ForwardListener> _listeners = new();
    private readonly CancellationTokenSource _end = new();

    /// <summary>Answers tcpip-forward / cancel-tcpip-forward; null for other requests and refusals.</summary>
    public async ValueTask<byte[]?> HandleAsync(SshGlobalRequest request, CancellationToken ct)
    {
        switch (request.Name)
        {
            case "tcpip-forward":
            {
                var r = new SshReader(request.Data.Span);
                string address = r.ReadString();
                uint port = r.ReadUInt32();
                if (port > 65535 || options.TcpipForwardHandler is not { } handler) return null;
                if (!await handler(new SshTcpipForwardRequest(info, address, (int)port), ct).ConfigureAwait(false)) return null;
                lock (_listeners)
                    if (_listeners.Count >= MaxForwardsPerConnection) return null;
                IPAddress bindTo = address == "::1" ? IPAddress.IPv6Loopback : IPAddress.Loopback;
                ForwardListener listener;
                try
                {
                    listener = ForwardListener.Start(new IPEndPoint(bindTo, (int)port), "a remote forward",
                        (socket, stop) => ServeAsync(socket, address, stop), logger, _end.Token);
                }
                catch (SshForwardingException e)
                {
                    logger.LogInformation("remote forward for {User}: {Error}", info.User, e.Message);
                    return null;
                }
                int bound = listener.LocalEndPoint.Port;
                lock (_listeners) _listeners[(address, bound)] = listener;
                logger.LogInformation("{User} forwards {Address}:{Port} back to the client", info.User, listener.LocalEndPoint.Address, bound);
                if (port != 0) return [];
                using var w = new SshWriter(4);
                w.WriteUInt32((uint)bound);
                return w.ToArray();
            }
            case "cancel-tcpip-forward":
            {
                var r = new SshReader(request.Data.Span);
                string address = r.ReadString();
                int port = (int)Math.Min(r.ReadUInt32(), 65535);
                ForwardListener? listener;
                lock (_listeners) _listeners.Remove((address, port), out listener);
                if (listener == null) return null;
                await listener.DisposeAsync().ConfigureAwait(false);
                return [];
            }
            default:
                return null;
        }
    }

    private async Task ServeAsync(Socket socket, string requestedAddress, CancellationToken stop)
    {
        var local = (IPEndPoint)socket.LocalEndPoint!;
        var peer = socket.RemoteEndPoint as IPEndPoint;
        var stream = new NetworkStream(socket, ownsSocket: true);
        SshChannel channel;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            channel = await connection.OpenChannelAsync("forwarded-tcpip", w =>
            {
                w.WriteString(requestedAddress);
                w.WriteUInt32((uint)local.Port);
                w.WriteString(peer?.Address.ToString() ?? "127.0.0.1");
                w.WriteUInt32((uint)(peer?.Port ?? 0));
            }, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SshException or OperationCanceledException)
        {
            logger.LogInformation("client {User} did not take forwarded connection on port {Port}: {Error}", info.User, local.Port, e.Message);
            await stream.DisposeAsync().ConfigureAwait(false);
            return;
        }
        await ChannelBridge.RunAsync(channel, stream, logger, stop).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _end.CancelAsync().ConfigureAwait(false);
        ForwardListener[] listeners;
        lock (_listeners)
        {
            listeners = [.. _listeners.Values];
            _listeners.Clear();
        }
        foreach (ForwardListener listener in listeners) await listener.DisposeAsync().ConfigureAwait(false);
        _end.Dispose();
    }
}
