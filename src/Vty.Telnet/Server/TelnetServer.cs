using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Telnet.Protocol;
using Vty.Telnet.Session;

namespace Vty.Telnet;

/// <summary>
/// A Telnet listener. Each client gets ECHO/SGA offered and TTYPE/NAWS requested, then the
/// handler runs with the negotiated terminal type and window size. One async task per connection,
/// no thread; a failing client or handler only ends its own connection. Clients that have not
/// logged in are limited in number (<see cref="TelnetServerOptions.MaxStartups"/>) and in time
/// (<see cref="TelnetServerOptions.LoginGraceTime"/>), so idle connections cannot lock others out.
/// </summary>
public sealed partial class TelnetServer : IAsyncDisposable
{
    private readonly IPEndPoint _endpoint;
    private readonly Func<TelnetServerConnection, CancellationToken, Task> _handler;
    private readonly TelnetServerOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<TelnetSession, Task> _connections = new();
    private readonly SemaphoreSlim _slots;
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _stopped;
    private int _unauthenticated;
    private long _dropped;
    private long _expired;

    /// <summary>
    /// Creates a server for <paramref name="endpoint"/> (port 0 picks a free port, see <see cref="Port"/>).
    /// <paramref name="handler"/> runs once per client after the opening negotiation; the connection
    /// is closed when it returns, and its token is cancelled by <see cref="StopAsync"/>.
    /// </summary>
    public TelnetServer(IPEndPoint endpoint, Func<TelnetServerConnection, CancellationToken, Task> handler, TelnetServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(handler);
        _endpoint = endpoint;
        _handler = handler;
        _options = options ?? new TelnetServerOptions();
        if (_options.MaxStartups is null)
        {
            throw new ArgumentException("TelnetServerOptions.MaxStartups is null: use TelnetMaxStartups.Default or TelnetMaxStartups.Unlimited", nameof(options));
        }

        if (_options.LoginGraceTime <= TimeSpan.Zero && _options.LoginGraceTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"TelnetServerOptions.LoginGraceTime is {_options.LoginGraceTime}: give a positive time or Timeout.InfiniteTimeSpan", nameof(options));
        }

        _logger = _options.Logger ?? NullLogger.Instance;
        _slots = new SemaphoreSlim(_options.MaxConnections, _options.MaxConnections);
    }

    /// <summary>The port being listened on (the real one when bound to port 0). Valid after <see cref="Start"/>.</summary>
    public int Port => (_listener?.LocalEndPoint as IPEndPoint)?.Port
                       ?? throw new InvalidOperationException("The Telnet server is not started: call Start() first.");

    /// <summary>The bound address and port. Valid after <see cref="Start"/>.</summary>
    public IPEndPoint LocalEndPoint => _listener?.LocalEndPoint as IPEndPoint
                                       ?? throw new InvalidOperationException("The Telnet server is not started: call Start() first.");

    /// <summary>Connections currently being served.</summary>
    public int ActiveConnections => _connections.Count;

    /// <summary>Connections whose handler has not called <see cref="TelnetServerConnection.LoginSucceeded"/> yet (what MaxStartups counts).</summary>
    public int UnauthenticatedConnections => Volatile.Read(ref _unauthenticated);

    /// <summary>Connections closed right after accept because of <see cref="TelnetServerOptions.MaxStartups"/>.</summary>
    public long DroppedStartups => Interlocked.Read(ref _dropped);

    /// <summary>Connections closed because <see cref="TelnetServerOptions.LoginGraceTime"/> ran out.</summary>
    public long ExpiredLogins => Interlocked.Read(ref _expired);

    /// <summary>Binds and starts accepting. Throws <see cref="TelnetConnectionException"/> when the address is unavailable.</summary>
    public void Start()
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("The Telnet server is already started.");
        }

        var listener = new Socket(_endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (_endpoint.Address.Equals(IPAddress.IPv6Any))
            {
                // [::] serves IPv4 clients too, as on most systems' telnetd.
                listener.DualMode = true;
            }

            listener.Bind(_endpoint);
            listener.Listen(512);
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            throw new TelnetConnectionException($"Cannot listen on {_endpoint}: {ex.Message}. Pick another port or port 0.", ex);
        }

        _listener = listener;
        LogListening(_logger, LocalEndPoint);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                await _slots.WaitAsync(token).ConfigureAwait(false);
                client = await _listener!.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // Accept errors such as a client resetting while queued hit one connection only.
                _slots.Release();
                LogAcceptFailed(_logger, ex.Message);
                continue;
            }

            int unauthenticated = Volatile.Read(ref _unauthenticated);
            if (_options.MaxStartups.ShouldDrop(unauthenticated, Random.Shared))
            {
                Drop(client, unauthenticated);
                _slots.Release();
                continue;
            }

            TelnetSession session;
            try
            {
                session = new TelnetSession(client, new TelnetSessionSettings
                {
                    IsServer = true,
                    AcceptBinary = _options.AcceptBinary,
                    MaxSubnegotiationLength = _options.MaxSubnegotiationLength,
                    SubnegotiationOverflow = _options.SubnegotiationOverflow,
                    Logger = _logger,
                });
            }
            catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
            {
                // A client that reset right after connecting: drop it, keep accepting.
                client.Dispose();
                _slots.Release();
                LogAcceptFailed(_logger, ex.Message);
                continue;
            }
            Interlocked.Increment(ref _unauthenticated);
            var login = new TelnetLoginState(() => Interlocked.Decrement(ref _unauthenticated));
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var task = ServeAsync(session, login, started.Task, token);
            _connections[session] = task;
            started.SetResult();
        }
    }

    private void Drop(Socket client, int unauthenticated)
    {
        long dropped = Interlocked.Increment(ref _dropped);
        LogStartupDropped(_logger, dropped, SafeRemote(client), unauthenticated, _options.MaxStartups.ToString());
        try
        {
            // One short line without waiting: it fits the fresh socket's send buffer, or is lost.
            client.Blocking = false;
            client.Send("Too many connections are logging in; try again later.\r\n"u8);
        }
        catch (SocketException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    private static EndPoint? SafeRemote(Socket socket)
    {
        try
        {
            return socket.RemoteEndPoint;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return null;
        }
    }

    private async Task ServeAsync(TelnetSession session, TelnetLoginState login, Task registered, CancellationToken stopping)
    {
        await registered.ConfigureAwait(false);
        var stream = new TelnetDataStream(session, ownsSession: true);
        var remote = session.RemoteEndPoint;
        LogAccepted(_logger, remote);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var token = connection.Token;
        using var grace = new CancellationTokenSource();
        Task? expiring = null;
        using var expiry = grace.Token.UnsafeRegister(_ => Volatile.Write(ref expiring, ExpireAsync(session, login, connection, remote)), null);
        if (_options.LoginGraceTime != Timeout.InfiniteTimeSpan)
        {
            grace.CancelAfter(_options.LoginGraceTime);
        }

        try
        {
            session.Start();
            if (_options.OfferEcho)
            {
                session.Request(TelnetOption.Echo, local: true, enable: true);
            }

            session.Request(TelnetOption.SuppressGoAhead, local: true, enable: true);
            session.Request(TelnetOption.SuppressGoAhead, local: false, enable: true);
            session.Request(TelnetOption.TerminalType, local: false, enable: true);
            session.Request(TelnetOption.WindowSize, local: false, enable: true);
            await session.FlushControlAsync(token).ConfigureAwait(false);
            var settled = await session.WaitForStateAsync(
                () => session.TerminalTypeSettled() && session.WindowSizeSettled(), _options.NegotiationTimeout, token).ConfigureAwait(false);
            if (!settled && !session.ReceiveEnded)
            {
                LogNegotiationIncomplete(_logger, remote, _options.NegotiationTimeout.TotalSeconds);
            }

            await _handler(new TelnetServerConnection(session, stream, login), token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (login.HasExpired)
        {
            // The grace timer closed the connection under the handler.
            LogHandlerEndedAfterExpiry(_logger, remote, ex.Message);
        }
        catch (Exception ex)
        {
            LogConnectionFailed(_logger, remote, ex);
        }
        finally
        {
            await expiry.DisposeAsync().ConfigureAwait(false);
            // The handler ends as soon as the expiry cancels it; the connection closes only after the
            // client was told why (closing first lost the message now and then under load).
            if (Volatile.Read(ref expiring) is { } told)
            {
                await told.ConfigureAwait(false);
            }

            login.End();
            await stream.DisposeAsync().ConfigureAwait(false);
            _connections.TryRemove(session, out _);
            _slots.Release();
            LogClosed(_logger, remote);
        }
    }

    /// <summary>
    /// The login grace time ran out: stop the handler, tell the client why, close the connection.
    /// </summary>
    private async Task ExpireAsync(TelnetSession session, TelnetLoginState login, CancellationTokenSource connection, EndPoint remote)
    {
        if (!login.TryExpire())
        {
            return;
        }

        Interlocked.Increment(ref _expired);
        double seconds = _options.LoginGraceTime.TotalSeconds;
        LogLoginGraceExpired(_logger, remote, seconds);
        try
        {
            await connection.CancelAsync().ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var message = System.Text.Encoding.ASCII.GetBytes(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\r\nLogin timed out after {seconds:0.###} seconds.\r\n"));
            await session.WriteDataAsync(message, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TelnetException or IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A client that does not read gets no message; it is closed all the same.
        }
        finally
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops accepting, cancels every handler's token, waits up to <see cref="TelnetServerOptions.StopTimeout"/>
    /// for them to return, then closes whatever connections remain.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        var running = _connections.Values.ToArray();
        try
        {
            await Task.WhenAll(running).WaitAsync(_options.StopTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogStopTimedOut(_logger, _connections.Count);
            foreach (var session in _connections.Keys)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }

            try
            {
                await Task.WhenAll(running).WaitAsync(_options.StopTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Closed sockets end every read and write; a handler still running after that is
                // stuck in its own code. It keeps its task; the server is stopped regardless.
                LogHandlersStuck(_logger, _connections.Count);
            }
        }

        LogStopped(_logger, _endpoint);
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);

        // _slots is left to the GC: a stuck handler may still release it later.
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telnet server listening on {EndPoint}")]
    private static partial void LogListening(ILogger logger, EndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telnet: dropped connection #{Dropped} from {RemoteEndPoint}: {Unauthenticated} connections not logged in yet (MaxStartups {MaxStartups})")]
    private static partial void LogStartupDropped(ILogger logger, long dropped, EndPoint? remoteEndPoint, int unauthenticated, string maxStartups);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telnet client {RemoteEndPoint} did not log in within {Seconds} s (LoginGraceTime); disconnecting it")]
    private static partial void LogLoginGraceExpired(ILogger logger, EndPoint remoteEndPoint, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telnet handler for {RemoteEndPoint} ended after its login grace time: {Reason}")]
    private static partial void LogHandlerEndedAfterExpiry(ILogger logger, EndPoint remoteEndPoint, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telnet server stopped ({EndPoint})")]
    private static partial void LogStopped(ILogger logger, EndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telnet client connected from {RemoteEndPoint}")]
    private static partial void LogAccepted(ILogger logger, EndPoint remoteEndPoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telnet client {RemoteEndPoint} disconnected")]
    private static partial void LogClosed(ILogger logger, EndPoint remoteEndPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telnet accept failed: {Reason}")]
    private static partial void LogAcceptFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telnet client {RemoteEndPoint} did not finish TTYPE/NAWS within {Seconds} s; serving it anyway")]
    private static partial void LogNegotiationIncomplete(ILogger logger, EndPoint remoteEndPoint, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telnet connection {RemoteEndPoint} failed")]
    private static partial void LogConnectionFailed(ILogger logger, EndPoint remoteEndPoint, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telnet server stop: {Count} handlers still running after their connections were closed")]
    private static partial void LogHandlersStuck(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telnet server stop: {Count} handlers ignored cancellation; closing their connections")]
    private static partial void LogStopTimedOut(ILogger logger, int count);
}
