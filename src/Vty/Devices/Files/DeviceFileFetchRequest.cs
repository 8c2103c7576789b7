using Vty.Ssh.FileTransfer;

namespace Vty.Devices;

/// <summary>What <see cref="DeviceSession.FetchFileAsync"/> copies from the device, and how.</summary>
public sealed class DeviceFileFetchRequest
{
    /// <summary>The file on the device as its commands name it (<c>flash:/config.txt</c>, <c>/var/log/syslog</c>, <c>notes.txt</c> in the login directory).</summary>
    public required string SourceFile { get; init; }

    /// <summary>The local file to write (replaced when it exists; its folder must exist).</summary>
    public required string DestinationFile { get; init; }

    /// <summary>After the copy, compare the local file's hash with the device's (or with a second read over SFTP where the platform has no hash command).</summary>
    public bool Verify { get; init; }

    /// <summary>The hash to compare; null: the platform's first (MD5 on IOS-style devices, SHA-256 on Linux).</summary>
    public DeviceFileHash? Hash { get; init; }

    /// <summary>Auto (SFTP, else SCP) by default; SCP or SFTP to force one.</summary>
    public FileTransferProtocol Protocol { get; init; } = FileTransferProtocol.Auto;

    /// <summary>Give the local copy the device file's modification time and mode.</summary>
    public bool Preserve { get; init; }

    /// <summary>
    /// Continue a partial local file from its length instead of starting over (SFTP only; the local
    /// bytes are kept as they are, so resume only what an earlier fetch of the same file left).
    /// </summary>
    public bool Resume { get; init; }

    /// <summary>Byte progress of the copy step.</summary>
    public Action<FileTransferProgress>? Progress { get; init; }

    /// <summary>Called as each step finishes (the same steps end up in the report).</summary>
    public Action<DeviceFileTransferStep>? StepCompleted { get; init; }

    /// <summary>Limit for each device command of the flow.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
