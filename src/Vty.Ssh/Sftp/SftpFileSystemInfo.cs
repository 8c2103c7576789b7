namespace Vty.Ssh.Sftp;

/// <summary>The answer to statvfs@openssh.com: the remote file system's sizes (struct statvfs).</summary>
public sealed record SftpFileSystemInfo(ulong BlockSize, ulong FragmentSize, ulong Blocks, ulong FreeBlocks, ulong AvailableBlocks,
    ulong Files, ulong FreeFiles, ulong AvailableFiles, ulong FileSystemId, ulong Flags, ulong MaxNameLength)
{
    /// <summary>Bytes an unprivileged user may still write.</summary>
    public ulong AvailableBytes => AvailableBlocks * (FragmentSize == 0 ? BlockSize : FragmentSize);

    /// <summary>Size of the file system in bytes.</summary>
    public ulong TotalBytes => Blocks * (FragmentSize == 0 ? BlockSize : FragmentSize);
}
