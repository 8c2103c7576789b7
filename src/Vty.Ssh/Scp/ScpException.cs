using Vty.Ssh.FileTransfer;

namespace Vty.Ssh.Scp;

/// <summary>The other side of an SCP transfer reported an error (its message is in <see cref="Exception.Message"/>).</summary>
public sealed class ScpException(string message, FileTransferErrorKind kind, string? path, Exception? inner = null)
    : FileTransferException(message, kind, path, inner)
{
    /// <summary>The kind an scp error line describes (OpenSSH prints strerror texts).</summary>
    internal static FileTransferErrorKind Classify(string text) =>
        text.Contains("No such file", StringComparison.OrdinalIgnoreCase) || text.Contains("not found", StringComparison.OrdinalIgnoreCase) ? FileTransferErrorKind.NoSuchFile
        : text.Contains("Permission denied", StringComparison.OrdinalIgnoreCase) || text.Contains("read-only", StringComparison.OrdinalIgnoreCase) ? FileTransferErrorKind.PermissionDenied
        : text.Contains("No space", StringComparison.OrdinalIgnoreCase) || text.Contains("insufficient", StringComparison.OrdinalIgnoreCase) ? FileTransferErrorKind.NoSpace
        : FileTransferErrorKind.Other;
}
