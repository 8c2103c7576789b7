using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Vty.Ssh.Forwarding;

/// <summary>
/// A TCP listener whose connections are each served on their own task (-L, -D on the client,
/// tcpip-forward on the server). Disposing stops accepting, cancels the connections and waits
/// for them briefly. No thread per connection: accept and serve are async.
/// </summary>
internal sealed class ForwardListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Func<Socket, CancellationToken, Task> _serve;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop;
    private readonly List<Task> _connections = new();
    private readonly Task _acceptLoop;

    private ForwardListener(Socket socket, Func<Socket, CancellationToken, Task> serve, ILogger log, CancellationToken lifetime)
    {
        _socket = socket;
        _serve = serve;
        _log = log;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The address and port bound (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds and starts accepting; throws <see cref="SshForwardingException"/> when the address cannot be bound.</summary>
    public static ForwardListener Start(IPEndPoint endPoint, string purpose, Func<Socket, CancellationToken, Task> serve, ILogger log, CancellationToken lifetime)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6) socket.DualMode = endPoint.Address.Equals(IPAddress.IPv6Any);
            socket.Bind(endPoint);
            socket.Listen(128);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new SshForwardingException($"cannot listen on {endPoint} for {purpose}: {e.Message}; pick another address or port", e);
        }
        return new ForwardListener(socket, serve, log, lifetime);
    }

    private async Task AcceptLoopAsync()
    {
        CancellationToken stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                _log.LogDebug("accept on {EndPoint} failed: {Error}", LocalEndPoint, e.Message);
                continue;
            }
            accepted.NoDelay = true;
            Task connection = ServeOneAsync(accepted, stop);
            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(connection);
            }
        }
    }

    private async Task ServeOneAsync(Socket socket, CancellationToken stop)
    {
        await Task.Yield();
        try
        {
            await _serve(socket, stop).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or SshException or ObjectDisposedException)
        {
            _log.LogDebug("forwarded connection on {EndPoint} ended: {Error}", LocalEndPoint, e.Message);
        }
        finally
        {
            socket.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested && _acceptLoop.IsCompleted) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        Task[] pending;
        lock (_connections) pending = _connections.ToArray();
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
    }
}
