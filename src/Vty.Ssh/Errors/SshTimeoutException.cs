namespace Vty.Ssh;

/// <summary>An SSH operation (connect, handshake, authentication, request) did not finish in time.</summary>
public sealed class SshTimeoutException(string message, Exception? inner = null) : SshException(message, inner);
