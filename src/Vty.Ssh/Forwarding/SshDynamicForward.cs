using System.Net;
using Vty.Ssh.Forwarding;

namespace Vty.Ssh;

/// <summary>
/// A dynamic port forward (OpenSSH -D): a SOCKS4/4a/5 proxy on <see cref="LocalEndPoint"/> whose
/// CONNECT requests are carried in "direct-tcpip" channels, so the server makes the connections.
/// Dispose to stop it; the client's disposal stops it too.
/// </summary>
public sealed class SshDynamicForward : IAsyncDisposable
{
    private readonly ForwardListener _listener;

    internal SshDynamicForward(ForwardListener listener) => _listener = listener;

    /// <summary>Where the SOCKS proxy listens (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint => _listener.LocalEndPoint;

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
