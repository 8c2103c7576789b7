namespace Vty.Devices;

/// <summary>
/// What a device file transfer did: whether it copied, the bytes, the hash both sides agree on
/// (<see cref="HashAlgorithm"/>: md5 or sha256; empty when not verified), and every step.
/// </summary>
public sealed record DeviceFileTransferReport(string Destination, bool Transferred, bool Verified, long Bytes, string Hash, string HashAlgorithm,
    IReadOnlyList<DeviceFileTransferStep> Steps);
