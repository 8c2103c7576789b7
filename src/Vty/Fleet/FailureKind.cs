namespace Vty.Fleet;

/// <summary>Why a host failed, for summaries and retry decisions.</summary>
public enum FailureKind
{
    /// <summary>The host succeeded.</summary>
    None,

    /// <summary>TCP connect, SSH handshake or Telnet negotiation failed (refused, unreachable, reset).</summary>
    Unreachable,

    /// <summary>
    /// The SSH host key was refused: it differs from known_hosts, is revoked, or is unknown and the
    /// policy does not accept new keys. Never retried.
    /// </summary>
    HostKey,

    /// <summary>Credentials were refused.</summary>
    LoginFailed,

    /// <summary>The device reported an error for a command (<c>% Invalid input</c>, …).</summary>
    CommandError,

    /// <summary>The host did not finish within its timeout, or a wait for output timed out.</summary>
    Timeout,

    /// <summary>The run was stopped (Ctrl-C) while this host was working.</summary>
    Cancelled,

    /// <summary>The inventory or the secrets for this host are unusable.</summary>
    Configuration,

    /// <summary>Anything else.</summary>
    Error,

    /// <summary>The run was stopped before this host was started; nothing was sent to it.</summary>
    NotStarted,

    /// <summary>
    /// A file on this machine could not be read or written (missing, permission denied, disk full):
    /// the host is not at fault, and another attempt would fail the same way.
    /// </summary>
    LocalFile,
}
