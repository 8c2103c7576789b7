namespace Vty.Ssh.FileTransfer;

/// <summary>A file operation the server refused; <see cref="Kind"/> says why, whichever protocol was used.</summary>
public class FileTransferException(string message, FileTransferErrorKind kind, string? path, Exception? inner = null) : SshException(message, inner)
{
    public FileTransferErrorKind Kind { get; } = kind;

    /// <summary>The path the error is about, when known.</summary>
    public string? Path { get; } = path;
}
