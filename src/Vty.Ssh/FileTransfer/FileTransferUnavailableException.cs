namespace Vty.Ssh.FileTransfer;

/// <summary>The server offers neither an SFTP subsystem nor an scp command.</summary>
public sealed class FileTransferUnavailableException(string message, Exception? inner = null) : SshException(message, inner);
