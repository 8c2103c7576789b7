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
/// no thread; a failing client or handler only ends its own connection.
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
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var task = ServeAsync(session, started.Task, token);
            _connections[session] = task;
            started.SetResult();
        }
    }

    private async Task ServeAsync(TelnetSession session, Task registered, CancellationToken token)
    {
        await registered.ConfigureAwait(false);
        var stream = new TelnetDataStream(session, ownsSession: true);
        var remote = session.RemoteEndPoint;
        LogAccepted(_logger, remote);
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

            await _handler(new TelnetServerConnection(session, stream), token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogConnectionFailed(_logger, remote, ex);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            _connections.TryRemove(session, out _);
            _slots.Release();
            LogClosed(_logger, remote);
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
