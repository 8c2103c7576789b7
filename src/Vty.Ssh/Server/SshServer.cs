using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Ssh.Server.Connections;
using Vty.Ssh.Server.Listener;

namespace Vty.Ssh.Server;

/// <summary>
/// An SSH-2 server on the same transport, algorithms and packet code as <c>SshClient</c>, in the
/// server role. Listens on <see cref="SshServerOptions.EndPoint"/>, authenticates clients through
/// the policy callbacks and runs session channels through <see cref="SshServerOptions.SessionHandler"/>.
/// One async task per connection; thousands of idle sessions cost memory, not threads.
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    private readonly SshServerOptions _options;
    private readonly ILogger _logger;
    private readonly ConnectionListener _listener;

    /// <summary>Creates a server; throws <see cref="ArgumentException"/> when the options cannot work (e.g. no host key).</summary>
    public SshServer(SshServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ServerAlgorithmSettings.Validate(options);
        _options = options;
        _logger = options.Logger ?? NullLogger.Instance;
        _listener = new ConnectionListener(options.EndPoint, ServeSocketAsync, options.MaxConnections,
            options.MaxStartups ?? throw new ArgumentException("SshServerOptions.MaxStartups is null: use SshMaxStartups.Default or SshMaxStartups.Unlimited", nameof(options)),
            options.ListenBacklog, _logger);
    }

    /// <summary>The port listened on (the real one when bound to port 0). Valid after <see cref="Start"/>.</summary>
    public int Port => LocalEndPoint.Port;

    /// <summary>The bound address and port. Valid after <see cref="Start"/>.</summary>
    public IPEndPoint LocalEndPoint => _listener.LocalEndPoint;

    /// <summary>Connections being served now (handshaking or authenticated).</summary>
    public int ActiveConnections => _listener.ActiveConnections;

    /// <summary>Connections that have not authenticated yet (what <see cref="SshServerOptions.MaxStartups"/> counts).</summary>
    public int UnauthenticatedConnections => _listener.UnauthenticatedConnections;

    /// <summary>Connections dropped right after accept because of <see cref="SshServerOptions.MaxStartups"/>.</summary>
    public long DroppedStartups => _listener.DroppedStartups;

    /// <summary>Binds and starts accepting. Throws <see cref="SocketException"/> when the address is unavailable.</summary>
    public void Start()
    {
        _listener.Start();
        _logger.LogInformation("SSH server listening on {EndPoint}", LocalEndPoint);
    }

    /// <summary>
    /// Stops accepting and closes every session cleanly (running handlers are cancelled, channels
    /// closed, DISCONNECT sent), waiting up to <see cref="SshServerOptions.ShutdownGracePeriod"/>.
    /// </summary>
    public Task StopAsync() => _listener.StopAsync(_options.ShutdownGracePeriod);

    /// <summary>
    /// Serves one client over an already connected stream (e.g. an in-memory pipe or a socket
    /// accepted elsewhere) until it leaves or <paramref name="cancellationToken"/> fires.
    /// </summary>
    public Task ServeAsync(Stream stream, EndPoint? remoteEndPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new ServerConnection(_options, _logger).RunAsync(stream, remoteEndPoint, authenticated: null, cancellationToken);
    }

    private async Task ServeSocketAsync(Socket socket, Action authenticated, CancellationToken stopping)
    {
        EndPoint? remote = socket.RemoteEndPoint;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await new ServerConnection(_options, _logger).RunAsync(stream, remote, authenticated, stopping).ConfigureAwait(false);
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
