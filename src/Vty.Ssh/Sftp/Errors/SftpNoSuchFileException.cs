namespace Vty.Ssh.Sftp;

/// <summary>The remote file or directory does not exist.</summary>
public sealed class SftpNoSuchFileException(string message, string? path, string? serverMessage)
    : SftpException(message, SftpStatusCode.NoSuchFile, path, serverMessage);
