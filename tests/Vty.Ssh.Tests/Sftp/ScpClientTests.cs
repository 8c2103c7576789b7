using Vty.Ssh.FileTransfer;
using Vty.Ssh.Scp;
using Vty.Ssh.Tests.Interop;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Sftp;

/// <summary>Our SCP client against OpenSSH's scp -t/-f, and the automatic fallback when sshd has no SFTP subsystem.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ScpClientTests
{
    [Fact]
    public async Task FilesAndTreesBothWaysWithPreserve()
    {
        using var keys = new TempDirectory();
        using var shared = SftpTestFiles.SharedDirectory();
        CancellationToken ct = TestTimeouts.LongToken();
        // The test sshd has no sftp subsystem unless asked: SCP is the only way.
        await using var server = await OpenSshServer.StartAsync();
        await using var ssh = await SshClient.ConnectAsync(ClientOptionsFactory.ForPassword(server.Port, keys), ct);
        var scp = new ScpClient(ssh);

        string hash = SftpTestFiles.CreateRandomFile(shared.File("one.bin"), 5_000_000, seed: 2);
        long sent = await scp.UploadAsync(shared.File("one.bin"), shared.Path + "/uploaded.bin", false, null, ct);
        Assert.Equal(5_000_000, sent);
        Assert.Equal(hash, SftpTestFiles.Sha256(shared.File("uploaded.bin")));

        string tree = shared.File("tree");
        Directory.CreateDirectory(Path.Combine(tree, "x", "y"));
        await File.WriteAllTextAsync(Path.Combine(tree, "x", "y", "z.txt"), "zzz", ct);
        File.SetUnixFileMode(Path.Combine(tree, "x", "y", "z.txt"), (UnixFileMode)0x1A0); // 0640
        var when = new DateTime(2018, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(Path.Combine(tree, "x", "y", "z.txt"), when);
        SftpTestFiles.MakeShared(shared.Path);
        var preserve = new FileTransferOptions { Preserve = true };
        await scp.UploadAsync(tree, shared.Path + "/remote-tree", true, preserve, ct);
        string remoteFile = Path.Combine(shared.Path, "remote-tree", "x", "y", "z.txt");
        Assert.Equal("zzz", await File.ReadAllTextAsync(remoteFile, ct));
        Assert.Equal((UnixFileMode)0x1A0, File.GetUnixFileMode(remoteFile));
        Assert.Equal(when, File.GetLastWriteTimeUtc(remoteFile));

        string back = shared.File("back");
        var progress = new List<FileTransferProgress>();
        long received = await scp.DownloadAsync(shared.Path + "/remote-tree", back, true, new FileTransferOptions { Preserve = true, Progress = progress.Add }, ct);
        Assert.Equal(3, received);
        Assert.Equal("zzz", await File.ReadAllTextAsync(Path.Combine(back, "x", "y", "z.txt"), ct));
        Assert.Equal(when, File.GetLastWriteTimeUtc(Path.Combine(back, "x", "y", "z.txt")));
        Assert.Contains(progress, p => p.BytesTransferred == 3);

        await scp.DownloadAsync(shared.Path + "/uploaded.bin", shared.File("down.bin"), false, null, ct);
        Assert.Equal(hash, SftpTestFiles.Sha256(shared.File("down.bin")));
    }

    [Fact]
    public async Task ErrorsAreTyped()
    {
        using var keys = new TempDirectory();
        using var shared = SftpTestFiles.SharedDirectory();
        CancellationToken ct = TestTimeouts.LongToken();
        await using var server = await OpenSshServer.StartAsync();
        await using var ssh = await SshClient.ConnectAsync(ClientOptionsFactory.ForPassword(server.Port, keys), ct);
        var scp = new ScpClient(ssh);
        var missing = await Assert.ThrowsAsync<ScpException>(() => scp.DownloadAsync(shared.Path + "/missing.bin", shared.File("m"), false, null, ct));
        Assert.Equal(FileTransferErrorKind.NoSuchFile, missing.Kind);
        await File.WriteAllTextAsync(shared.File("x.txt"), "x", ct);
        var denied = await Assert.ThrowsAsync<ScpException>(() => scp.UploadAsync(shared.File("x.txt"), "/root/x.txt", false, null, ct));
        Assert.Equal(FileTransferErrorKind.PermissionDenied, denied.Kind);
    }

    [Fact]
    public async Task AutoFallsBackToScpWithoutSftpSubsystem()
    {
        using var keys = new TempDirectory();
        using var shared = SftpTestFiles.SharedDirectory();
        CancellationToken ct = TestTimeouts.LongToken();
        await using var server = await OpenSshServer.StartAsync();
        await using var ssh = await SshClient.ConnectAsync(ClientOptionsFactory.ForPassword(server.Port, keys), ct);
        string hash = SftpTestFiles.CreateRandomFile(shared.File("f.bin"), 100_000);
        Directory.CreateDirectory(shared.File("dest"));
        SftpTestFiles.MakeShared(shared.File("dest"));
        FileTransferResult up = await SshFileTransfer.UploadAsync(ssh, shared.File("f.bin"), shared.File("dest"), false, null, FileTransferProtocol.Auto, ct);
        Assert.Equal(FileTransferProtocol.Scp, up.Protocol);
        Assert.Equal(hash, SftpTestFiles.Sha256(Path.Combine(shared.Path, "dest", "f.bin")));
        await Assert.ThrowsAsync<FileTransferUnavailableException>(() =>
            SshFileTransfer.UploadAsync(ssh, shared.File("f.bin"), shared.File("dest"), false, null, FileTransferProtocol.Sftp, ct));
    }
}
