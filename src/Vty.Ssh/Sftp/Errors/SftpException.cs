using Vty.Ssh.FileTransfer;

namespace Vty.Ssh.Sftp;

/// <summary>
/// The SFTP server refused a request: <see cref="Status"/> is its status code, <see cref="ServerMessage"/>
/// its text, <see cref="Path"/> the path the request was about (when there was one).
/// </summary>
public class SftpException : FileTransferException
{
    public SftpException(string message, SftpStatusCode status, string? path, string? serverMessage, Exception? inner = null)
        : base(message, KindOf(status), path, inner)
    {
        Status = status;
        ServerMessage = serverMessage;
    }

    public SftpStatusCode Status { get; }

    public string? ServerMessage { get; }

    private static FileTransferErrorKind KindOf(SftpStatusCode status) => status switch
    {
        SftpStatusCode.NoSuchFile or SftpStatusCode.NoSuchPath => FileTransferErrorKind.NoSuchFile,
        SftpStatusCode.PermissionDenied or SftpStatusCode.WriteProtect => FileTransferErrorKind.PermissionDenied,
        SftpStatusCode.NoSpaceOnFilesystem or SftpStatusCode.QuotaExceeded => FileTransferErrorKind.NoSpace,
        _ => FileTransferErrorKind.Other,
    };

    /// <summary>The typed exception for a status reply to <paramref name="operation"/> on <paramref name="path"/>.</summary>
    internal static SftpException FromStatus(SftpStatusCode status, string? serverMessage, string operation, string? path)
    {
        string where = path == null ? operation : $"{operation} {path}";
        string said = string.IsNullOrWhiteSpace(serverMessage) ? "" : $" (server said: {serverMessage})";
        return status switch
        {
            SftpStatusCode.NoSuchFile or SftpStatusCode.NoSuchPath =>
                new SftpNoSuchFileException($"{where}: no such file or directory{said}; check the path (remote paths are relative to the login directory unless they start with /)", path, serverMessage),
            SftpStatusCode.PermissionDenied or SftpStatusCode.WriteProtect =>
                new SftpPermissionDeniedException($"{where}: permission denied{said}; check the remote file's owner and mode, or log in as a user allowed to access it", path, serverMessage),
            SftpStatusCode.NoSpaceOnFilesystem or SftpStatusCode.QuotaExceeded =>
                new SftpNoSpaceException($"{where}: no space left on the remote file system{said}; free space there or pick another destination", path, serverMessage),
            SftpStatusCode.OperationUnsupported =>
                new SftpException($"{where}: the server does not support this operation{said}", status, path, serverMessage),
            _ => new SftpException($"{where} failed: {status}{said}", status, path, serverMessage),
        };
    }
}
