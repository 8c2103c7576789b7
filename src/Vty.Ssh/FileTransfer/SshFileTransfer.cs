using Vty.Ssh.Scp;
using Vty.Ssh.Sftp;

namespace Vty.Ssh.FileTransfer;

/// <summary>
/// Copies with scp-like semantics over one <see cref="SshClient"/>: SFTP by default, SCP when the
/// server has no SFTP subsystem (or when asked). A destination that is an existing directory
/// receives the source under its own name.
/// </summary>
public static class SshFileTransfer
{
    /// <summary>Uploads a local file (or, with <paramref name="recursive"/>, a directory).</summary>
    /// <exception cref="FileTransferUnavailableException">The server has neither SFTP nor SCP.</exception>
    public static async Task<FileTransferResult> UploadAsync(SshClient ssh, string localPath, string remotePath, bool recursive,
        FileTransferOptions? options, FileTransferProtocol protocol, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ssh);
        bool isDirectory = Directory.Exists(localPath);
        if (!isDirectory && !File.Exists(localPath)) throw new FileNotFoundException($"local file {localPath} does not exist", localPath);
        if (isDirectory && !recursive) throw new IOException($"{localPath} is a directory; copy it recursively (-r)");
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(localPath)));
        if (protocol != FileTransferProtocol.Scp && await TryOpenSftpAsync(ssh, protocol, ct) is { } sftp)
        {
            await using (sftp)
            {
                string target = remotePath.Length == 0 ? "." : remotePath;
                if (await IsRemoteDirectoryAsync(sftp, target, ct)) target = SftpPath.Join(target, name);
                long bytes = isDirectory
                    ? await sftp.UploadDirectoryAsync(localPath, target, options, ct)
                    : await sftp.UploadFileAsync(localPath, target, options, ct);
                return new FileTransferResult(FileTransferProtocol.Sftp, bytes, target);
            }
        }
        string scpTarget = remotePath.Length == 0 ? "." : remotePath;
        long sent = await new ScpClient(ssh).UploadAsync(localPath, scpTarget, recursive, options, ct);
        // SCP does not say where the file went: a path that is surely a directory gets the name added;
        // RemoteSha256Async resolves the other case (a directory named without a trailing slash).
        return new FileTransferResult(FileTransferProtocol.Scp, sent, IsSurelyDirectory(scpTarget) ? SftpPath.Join(scpTarget, name) : scpTarget);
    }

    /// <summary>Downloads a remote file (or, with <paramref name="recursive"/>, a directory).</summary>
    public static async Task<FileTransferResult> DownloadAsync(SshClient ssh, string remotePath, string localPath, bool recursive,
        FileTransferOptions? options, FileTransferProtocol protocol, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ssh);
        string target = Directory.Exists(localPath) ? Path.Combine(localPath, SftpPath.GetFileName(remotePath)) : localPath;
        if (protocol != FileTransferProtocol.Scp && await TryOpenSftpAsync(ssh, protocol, ct) is { } sftp)
        {
            await using (sftp)
            {
                SftpFileAttributes attributes = await sftp.GetAttributesAsync(remotePath, ct);
                if (attributes.IsDirectory && !recursive)
                    throw new SftpException($"{remotePath} is a directory; copy it recursively (-r)", SftpStatusCode.Failure, remotePath, null);
                long bytes = attributes.IsDirectory
                    ? await sftp.DownloadDirectoryAsync(remotePath, target, options, ct)
                    : await sftp.DownloadFileAsync(remotePath, target, options, ct);
                return new FileTransferResult(FileTransferProtocol.Sftp, bytes, target);
            }
        }
        if (options?.Resume == true) throw new NotSupportedException("resuming a download needs SFTP; the server offers only SCP");
        long received = await new ScpClient(ssh).DownloadAsync(remotePath, localPath, recursive, options, ct);
        return new FileTransferResult(FileTransferProtocol.Scp, received, target);
    }

    /// <summary>
    /// The SHA-256 (lower-case hex) of a remote file, read over a fresh SFTP session: how a copy is
    /// verified where the far side has no hash command of its own.
    /// </summary>
    /// <exception cref="FileTransferUnavailableException">The server has no SFTP subsystem.</exception>
    public static Task<string> RemoteSha256Async(SshClient ssh, string remotePath, CancellationToken ct) =>
        RemoteSha256Async(ssh, remotePath, null, ct);

    /// <summary>
    /// Like <see cref="RemoteSha256Async(SshClient, string, CancellationToken)"/>; when
    /// <paramref name="remotePath"/> is a directory, hashes <paramref name="nameInDirectory"/> in it
    /// (where an upload to that directory put the file).
    /// </summary>
    public static async Task<string> RemoteSha256Async(SshClient ssh, string remotePath, string? nameInDirectory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ssh);
        await using SftpClient sftp = await SftpClient.OpenAsync(ssh, null, ct);
        if ((await sftp.GetAttributesAsync(remotePath, ct)).IsDirectory)
        {
            if (string.IsNullOrEmpty(nameInDirectory))
                throw new SftpException($"{remotePath} on the host is a directory, not a file: name the file to hash", SftpStatusCode.Failure, remotePath, null);
            remotePath = SftpPath.Join(remotePath, nameInDirectory);
        }
        await using SftpFileStream stream = await sftp.OpenStreamAsync(remotePath, FileMode.Open, FileAccess.Read, ct);
        return Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(stream, ct));
    }

    /// <summary>The SHA-256 (lower-case hex) of a local file.</summary>
    public static async Task<string> LocalSha256Async(string localPath, CancellationToken ct)
    {
        await using var file = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(file, ct));
    }

    private static async Task<SftpClient?> TryOpenSftpAsync(SshClient ssh, FileTransferProtocol protocol, CancellationToken ct)
    {
        try
        {
            return await SftpClient.OpenAsync(ssh, null, ct);
        }
        catch (FileTransferUnavailableException) when (protocol == FileTransferProtocol.Auto)
        {
            return null;
        }
    }

    private static bool IsSurelyDirectory(string remotePath) =>
        remotePath.EndsWith('/') || remotePath is "." or ".." or "~" || remotePath.EndsWith("/.", StringComparison.Ordinal) || remotePath.EndsWith("/..", StringComparison.Ordinal);

    private static async Task<bool> IsRemoteDirectoryAsync(SftpClient sftp, string path, CancellationToken ct)
    {
        try
        {
            return (await sftp.GetAttributesAsync(path, ct)).IsDirectory;
        }
        catch (SftpNoSuchFileException)
        {
            return false;
        }
    }
}
