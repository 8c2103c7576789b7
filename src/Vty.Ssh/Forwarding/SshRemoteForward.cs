namespace Vty.Ssh;

/// <summary>
/// A remote port forward (OpenSSH -R): the server listens on <see cref="BindAddress"/>:<see cref="BoundPort"/>
/// and hands each connection back in a "forwarded-tcpip" channel, which the client connects to
/// <see cref="TargetHost"/>:<see cref="TargetPort"/>. Dispose to cancel it on the server
/// (cancel-tcpip-forward); the client's disposal ends it too.
/// </summary>
public sealed class SshRemoteForward : IAsyncDisposable
{
    private readonly Func<SshRemoteForward, ValueTask> _cancel;
    private int _disposed;

    internal SshRemoteForward(string bindAddress, int boundPort, string targetHost, int targetPort, Func<SshRemoteForward, ValueTask> cancel)
    {
        BindAddress = bindAddress;
        BoundPort = boundPort;
        TargetHost = targetHost;
        TargetPort = targetPort;
        _cancel = cancel;
    }

    /// <summary>The address the server was asked to listen on ("" or "localhost": its loopback, as the server decides).</summary>
    public string BindAddress { get; }

    /// <summary>The port the server listens on (the one it picked when 0 was asked for).</summary>
    public int BoundPort { get; }

    /// <summary>Where the client connects each forwarded connection.</summary>
    public string TargetHost { get; }

    /// <summary>The target port.</summary>
    public int TargetPort { get; }

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _disposed, 1) == 0 ? _cancel(this) : ValueTask.CompletedTask;
}
