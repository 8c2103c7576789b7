namespace Vty.Ssh;

/// <summary>How <see cref="SshClient"/> decides whether to trust the server's host key.</summary>
public enum HostKeyPolicy
{
    /// <summary>Unknown keys are trusted and stored in known_hosts; changed or revoked keys are refused (OpenSSH accept-new).</summary>
    AcceptNew,
    /// <summary>Only keys already in known_hosts are trusted.</summary>
    Strict,
    /// <summary><see cref="SshClientOptions.HostKeyCallback"/> decides, given the known_hosts verdict.</summary>
    Callback,
    /// <summary>No checking at all. Only for throwaway lab hosts.</summary>
    Off,
}
