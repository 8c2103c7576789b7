namespace Vty.Ssh.Config;

/// <summary>Which way a port forward goes (ssh -L, -R, -D).</summary>
public enum SshForwardKind
{
    /// <summary>LocalForward / -L: a local listener, connections go to a host:port seen from the server.</summary>
    Local,

    /// <summary>RemoteForward / -R: a listener on the server, connections come back to a local host:port (or SOCKS without a target).</summary>
    Remote,

    /// <summary>DynamicForward / -D: a local SOCKS 4/5 listener.</summary>
    Dynamic,
}
