using Vty.Ssh.Keys;
using Vty.Ssh.KnownHosts;

namespace Vty.Ssh;

/// <summary>What a host key callback is asked to decide: the server, its key, and what known_hosts says about it.</summary>
public sealed record SshHostKeyCheck(
    string Host,
    int Port,
    SshPublicKey HostKey,
    KnownHostsStatus Status,
    SshPublicKey? KnownKey,
    string KnownHostsPath,
    int? LineNumber)
{
    /// <summary>SHA256 fingerprint of the presented key, as ssh-keygen -l prints it.</summary>
    public string Fingerprint => HostKey.Sha256Fingerprint;
}
