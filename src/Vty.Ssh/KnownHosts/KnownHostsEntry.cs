using Vty.Ssh.Keys;

namespace Vty.Ssh.KnownHosts;

/// <summary>
/// One parsed known_hosts line: its 1-based line number, marker, host patterns as written
/// (comma list with * ? and ! patterns, or a hashed |1|salt|hash name), key and comment.
/// </summary>
public sealed record KnownHostsEntry(int LineNumber, KnownHostsMarker Marker, string Hosts, SshPublicKey Key, string? Comment)
{
    /// <summary>True when the host name is stored hashed (|1|salt|hash), as HashKnownHosts writes it.</summary>
    public bool IsHashed => Hosts.StartsWith("|1|", StringComparison.Ordinal);

    /// <summary>Whether this line applies to a host name (already in known_hosts form: "host" or "[host]:port").</summary>
    public bool Matches(string hostName) =>
        IsHashed ? HashedHostName.Matches(Hosts, hostName) : HostPatternMatcher.MatchesList(Hosts, hostName);
}
