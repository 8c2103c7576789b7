namespace Vty.Ssh.Sftp;

/// <summary>
/// The remote file system is full. Version 3 servers (OpenSSH) report a full disk as a plain
/// failure, so the client confirms it with statvfs@openssh.com before raising this.
/// </summary>
public sealed class SftpNoSpaceException(string message, string? path, string? serverMessage)
    : SftpException(message, SftpStatusCode.NoSpaceOnFilesystem, path, serverMessage);
