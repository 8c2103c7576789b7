using Vty.Ssh.Keys;

namespace Vty.Ssh.KnownHosts;

/// <summary>
/// The result of looking a host key up: the status, and for Known, Changed and Revoked the
/// 1-based line number and the key on that line (for Changed, the key that was expected).
/// </summary>
public sealed record KnownHostsLookup(KnownHostsStatus Status, int? LineNumber, SshPublicKey? KnownKey);
