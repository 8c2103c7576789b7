namespace Vty.Ssh.Scp;

/// <summary>The SCP peer sent something the protocol does not allow (or the stream ended early).</summary>
public sealed class ScpProtocolException(string message, Exception? inner = null) : SshException(message, inner);
