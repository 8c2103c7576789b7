namespace Vty.Ssh.Sftp;

/// <summary>The SFTP session ended (the server closed it, the connection broke, or the client was disposed).</summary>
public sealed class SftpSessionClosedException(string message, Exception? inner = null) : SshException(message, inner);
