namespace Vty.Ssh.FileSystems;

/// <summary>
/// The files an SFTP or SCP server hands out. Paths are virtual: absolute, '/'-separated, already
/// normalised by the server (no "." or ".." left), with "/" the root the client can never leave.
/// Failures use the .NET exceptions the server maps to protocol errors:
/// <see cref="FileNotFoundException"/>/<see cref="DirectoryNotFoundException"/> (no such file),
/// <see cref="UnauthorizedAccessException"/> (permission denied), <see cref="ServedFileSystemFullException"/>
/// (no space), <see cref="IOException"/> (anything else).
/// </summary>
public interface IServedFileSystem
{
    /// <summary>Where a session starts (relative paths are resolved against it).</summary>
    string HomeDirectory { get; }

    /// <summary>stat (<paramref name="followLinks"/>) or lstat.</summary>
    ValueTask<ServedFileInfo> GetInfoAsync(string path, bool followLinks, CancellationToken ct);

    /// <summary>Opens a file; <paramref name="createMode"/> is the permission bits for a new file.</summary>
    ValueTask<IServedFile> OpenFileAsync(string path, ServedOpenMode mode, UnixFileMode? createMode, CancellationToken ct);

    /// <summary>The entries of a directory (not "." or ".."); links are not followed.</summary>
    ValueTask<IReadOnlyList<ServedFileInfo>> ListDirectoryAsync(string path, CancellationToken ct);

    ValueTask CreateDirectoryAsync(string path, UnixFileMode? mode, CancellationToken ct);

    ValueTask DeleteDirectoryAsync(string path, CancellationToken ct);

    ValueTask DeleteFileAsync(string path, CancellationToken ct);

    /// <summary>Renames; with <paramref name="overwrite"/> an existing target file is replaced.</summary>
    ValueTask RenameAsync(string oldPath, string newPath, bool overwrite, CancellationToken ct);

    /// <summary>Changes what <paramref name="changes"/> sets (null fields stay).</summary>
    ValueTask SetAttributesAsync(string path, ServedAttributeChanges changes, CancellationToken ct);

    ValueTask CreateSymbolicLinkAsync(string linkPath, string target, CancellationToken ct);

    ValueTask<string> ReadSymbolicLinkAsync(string path, CancellationToken ct);

    ValueTask CreateHardLinkAsync(string existingPath, string newPath, CancellationToken ct);

    /// <summary>Total and available bytes (for statvfs and for the lab's free-space checks).</summary>
    ValueTask<ServedCapacity> GetCapacityAsync(string path, CancellationToken ct);
}
