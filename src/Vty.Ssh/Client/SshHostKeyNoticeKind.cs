namespace Vty.Ssh;

/// <summary>What the host key check did that the user should hear about.</summary>
public enum SshHostKeyNoticeKind
{
    /// <summary>An unknown host's key was added to known_hosts (accept-new, or <see cref="HostKeyPolicy.AcceptAny"/>).</summary>
    Added,

    /// <summary>
    /// The host's key differs from the recorded ones and <see cref="HostKeyPolicy.AcceptAny"/> let the connection
    /// go on: password and keyboard-interactive authentication are then not attempted.
    /// </summary>
    ChangedAccepted,
}
