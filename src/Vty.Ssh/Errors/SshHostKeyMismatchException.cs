namespace Vty.Ssh;

/// <summary>The server's host key differs from the one recorded in known_hosts (or is revoked): possible man-in-the-middle.</summary>
public sealed class SshHostKeyMismatchException(string host, int port, string? knownFingerprint, string presentedFingerprint,
    string knownHostsPath, int? lineNumber, bool revoked = false)
    : SshException(revoked
        ? $"host key {presentedFingerprint} of {host}:{port} is marked @revoked in {knownHostsPath}:{lineNumber}; do not trust this server until its administrator installs a new host key"
        : $"HOST KEY CHANGED for {host}:{port}: known_hosts has {knownFingerprint} ({knownHostsPath}:{lineNumber}), the server presented {presentedFingerprint}; " +
          $"if the change is expected, remove line {lineNumber} from {knownHostsPath}")
{
    public string Host { get; } = host;
    public int Port { get; } = port;
    /// <summary>SHA256 fingerprint of the recorded key (null when the key was revoked rather than changed).</summary>
    public string? KnownFingerprint { get; } = knownFingerprint;
    public string PresentedFingerprint { get; } = presentedFingerprint;
    public string KnownHostsPath { get; } = knownHostsPath;
    public int? LineNumber { get; } = lineNumber;
}
