using Vty.Ssh.FileTransfer;

namespace Vty.Devices;

/// <summary>
/// A directory tree to copy to or from a device (<see cref="DeviceSession.TransferDirectoryAsync"/>,
/// <see cref="DeviceSession.FetchDirectoryAsync"/>): files, subdirectories and symbolic links, as
/// <c>scp -r</c> does. No hash check: trees are for hosts with a file system (Linux), not flash images.
/// </summary>
public sealed class DeviceDirectoryCopyRequest
{
    /// <summary>The directory to copy: local for a transfer, on the device for a fetch.</summary>
    public required string Source { get; init; }

    /// <summary>
    /// Where the copy goes: on the device for a transfer, local for a fetch. An existing directory
    /// receives the tree under its own name (<c>/tmp/</c> gets <c>/tmp/NAME</c>); else the tree is created as this path.
    /// </summary>
    public required string Destination { get; init; }

    /// <summary>Keep modification times and modes.</summary>
    public bool Preserve { get; init; }

    /// <summary>A fetch continues partial local files from their length (SFTP only).</summary>
    public bool Resume { get; init; }

    /// <summary>Auto (SFTP, else SCP) by default.</summary>
    public FileTransferProtocol Protocol { get; init; } = FileTransferProtocol.Auto;

    /// <summary>Byte progress of each file.</summary>
    public Action<FileTransferProgress>? Progress { get; init; }

    /// <summary>Called as each step finishes (the same steps end up in the report).</summary>
    public Action<DeviceFileTransferStep>? StepCompleted { get; init; }
}
