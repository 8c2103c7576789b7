using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Vty.Ssh.Server.Listener;

/// <summary>
/// Accepts TCP connections and runs one async handler per connection (no thread per connection).
/// Enforces a connection limit (connections over it are closed at once, with a log line) and
/// MaxStartups on connections that have not authenticated yet (random early drop), and stops
/// gracefully: no new connections, handlers are asked to finish through their token, and those
/// still running after the grace period have their sockets closed under them.
/// </summary>
internal sealed class ConnectionListener : IAsyncDisposable
{
    private readonly IPEndPoint _endPoint;
    private readonly Func<Socket, Action, CancellationToken, Task> _handler;
    private readonly int _maxConnections;
    private readonly SshMaxStartups _maxStartups;
    private readonly int _backlog;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, (Socket Socket, Task Task)> _connections = new();
    private Socket? _socket;
    private Task? _acceptLoop;
    private long _nextId;
    private int _active;
    private int _unauthenticated;
    private long _dropped;
    private int _stopped;

    /// <summary>The handler serves one socket and calls its <see cref="Action"/> argument once the client has authenticated.</summary>
    public ConnectionListener(IPEndPoint endPoint, Func<Socket, Action, CancellationToken, Task> handler, int maxConnections,
        SshMaxStartups maxStartups, int backlog, ILogger logger)
    {
        _endPoint = endPoint;
        _handler = handler;
        _maxConnections = maxConnections;
        _maxStartups = maxStartups;
        _backlog = backlog;
        _logger = logger;
    }

    /// <summary>The bound address; with port 0 requested, the real port the system chose.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint?)_socket?.LocalEndPoint ?? throw new InvalidOperationException("the listener has not been started");

    /// <summary>Connections being handled now.</summary>
    public int ActiveConnections => Volatile.Read(ref _active);

    /// <summary>Connections accepted that have not authenticated yet.</summary>
    public int UnauthenticatedConnections => Volatile.Read(ref _unauthenticated);

    /// <summary>Connections closed right after accept because of MaxStartups.</summary>
    public long DroppedStartups => Interlocked.Read(ref _dropped);

    /// <summary>Fires when the listener stops (handlers watch it to close their sessions cleanly).</summary>
    public CancellationToken Stopping => _stopping.Token;

    public void Start()
    {
        if (_socket is not null) throw new InvalidOperationException("the listener is already started");
        var socket = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (_endPoint.AddressFamily == AddressFamily.InterNetworkV6 && _endPoint.Address.Equals(IPAddress.IPv6Any))
                socket.DualMode = true;
            socket.Bind(_endPoint);
            socket.Listen(_backlog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _socket = socket;
        _acceptLoop = AcceptLoopAsync(socket);
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        // Stopping closes the listening socket, which ends a pending accept with an error code
        // rather than an exception (a cancelled AcceptAsync throws: one per served port at every stop).
        using var accept = new SocketAccept();
        while (!_stopping.IsCancellationRequested)
        {
            (Socket? accepted, SocketError error) = await accept.NextAsync(listener).ConfigureAwait(false);
            if (accepted is not { } client)
            {
                if (_stopping.IsCancellationRequested || error is SocketError.OperationAborted or SocketError.Interrupted)
                    break;
                // Per-connection accept errors (reset before accept, out of descriptors) must not end the loop.
                _logger.LogWarning("accept failed: {Error}", error);
                if (error is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable)
                    await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            if (Interlocked.Increment(ref _active) > _maxConnections)
            {
                Interlocked.Decrement(ref _active);
                _logger.LogWarning("refused connection from {Remote}: {Limit} connections already open (MaxConnections)", client.RemoteEndPoint, _maxConnections);
                client.Dispose();
                continue;
            }
            int unauthenticated = Volatile.Read(ref _unauthenticated);
            if (_maxStartups.ShouldDrop(unauthenticated, Random.Shared))
            {
                Interlocked.Decrement(ref _active);
                long dropped = Interlocked.Increment(ref _dropped);
                _logger.LogWarning("dropped connection #{Dropped} from {Remote}: {Unauthenticated} connections not yet authenticated (MaxStartups {MaxStartups})",
                    dropped, SafeRemote(client), unauthenticated, _maxStartups);
                client.Dispose();
                continue;
            }
            Interlocked.Increment(ref _unauthenticated);
            client.NoDelay = true;
            long id = Interlocked.Increment(ref _nextId);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task task = RunConnectionAsync(id, client, start.Task);
            _connections[id] = (client, task);
            start.SetResult();
        }
    }

    private async Task RunConnectionAsync(long id, Socket client, Task registered)
    {
        // Waiting until the connection is registered keeps removal from racing ahead of the add.
        await registered.ConfigureAwait(false);
        int counted = 1;
        void Authenticated()
        {
            if (Interlocked.Exchange(ref counted, 0) == 1) Interlocked.Decrement(ref _unauthenticated);
        }
        try
        {
            await _handler(client, Authenticated, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "connection handler for {Remote} ended with an error", SafeRemote(client));
        }
        finally
        {
            Authenticated();
            client.Dispose();
            _connections.TryRemove(id, out _);
            Interlocked.Decrement(ref _active);
        }
    }

    /// <summary>
    /// Stops accepting, signals every handler to finish and waits up to <paramref name="grace"/>;
    /// connections still open then are closed forcibly.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            await WaitAllAsync(grace).ConfigureAwait(false);
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        if (_acceptLoop is not null) await _acceptLoop.ConfigureAwait(false);
        if (!await WaitAllAsync(grace).ConfigureAwait(false))
        {
            _logger.LogWarning("{Count} connections did not close within {Grace}; closing them", _connections.Count, grace);
            foreach (var (socket, _) in _connections.Values) socket.Dispose();
            await WaitAllAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
    }

    private async Task<bool> WaitAllAsync(TimeSpan timeout)
    {
        Task all = Task.WhenAll(_connections.Values.Select(c => c.Task));
        Task finished = await Task.WhenAny(all, Task.Delay(timeout)).ConfigureAwait(false);
        return finished == all;
    }

    private static EndPoint? SafeRemote(Socket socket)
    {
        try { return socket.RemoteEndPoint; }
        catch (ObjectDisposedException) { return null; }
        catch (SocketException) { return null; }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
