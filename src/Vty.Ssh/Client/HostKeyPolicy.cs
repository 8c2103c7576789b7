namespace Vty.Ssh;

/// <summary>
/// How <see cref="SshClient"/> decides whether to trust the server's host key. Under every policy a key
/// marked @revoked in known_hosts is refused.
/// </summary>
public enum HostKeyPolicy
{
    /// <summary>Unknown keys are trusted and stored in known_hosts; changed or revoked keys are refused (OpenSSH accept-new).</summary>
    AcceptNew,
    /// <summary>Only keys already in known_hosts are trusted (OpenSSH StrictHostKeyChecking=yes).</summary>
    Strict,
    /// <summary><see cref="SshClientOptions.HostKeyCallback"/> decides, given the known_hosts verdict (never asked about a revoked key).</summary>
    Callback,
    /// <summary>
    /// known_hosts is neither used nor written, except that @revoked keys are still refused. Only for
    /// throwaway lab hosts.
    /// </summary>
    Off,
    /// <summary>
    /// OpenSSH StrictHostKeyChecking=no: unknown keys are stored; a changed key is reported loudly
    /// (<see cref="SshClientOptions.HostKeyNotice"/> and a logged warning) and the connection goes on, but
    /// password and keyboard-interactive authentication are then not attempted (public keys still are),
    /// so no password reaches a possible man-in-the-middle.
    /// </summary>
    AcceptAny,
}
