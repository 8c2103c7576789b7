using System.Net;
using Vty.Ssh.Forwarding;

namespace Vty.Ssh;

/// <summary>
/// A local port forward (OpenSSH -L): connections to <see cref="LocalEndPoint"/> are carried in
/// "direct-tcpip" channels to <see cref="TargetHost"/>:<see cref="TargetPort"/> as the server sees
/// them. Dispose to stop listening (connections in progress are closed); the client's disposal
/// stops it too.
/// </summary>
public sealed class SshLocalForward : IAsyncDisposable
{
    private readonly ForwardListener _listener;

    internal SshLocalForward(ForwardListener listener, string targetHost, int targetPort)
    {
        _listener = listener;
        TargetHost = targetHost;
        TargetPort = targetPort;
    }

    /// <summary>Where we listen (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint => _listener.LocalEndPoint;

    /// <summary>The destination host, resolved by the server.</summary>
    public string TargetHost { get; }

    /// <summary>The destination port.</summary>
    public int TargetPort { get; }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
