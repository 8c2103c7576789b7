namespace Vty.Ssh.FileTransfer;

/// <summary>
/// A transfer stopped part way: <see cref="BytesTransferred"/> bytes of <see cref="Path"/> arrived
/// intact (a prefix of the file). A download can be resumed from there (<c>Resume = true</c>).
/// </summary>
public sealed class FileTransferInterruptedException(string message, string path, long bytesTransferred, long? totalBytes, Exception? inner)
    : SshException(message, inner)
{
    /// <summary>The file that was being transferred.</summary>
    public string Path { get; } = path;

    /// <summary>The intact prefix: the transfer can resume at this offset.</summary>
    public long BytesTransferred { get; } = bytesTransferred;

    /// <summary>The file's size, when it was known.</summary>
    public long? TotalBytes { get; } = totalBytes;
}
