namespace Vty.Devices;

/// <summary>What a device file transfer did: whether it copied, the bytes, the MD5 both sides agree on, every step.</summary>
public sealed record DeviceFileTransferReport(string Destination, bool Transferred, bool Verified, long Bytes, string Md5, IReadOnlyList<DeviceFileTransferStep> Steps);
