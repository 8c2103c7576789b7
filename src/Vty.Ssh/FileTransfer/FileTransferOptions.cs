namespace Vty.Ssh.FileTransfer;

/// <summary>Choices for an upload or download (SFTP or SCP).</summary>
public sealed class FileTransferOptions
{
    /// <summary>Copy modification/access times and permission bits to the destination (scp -p).</summary>
    public bool Preserve { get; set; }

    /// <summary>
    /// Downloads: continue a partial local file from its length instead of starting over
    /// (SFTP only; the bytes already there are trusted, as with sftp's reget).
    /// </summary>
    public bool Resume { get; set; }

    /// <summary>Called as bytes are confirmed, at most every <see cref="ProgressInterval"/> bytes and at the end of each file.</summary>
    public Action<FileTransferProgress>? Progress { get; set; }

    /// <summary>Minimum bytes between two progress calls.</summary>
    public long ProgressInterval { get; set; } = 1024 * 1024;

    internal static FileTransferOptions Default { get; } = new();
}
