namespace Vty.Ssh.FileTransfer;

/// <summary>How far a file transfer is: the file (remote or local path as given), bytes done, total when known.</summary>
public readonly record struct FileTransferProgress(string Path, long BytesTransferred, long? TotalBytes);
