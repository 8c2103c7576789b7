namespace Vty.Ssh.Sftp;

/// <summary>
/// Server limits from limits@openssh.com (0: no limit stated). Without the extension the client
/// assumes the conservative values every version 3 server accepts.
/// </summary>
public sealed record SftpLimits(ulong MaxPacketLength, ulong MaxReadLength, ulong MaxWriteLength, ulong MaxOpenHandles)
{
    /// <summary>What any server is assumed to accept (OpenSSH's sftp uses 32 KiB without the extension).</summary>
    public static SftpLimits Conservative { get; } = new(34000, 32768, 32768, 0);
}
