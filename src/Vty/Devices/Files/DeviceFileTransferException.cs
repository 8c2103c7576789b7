namespace Vty.Devices;

/// <summary>A device file transfer stopped: not enough space, or the device's MD5 differs from the file sent.</summary>
public sealed class DeviceFileTransferException(string message, IReadOnlyList<DeviceFileTransferStep> steps, Exception? inner = null)
    : DeviceOperationException(message, inner)
{
    /// <summary>The steps done before it stopped.</summary>
    public IReadOnlyList<DeviceFileTransferStep> Steps { get; } = steps;
}
