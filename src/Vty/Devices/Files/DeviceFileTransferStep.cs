namespace Vty.Devices;

/// <summary>One step of a device file transfer: its name ("check", "space", "copy", "verify") and what it found.</summary>
public sealed record DeviceFileTransferStep(string Name, string Detail);
