namespace Vty.Ssh.KnownHosts;

/// <summary>The optional marker at the start of a known_hosts line.</summary>
public enum KnownHostsMarker
{
    /// <summary>A plain host key line.</summary>
    None,

    /// <summary>@cert-authority: the key signs host certificates (recorded; not used for plain host keys).</summary>
    CertAuthority,

    /// <summary>@revoked: the key must be refused for the matching hosts.</summary>
    Revoked,
}
