namespace Vty.Devices;

/// <summary>
/// A device operation cannot be done on this device: its driver has no configuration mode, no
/// commit, no enable command, or the device did not reach the mode the operation needs. The
/// message says which driver and what to do instead.
/// </summary>
public class DeviceOperationException : VtyException
{
    public DeviceOperationException(string message, Exception? innerException = null) : base(message, innerException) { }
}
