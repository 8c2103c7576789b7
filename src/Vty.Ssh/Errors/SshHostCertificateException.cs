namespace Vty.Ssh;

/// <summary>
/// The server presented an OpenSSH host certificate that the @cert-authority lines of known_hosts do not
/// vouch for (unknown CA, wrong principal, outside its validity window, critical options, bad CA signature),
/// and its key is not known by itself either. Nothing was sent to the server.
/// </summary>
public sealed class SshHostCertificateException(string host, int port, string presentedFingerprint, string message)
    : SshException(message)
{
    public string Host { get; } = host;
    public int Port { get; } = port;
    public string PresentedFingerprint { get; } = presentedFingerprint;
}
