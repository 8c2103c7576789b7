using Vty.Ssh.FileTransfer;

namespace Vty.Devices;

/// <summary>What <see cref="DeviceSession.TransferFileAsync"/> copies to the device, and how.</summary>
public sealed class DeviceFileTransferRequest
{
    /// <summary>The local file to send.</summary>
    public required string SourceFile { get; init; }

    /// <summary>The file name on the device (default: the source file's name).</summary>
    public string? DestinationFile { get; init; }

    /// <summary>
    /// Where on the device: a file system as its commands name it (<c>flash:</c>, <c>bootflash:/images</c>)
    /// or a directory (Linux). Null: the platform's default (<c>flash:</c>; the login directory on Linux).
    /// </summary>
    public string? FileSystem { get; init; }

    /// <summary>Send even when a file with the same hash is already there.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Check the hash on the device after the copy (or read the file back over SFTP where the platform has no hash command).</summary>
    public bool Verify { get; init; } = true;

    /// <summary>The hash to compare; null: the platform's first (MD5 on IOS-style devices, SHA-256 on Linux).</summary>
    public DeviceFileHash? Hash { get; init; }

    /// <summary>SCP by default (what network devices serve); SFTP where the device has it; Auto tries SFTP first.</summary>
    public FileTransferProtocol Protocol { get; init; } = FileTransferProtocol.Scp;

    /// <summary>Give the copy the local file's modification time and mode.</summary>
    public bool Preserve { get; init; }

    /// <summary>Byte progress of the copy step.</summary>
    public Action<FileTransferProgress>? Progress { get; init; }

    /// <summary>Called as each step finishes (the same steps end up in the report).</summary>
    public Action<DeviceFileTransferStep>? StepCompleted { get; init; }

    /// <summary>Limit for each device command of the flow.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
