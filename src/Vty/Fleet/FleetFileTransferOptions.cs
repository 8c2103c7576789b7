using Vty.Ssh.FileTransfer;

namespace Vty.Fleet;

/// <summary>How <see cref="FileTransferJobs"/> connect and copy.</summary>
public sealed class FleetFileTransferOptions
{
    /// <summary>Secrets and connection options, as for the command jobs.</summary>
    public FleetJobOptions Job { get; set; } = new();

    /// <summary>Compare hashes after each copy (the device's own hash command, else a read-back over SFTP).</summary>
    public bool Verify { get; set; }

    /// <summary>Auto (SFTP, else SCP) by default.</summary>
    public FileTransferProtocol Protocol { get; set; } = FileTransferProtocol.Auto;
}
