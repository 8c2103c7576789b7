using System.Text;
using Vty.Ssh.Sftp;
using Vty.TestSupport;

namespace Vty.Ssh.Tests.Sftp;

/// <summary>Every SFTP request and OpenSSH extension of our client against OpenSSH's internal-sftp.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SftpClientRequestTests
{
    [Fact]
    public async Task EveryRequestAgainstOpenSsh()
    {
        using var keys = new TempDirectory();
        using var shared = SftpTestFiles.SharedDirectory();
        CancellationToken ct = TestTimeouts.LongToken();
        await using var server = await SftpServers.OpenSshAsync();
        var (ssh, sftp) = await SftpServers.ConnectAsync(server.Port, keys, ct);
        await using var _ = ssh;
        await using var __ = sftp;

        Assert.Equal(3u, sftp.ProtocolVersion);
        Assert.True(sftp.Supports("posix-rename@openssh.com"));
        Assert.True(sftp.Limits.MaxReadLength > 32768, $"limits@openssh.com gave max read {sftp.Limits.MaxReadLength}");
        Assert.Equal(64 * 1024, sftp.ChunkSize);

        string home = await sftp.GetFullPathAsync(".", ct);
        Assert.Equal("/home/vtytest", home);

        string root = shared.Path;
        string dir = root + "/d";
        await sftp.CreateDirectoryAsync(dir, (UnixFileMode)0x1ED /* 0755 */, ct);
        SftpFileAttributes dirAttributes = await sftp.GetAttributesAsync(dir, ct);
        Assert.True(dirAttributes.IsDirectory);
        Assert.Equal((UnixFileMode)0x1ED, dirAttributes.Mode);

        // open/write/read/fstat/fsetstat/close
        string file = dir + "/a.txt";
        SftpHandle handle = await sftp.OpenFileAsync(file, SftpOpenMode.Write | SftpOpenMode.Create | SftpOpenMode.Truncate, null, ct);
        await sftp.WriteAsync(handle, 0, Encoding.ASCII.GetBytes("hello, world"), ct);
        await sftp.WriteAsync(handle, 7, Encoding.ASCII.GetBytes("WORLD"), ct);
        await sftp.SyncAsync(handle, ct);
        Assert.Equal(12, (await sftp.GetAttributesAsync(handle, ct)).Size);
        var mtime = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await sftp.SetAttributesAsync(handle, new SftpFileAttributes { Permissions = 0x1A4 /* 0644 */, LastWriteTime = mtime, LastAccessTime = mtime }, ct);
        await sftp.CloseAsync(handle, ct);
        Assert.Equal("hello, WORLD", File.ReadAllText(Path.Combine(root, "d", "a.txt")));
        SftpFileAttributes fileAttributes = await sftp.GetAttributesAsync(file, ct);
        Assert.True(fileAttributes.IsRegularFile);
        Assert.Equal(mtime, fileAttributes.LastWriteTime);
        Assert.Equal((UnixFileMode)0x1A4, fileAttributes.Mode);

        handle = await sftp.OpenFileAsync(file, SftpOpenMode.Read, null, ct);
        byte[] buffer = new byte[100];
        int n = await sftp.ReadAsync(handle, 7, buffer, ct);
        Assert.Equal("WORLD", Encoding.ASCII.GetString(buffer, 0, n));
        Assert.Equal(0, await sftp.ReadAsync(handle, 12, buffer, ct));
        await sftp.CloseAsync(handle, ct);

        // setstat by path
        await sftp.SetAttributesAsync(file, SftpFileAttributes.WithMode((UnixFileMode)0x180 /* 0600 */), ct);
        Assert.Equal((UnixFileMode)0x180, (await sftp.GetAttributesAsync(file, ct)).Mode);

        // symlink / readlink / lstat / stat through the link
        string link = dir + "/link";
        await sftp.CreateSymbolicLinkAsync(link, "a.txt", ct);
        Assert.Equal("a.txt", await sftp.ReadSymbolicLinkAsync(link, ct));
        Assert.True((await sftp.GetAttributesAsync(link, followLinks: false, ct)).IsSymbolicLink);
        Assert.True((await sftp.GetAttributesAsync(link, ct)).IsRegularFile);
        Assert.Equal("a.txt", new FileInfo(Path.Combine(root, "d", "link")).LinkTarget);

        // hardlink, rename, posix-rename over an existing file
        await sftp.CreateHardLinkAsync(file, dir + "/hard", ct);
        Assert.Equal(12, (await sftp.GetAttributesAsync(dir + "/hard", ct)).Size);
        await sftp.RenameAsync(dir + "/hard", dir + "/renamed", overwrite: false, ct);
        Assert.False(await sftp.ExistsAsync(dir + "/hard", ct));
        await File.WriteAllTextAsync(Path.Combine(root, "d", "other"), "other", ct);
        await Assert.ThrowsAsync<SftpException>(() => sftp.RenameAsync(dir + "/renamed", dir + "/other", overwrite: false, ct));
        await sftp.RenameAsync(dir + "/renamed", dir + "/other", overwrite: true, ct);
        Assert.Equal("hello, WORLD", File.ReadAllText(Path.Combine(root, "d", "other")));

        // readdir
        IReadOnlyList<SftpDirectoryEntry> entries = await sftp.ListDirectoryAsync(dir, ct);
        Assert.Equal(["a.txt", "link", "other"], entries.Select(e => e.Name).Order().ToArray());
        Assert.Contains(entries, e => e.Name == "link" && e.Attributes.IsSymbolicLink);
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.LongName)));

        // statvfs
        SftpFileSystemInfo fs = await sftp.GetFileSystemInfoAsync(root, ct);
        Assert.True(fs.TotalBytes > 0 && fs.AvailableBytes <= fs.TotalBytes);

        // remove / rmdir
        foreach (string name in new[] { "a.txt", "link", "other" })
            await sftp.RemoveFileAsync(dir + "/" + name, ct);
        await sftp.RemoveDirectoryAsync(dir, ct);
        Assert.False(Directory.Exists(Path.Combine(root, "d")));
    }

    [Fact]
    public async Task StreamReadsAheadSeeksAndWritesBehind()
    {
        using var keys = new TempDirectory();
        using var shared = SftpTestFiles.SharedDirectory();
        CancellationToken ct = TestTimeouts.LongToken();
        await using var server = await SftpServers.OpenSshAsync();
        var (ssh, sftp) = await SftpServers.ConnectAsync(server.Port, keys, ct, options: new SftpClientOptions { ChunkSize = 4096, MaxRequestsInFlight = 8 });
        await using var _ = ssh;
        await using var __ = sftp;
        string path = shared.Path + "/stream.bin";
        byte[] data = new byte[300_000];
        new Random(7).NextBytes(data);

        await using (SftpFileStream write = await sftp.OpenStreamAsync(path, FileMode.Create, FileAccess.Write, ct))
        {
            for (int i = 0; i < data.Length; i += 10_000)
                await write.WriteAsync(data.AsMemory(i, Math.Min(10_000, data.Length - i)), ct);
            Assert.Equal(data.Length, await write.GetLengthAsync(ct));
        }
        Assert.Equal(data, await File.ReadAllBytesAsync(path, ct));

        await using (SftpFileStream read = await sftp.OpenStreamAsync(path, FileMode.Open, FileAccess.Read, ct))
        {
            var copy = new MemoryStream();
            await read.CopyToAsync(copy, 7000, ct);
            Assert.Equal(data, copy.ToArray());
            read.Seek(123_456, SeekOrigin.Begin);
            byte[] part = new byte[1000];
            await read.ReadExactlyAsync(part, ct);
            Assert.Equal(data.AsSpan(123_456, 1000).ToArray(), part);
        }

        await using (SftpFileStream append = await sftp.OpenStreamAsync(path, FileMode.Append, FileAccess.Write, ct))
            await append.WriteAsync("tail"u8.ToArray(), ct);
        Assert.Equal(data.Length + 4, new FileInfo(path).Length);
    }
}
