namespace Vty.Ssh.KnownHosts;

/// <summary>What known_hosts says about a host's presented key.</summary>
public enum KnownHostsStatus
{
    /// <summary>A line for this host holds exactly this key.</summary>
    Known,

    /// <summary>No plain line names this host (@revoked lines for other keys do not count).</summary>
    Unknown,

    /// <summary>Lines for this host hold other keys (of this type or another) but not this one: possible man-in-the-middle.</summary>
    Changed,

    /// <summary>The key is marked @revoked for this host; it must never be accepted.</summary>
    Revoked,
}
