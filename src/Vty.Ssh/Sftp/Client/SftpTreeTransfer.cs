using Vty.Ssh.FileTransfer;

namespace Vty.Ssh.Sftp.Client;

/// <summary>
/// Whole directories in either direction: directories are created, regular files copied,
/// symbolic links recreated as links (never followed, so a loop cannot recurse forever);
/// other kinds (devices, sockets) are skipped.
/// </summary>
internal sealed class SftpTreeTransfer(SftpClient client, FileTransferOptions options)
{
    private const int MaxDepth = 256;

    public async Task<long> UploadAsync(string localDirectory, string remoteDirectory, int depth, CancellationToken ct)
    {
        if (depth > MaxDepth) throw new IOException($"{localDirectory}: more than {MaxDepth} directory levels; is there a bind-mount loop?");
        var directory = new DirectoryInfo(localDirectory);
        if (!directory.Exists) throw new DirectoryNotFoundException($"local directory {localDirectory} does not exist");
        await EnsureRemoteDirectoryAsync(remoteDirectory, ct);
        long total = 0;
        foreach (FileSystemInfo entry in directory.EnumerateFileSystemInfos())
        {
            ct.ThrowIfCancellationRequested();
            string remote = SftpPath.Join(remoteDirectory, entry.Name);
            if (entry.LinkTarget is { } target)
            {
                await ReplaceWithLinkAsync(remote, target, ct);
            }
            else if (entry is DirectoryInfo)
            {
                total += await UploadAsync(entry.FullName, remote, depth + 1, ct);
            }
            else if (entry is FileInfo file && (file.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) == 0)
            {
                total += await new SftpUpload(client, entry.FullName, remote, options).RunAsync(ct);
            }
        }
        if (options.Preserve && !OperatingSystem.IsWindows())
        {
            await client.SetAttributesAsync(remoteDirectory, new SftpFileAttributes
            {
                Permissions = (uint)directory.UnixFileMode,
                LastAccessTime = directory.LastAccessTimeUtc,
                LastWriteTime = directory.LastWriteTimeUtc,
            }, ct);
        }
        return total;
    }

    public async Task<long> DownloadAsync(string remoteDirectory, string localDirectory, int depth, CancellationToken ct)
    {
        if (depth > MaxDepth) throw new IOException($"{remoteDirectory}: more than {MaxDepth} directory levels");
        SftpFileAttributes attributes = await client.GetAttributesAsync(remoteDirectory, ct);
        if (!attributes.IsDirectory) throw new SftpException($"{remoteDirectory} is not a directory", SftpStatusCode.Failure, remoteDirectory, null);
        Directory.CreateDirectory(localDirectory);
        long total = 0;
        foreach (SftpDirectoryEntry entry in await client.ListDirectoryAsync(remoteDirectory, ct))
        {
            ct.ThrowIfCancellationRequested();
            if (entry.Name.Contains('/') || entry.Name.Contains('\\') || entry.Name is "" or "." or "..")
                throw new SftpProtocolException($"the server listed an unsafe name '{entry.Name}' in {remoteDirectory}; refusing to write outside {localDirectory}");
            string remote = SftpPath.Join(remoteDirectory, entry.Name);
            string local = Path.Combine(localDirectory, entry.Name);
            SftpFileAttributes a = entry.Attributes.Permissions is null ? await client.GetAttributesAsync(remote, false, ct) : entry.Attributes;
            if (a.IsSymbolicLink)
            {
                string target = await client.ReadSymbolicLinkAsync(remote, ct);
                if (File.Exists(local) || Directory.Exists(local) || new FileInfo(local).LinkTarget != null) File.Delete(local);
                File.CreateSymbolicLink(local, target);
            }
            else if (a.IsDirectory)
            {
                total += await DownloadAsync(remote, local, depth + 1, ct);
            }
            else if (a.IsRegularFile)
            {
                total += await new SftpDownload(client, remote, local, options).RunAsync(ct);
            }
        }
        if (options.Preserve) SftpDownload.ApplyAttributes(localDirectory, attributes);
        return total;
    }

    private async Task EnsureRemoteDirectoryAsync(string path, CancellationToken ct)
    {
        try
        {
            await client.CreateDirectoryAsync(path, null, ct);
        }
        catch (SftpException e) when (e is not SftpNoSuchFileException)
        {
            // mkdir of an existing directory is a plain failure in version 3: fine if it is a directory.
            SftpFileAttributes existing;
            try
            {
                existing = await client.GetAttributesAsync(path, ct);
            }
            catch (SftpException)
            {
                throw e;
            }
            if (!existing.IsDirectory) throw new SftpException($"{path} exists on the server and is not a directory", SftpStatusCode.Failure, path, null);
        }
    }

    private async Task ReplaceWithLinkAsync(string remote, string target, CancellationToken ct)
    {
        try
        {
            await client.GetAttributesAsync(remote, false, ct);
            await client.RemoveFileAsync(remote, ct);
        }
        catch (SftpNoSuchFileException) { }
        await client.CreateSymbolicLinkAsync(remote, target, ct);
    }
}
