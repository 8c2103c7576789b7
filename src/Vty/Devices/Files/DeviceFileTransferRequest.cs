using Vty.Ssh.FileTransfer;

namespace Vty.Devices;

/// <summary>What <see cref="DeviceSession.TransferFileAsync"/> copies to the device, and how.</summary>
public sealed class DeviceFileTransferRequest
{
    /// <summary>The local file to send.</summary>
    public required string SourceFile { get; init; }

    /// <summary>The file name on the device (default: the source file's name).</summary>
    public string? DestinationFile { get; init; }

    /// <summary>The device file system, as its commands name it.</summary>
    public string FileSystem { get; init; } = "flash:";

    /// <summary>Send even when a file with the same MD5 is already there.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Check the MD5 on the device after the copy (verify /md5).</summary>
    public bool Verify { get; init; } = true;

    /// <summary>SCP by default (what network devices serve); SFTP where the device has it.</summary>
    public FileTransferProtocol Protocol { get; init; } = FileTransferProtocol.Scp;

    /// <summary>Byte progress of the copy step.</summary>
    public Action<FileTransferProgress>? Progress { get; init; }

    /// <summary>Called as each step finishes (the same steps end up in the report).</summary>
    public Action<DeviceFileTransferStep>? StepCompleted { get; init; }

    /// <summary>Limit for each device command of the flow.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
