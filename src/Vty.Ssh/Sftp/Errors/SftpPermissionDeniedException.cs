namespace Vty.Ssh.Sftp;

/// <summary>The server refused access to the remote path.</summary>
public sealed class SftpPermissionDeniedException(string message, string? path, string? serverMessage)
    : SftpException(message, SftpStatusCode.PermissionDenied, path, serverMessage);
