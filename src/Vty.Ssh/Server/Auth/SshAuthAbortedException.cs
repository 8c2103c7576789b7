namespace Vty.Ssh.Server.Auth;

/// <summary>
/// The client abandoned a keyboard-interactive exchange (it sent another request instead of answers,
/// or a wrong number of answers). Let it propagate from the callback; the server treats the attempt as failed.
/// </summary>
public sealed class SshAuthAbortedException(string message) : SshException(message);
