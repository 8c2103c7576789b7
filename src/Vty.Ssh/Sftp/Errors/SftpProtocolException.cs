namespace Vty.Ssh.Sftp;

/// <summary>The SFTP peer broke the protocol (bad packet, unknown reply, stream cut inside a packet).</summary>
public sealed class SftpProtocolException(string message, Exception? inner = null) : SshException(message, inner);
