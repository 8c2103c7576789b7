namespace Vty.Ssh.Wire;

/// <summary>A message from the peer did not follow the SSH wire format (truncated or malformed).</summary>
public sealed class SshWireFormatException(string message) : SshException(message);
