namespace Vty.Ssh.FileTransfer;

/// <summary>Which protocol moves the files.</summary>
public enum FileTransferProtocol
{
    /// <summary>SFTP when the server has the subsystem, SCP otherwise.</summary>
    Auto,
    Sftp,
    Scp,
}
