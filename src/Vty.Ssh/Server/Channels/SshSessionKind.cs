namespace Vty.Ssh.Server.Channels;

/// <summary>What a session channel runs.</summary>
public enum SshSessionKind
{
    /// <summary>An interactive shell ("shell" request).</summary>
    Shell,

    /// <summary>One command ("exec" request), see <see cref="SshServerSessionChannel.Command"/>.</summary>
    Exec,

    /// <summary>A named subsystem ("subsystem" request), see <see cref="SshServerSessionChannel.Subsystem"/>.</summary>
    Subsystem,
}
