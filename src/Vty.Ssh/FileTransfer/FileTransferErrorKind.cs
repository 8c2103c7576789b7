namespace Vty.Ssh.FileTransfer;

/// <summary>What went wrong in a transfer, the same for SFTP and SCP.</summary>
public enum FileTransferErrorKind
{
    Other,
    NoSuchFile,
    PermissionDenied,
    NoSpace,
}
