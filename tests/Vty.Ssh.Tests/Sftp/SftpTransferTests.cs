using System.Text;
using Vty.Ssh.FileTransfer;
using Vty.Ssh.Sftp;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Sftp;

/// <summary>Whole-file and whole-tree transfers against OpenSSH (internal-sftp) and Dropbear (OpenSSH's sftp-server binary).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SftpTransferTests
{
    [Fact]
    public async Task HundredMegabytesEachWayWithHashCheck()
    {
        using var keys = new TempDirectory();
        using var shared = SftpTestFiles.SharedDirectory();
        CancellationToken ct = TestTimeouts.LongToken();
        await using var server = await SftpServers.OpenSshAsync();
        var (ssh, sftp) = await SftpServers.ConnectAsync(server.Port, keys, ct, cipher: "aes128-gcm@openssh.com");
        await using var _ = ssh;
        await using var __ = sftp;
        const long size = 100_000_000;
        string source = shared.File("source.bin");
        string hash = SftpTestFiles.CreateRandomFile(source, size);
        var progress = new List<FileTransferProgress>();
        var options = new FileTransferOptions { Progress = p => progress.Add(p), ProgressInterval = 10_000_000 };

        Assert.Equal(size, await sftp.UploadFileAsync(source, shared.Path + "/uploaded.bin", options, ct));
        SshExecResult remote = await ssh.ExecuteAsync($"sha256sum {shared.Path}/uploaded.bin", ct);
        Assert.Equal(hash, Encoding.ASCII.GetString(remote.StandardOutput).Split(' ')[0]);
        Assert.InRange(progress.Count, 5, 20);
        Assert.Equal(size, progress[^1].BytesTransferred);
        Assert.True(progress.Zip(progress.Skip(1)).All(p => p.First.BytesTransferred <= p.Second.BytesTransferred), "progress went backwards");

        string downloaded = shared.File("downloaded.bin");
        Assert.Equal(size, await sftp.DownloadFileAsync(shared.Path + "/uploaded.bin", downloaded, null, ct));
        Assert.Equal(hash, SftpTestFiles.Sha256(downloaded));
    }

    [Fact]
    public async Task DropbearWithOpenSshSftpServerBinary()
    {
        using var keys = new TempDirectory();
        using var shared = SftpTestFiles.SharedDirectory();
        CancellationToken ct = TestTimeouts.LongToken();
        await using var server = await DropbearServer.StartAsync();
        var (ssh, sftp) = await SftpServers.ConnectAsync(server.Port, keys, ct);
        await using var _ = ssh;
        await using var __ = sftp;
        Assert.StartsWith("SSH-2.0-dropbear", ssh.ServerVersion);
        string source = shared.File("source.bin");
        string hash = SftpTestFiles.CreateRandomFile(source, 12_345_678, seed: 3);
        await sftp.UploadFileAsync(source, shared.Path + "/up.bin", null, ct);
        Assert.Equal(hash, SftpTestFiles.Sha256(shared.File("up.bin")));
        await sftp.DownloadFileAsync(shared.Path + "/up.bin", shared.File("down.bin"), null, ct);
        Assert.Equal(hash, SftpTestFiles.Sha256(shared.File("down.bin")));
        await sftp.CreateDirectoryAsync(shared.Path + "/dir", null, ct);
        await sftp.RenameAsync(shared.Path + "/up.bin", shared.Path + "/dir/moved.bin", overwrite: true, ct);
        Assert.Equal(["moved.bin"], (await sftp.ListDirectoryAsync(shared.Path + "/dir", ct)).Select(e => e.Name).ToArray());
        await Assert.ThrowsAsync<SftpNoSuchFileException>(() => sftp.GetAttributesAsync(shared.Path + "/up.bin", ct));
    }

    [Fact]
    public async Task TreeWithSymlinksAndModesBothWays()
    {
        using var keys = new TempDirectory();
        using var shared = SftpTestFiles.SharedDirectory();
        CancellationToken ct = TestTimeouts.LongToken();
        await using var server = await SftpServers.OpenSshAsync();
        var (ssh, sftp) = await SftpServers.ConnectAsync(server.Port, keys, ct);
        await using var _ = ssh;
        await using var __ = sftp;

        string local = shared.File("tree");
        Directory.CreateDirectory(Path.Combine(local, "sub", "deeper"));
        await File.WriteAllTextAsync(Path.Combine(local, "top.txt"), "top", ct);
        await File.WriteAllTextAsync(Path.Combine(local, "sub", "script.sh"), "#!/bin/sh\necho hi\n", ct);
        SftpTestFiles.CreateRandomFile(Path.Combine(local, "sub", "deeper", "blob.bin"), 1_000_000, seed: 5);
        File.SetUnixFileMode(Path.Combine(local, "sub", "script.sh"), (UnixFileMode)0x1E8); // 0750
        File.SetUnixFileMode(Path.Combine(local, "top.txt"), (UnixFileMode)0x100);           // 0400
        File.CreateSymbolicLink(Path.Combine(local, "link-to-top"), "top.txt");
        File.CreateSymbolicLink(Path.Combine(local, "sub", "dangling"), "/nonexistent/target");
        File.CreateSymbolicLink(Path.Combine(local, "sub", "loop"), ".."); // must not be followed
        var old = new DateTime(2019, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(Path.Combine(local, "sub", "script.sh"), old);

        var preserve = new FileTransferOptions { Preserve = true };
        string remote = shared.Path + "/remote-tree";
        long sent = await sftp.UploadDirectoryAsync(local, remote, preserve, ct);
        Assert.Equal(3 + 18 + 1_000_000, sent);
        Assert.Equal("top.txt", new FileInfo(Path.Combine(remote, "link-to-top")).LinkTarget);
        Assert.Equal("..", new FileInfo(Path.Combine(remote, "sub", "loop")).LinkTarget);
        Assert.Equal((UnixFileMode)0x1E8, File.GetUnixFileMode(Path.Combine(remote, "sub", "script.sh")));
        Assert.Equal((UnixFileMode)0x100, File.GetUnixFileMode(Path.Combine(remote, "top.txt")));
        Assert.Equal(old, File.GetLastWriteTimeUtc(Path.Combine(remote, "sub", "script.sh")));

        string back = shared.File("back");
        long received = await sftp.DownloadDirectoryAsync(remote, back, preserve, ct);
        Assert.Equal(sent, received);
        Assert.Equal("/nonexistent/target", new FileInfo(Path.Combine(back, "sub", "dangling")).LinkTarget);
        Assert.Equal("..", new FileInfo(Path.Combine(back, "sub", "loop")).LinkTarget);
        Assert.Equal((UnixFileMode)0x1E8, File.GetUnixFileMode(Path.Combine(back, "sub", "script.sh")));
        Assert.Equal(old, File.GetLastWriteTimeUtc(Path.Combine(back, "sub", "script.sh")));
        Assert.Equal(SftpTestFiles.Sha256(Path.Combine(local, "sub", "deeper", "blob.bin")), SftpTestFiles.Sha256(Path.Combine(back, "sub", "deeper", "blob.bin")));
        Assert.Equal("top", await File.ReadAllTextAsync(Path.Combine(back, "link-to-top"), ct));
    }

    [Fact]
    public async Task DownloadCutMidWayThenResumed()
    {
        using var keys = new TempDirectory();
        using var shared = SftpTestFiles.SharedDirectory();
        CancellationToken ct = TestTimeouts.LongToken();
        await using var server = await SftpServers.OpenSshAsync();
        const long size = 20_000_000;
        string hash = SftpTestFiles.CreateRandomFile(shared.File("big.bin"), size, seed: 9);
        string local = shared.File("partial.bin");

        FileTransferInterruptedException broke;
        await using (var proxy = new CuttingProxy(server.Port, cutAfterServerBytes: 8_000_000))
        {
            var (ssh, sftp) = await SftpServers.ConnectAsync(proxy.Port, keys, ct);
            await using var _ = ssh;
            await using var __ = sftp;
            broke = await Assert.ThrowsAsync<FileTransferInterruptedException>(() => sftp.DownloadFileAsync(shared.File("big.bin"), local, null, ct));
            Assert.True(proxy.Cut);
        }
        Assert.InRange(broke.BytesTransferred, 1, 8_000_000);
        Assert.Equal(size, broke.TotalBytes);
        Assert.Contains($"broke at byte {broke.BytesTransferred}", broke.Message);
        Assert.Equal(broke.BytesTransferred, new FileInfo(local).Length);

        var progress = new List<FileTransferProgress>();
        var (ssh2, sftp2) = await SftpServers.ConnectAsync(server.Port, keys, ct);
        await using var ___ = ssh2;
        await using var ____ = sftp2;
        await sftp2.DownloadFileAsync(shared.File("big.bin"), local, new FileTransferOptions { Resume = true, Progress = progress.Add }, ct);
        Assert.Equal(hash, SftpTestFiles.Sha256(local));
        Assert.True(progress[0].BytesTransferred >= broke.BytesTransferred, "the resumed download started over");
    }

    [Fact]
    public async Task UploadCutMidWayReportsTheConfirmedPrefix()
    {
        using var keys = new TempDirectory();
        using var shared = SftpTestFiles.SharedDirectory();
        CancellationToken ct = TestTimeouts.LongToken();
        await using var server = await SftpServers.OpenSshAsync();
        SftpTestFiles.CreateRandomFile(shared.File("big.bin"), 20_000_000, seed: 11);
        await using var proxy = new CuttingProxy(server.Port, long.MaxValue, cutAfterClientBytes: 6_000_000);
        var (ssh, sftp) = await SftpServers.ConnectAsync(proxy.Port, keys, ct);
        await using var _ = ssh;
        await using var __ = sftp;
        var broke = await Assert.ThrowsAsync<FileTransferInterruptedException>(() => sftp.UploadFileAsync(shared.File("big.bin"), shared.Path + "/up.bin", null, ct));
        Assert.InRange(broke.BytesTransferred, 0, 6_000_000);
        Assert.True(new FileInfo(shared.File("up.bin")).Length >= broke.BytesTransferred);
    }
}
