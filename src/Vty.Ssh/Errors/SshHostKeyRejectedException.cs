namespace Vty.Ssh;

/// <summary>
/// The server's host key is not trusted: unknown under <see cref="HostKeyPolicy.Strict"/>, or refused by the
/// <see cref="SshClientOptions.HostKeyCallback"/>.
/// </summary>
public sealed class SshHostKeyRejectedException(string host, int port, string presentedFingerprint, string message)
    : SshException(message)
{
    public string Host { get; } = host;
    public int Port { get; } = port;
    public string PresentedFingerprint { get; } = presentedFingerprint;
}
