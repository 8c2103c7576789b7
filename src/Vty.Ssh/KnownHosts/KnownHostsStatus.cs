namespace Vty.Ssh.KnownHosts;

/// <summary>What known_hosts says about a host's presented key.</summary>
public enum KnownHostsStatus
{
    /// <summary>A line for this host holds exactly this key.</summary>
    Known,

    /// <summary>No line for this host holds a key of this type.</summary>
    Unknown,

    /// <summary>A line for this host holds a different key of the same type: possible man-in-the-middle.</summary>
    Changed,

    /// <summary>The key is marked @revoked for this host; it must never be accepted.</summary>
    Revoked,
}
