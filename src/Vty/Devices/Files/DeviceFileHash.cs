namespace Vty.Devices;

/// <summary>A hash a device can compute on one of its files.</summary>
public enum DeviceFileHash
{
    /// <summary>MD5 (<c>verify /md5</c>, <c>md5sum</c>): what network devices have; good against damage, not against an attacker.</summary>
    Md5,
    /// <summary>SHA-256 (<c>sha256sum</c>, and the read-back over SFTP).</summary>
    Sha256,
}
