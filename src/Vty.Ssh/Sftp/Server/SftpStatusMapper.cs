using Vty.Ssh.FileSystems;

namespace Vty.Ssh.Sftp.Server;

/// <summary>Turns a file system failure into an SFTP status code and a message for the client.</summary>
internal static class SftpStatusMapper
{
    public static (SftpStatusCode Code, string Message) Map(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => (SftpStatusCode.NoSuchFile, "No such file"),
        UnauthorizedAccessException => (SftpStatusCode.PermissionDenied, "Permission denied"),
        // Version 3 has no "no space" code: clients (OpenSSH's too) see FAILURE with this text.
        ServedFileSystemFullException => (SftpStatusCode.Failure, "No space left on device"),
        NotSupportedException => (SftpStatusCode.OperationUnsupported, "Operation unsupported"),
        IOException io => (SftpStatusCode.Failure, io.Message),
        ArgumentException => (SftpStatusCode.BadMessage, "Bad message"),
        _ => (SftpStatusCode.Failure, "Failure"),
    };
}
