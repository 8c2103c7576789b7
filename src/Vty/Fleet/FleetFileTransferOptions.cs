using Vty.Ssh.FileTransfer;

namespace Vty.Fleet;

/// <summary>How <see cref="FileTransferJobs"/> connect and copy.</summary>
public sealed class FleetFileTransferOptions
{
    /// <summary>Secrets and connection options, as for the command jobs.</summary>
    public FleetJobOptions Job { get; set; } = new();

    /// <summary>Compare hashes after each copy (the device's own hash command, else a read-back over SFTP).</summary>
    public bool Verify { get; set; }

    /// <summary>Copy directories as trees (a push of a local folder, a pull of a remote one), as <c>scp -r</c>.</summary>
    public bool Recursive { get; set; }

    /// <summary>Keep modification times and modes.</summary>
    public bool Preserve { get; set; }

    /// <summary>A pull continues a partial local file (left by an earlier pull) from its length (SFTP only).</summary>
    public bool Resume { get; set; }

    /// <summary>Auto (SFTP, else SCP) by default.</summary>
    public FileTransferProtocol Protocol { get; set; } = FileTransferProtocol.Auto;
}
