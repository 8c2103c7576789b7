using Vty.Ssh.FileSystems;
using Vty.Ssh.Scp;
using Vty.Ssh.Server;
using Vty.Ssh.Sftp;
using Vty.Ssh.Sftp.Server;
using Vty.Ssh.Tests.Server.Support;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Sftp;

/// <summary>Our SFTP subsystem and SCP commands, driven by OpenSSH's real sftp and scp (both protocols) and by our own client.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SftpServerTests
{
    private static async Task<(TestServer Server, OpenSshFileTools Tools)> StartAsync(IServedFileSystem fileSystem, SftpServerOptions? sftpOptions = null, bool sftp = true)
    {
        TestServer server = await TestServer.StartAsync(options =>
        {
            if (sftp) options.Subsystems["sftp"] = SftpServer.Subsystem(_ => fileSystem, sftpOptions);
            options.SessionHandler = ScpServer.SessionHandler(_ => fileSystem, options.SessionHandler);
        });
        await File.WriteAllTextAsync(server.AuthorizedKeysPath, (await SshTestKeys.GetPublicLineAsync("ed25519")) + "\n");
        return (server, new OpenSshFileTools(server.Port, await SshTestKeys.GetAsync("ed25519"), server.KnownHostsPath, TestServer.User));
    }

    [Fact]
    public async Task OpenSshSftpClientAgainstDirectoryJail()
    {
        using var work = new TempDirectory();
        using var jail = new TempDirectory("vty-jail");
        Directory.CreateDirectory(Path.Combine(jail.Path, "home"));
        var (server, tools) = await StartAsync(new DiskJailFileSystem(jail.Path, "/home"));
        await using var _ = server;
        string hash = SftpTestFiles.CreateRandomFile(Path.Combine(work.Path, "local.bin"), 3_000_000, seed: 21);
        var result = await tools.SftpAsync("""
            pwd
            put local.bin
            mkdir sub
            rename local.bin sub/moved.bin
            chmod 600 sub/moved.bin
            symlink sub/moved.bin link
            ls -l
            ls -l sub
            get link back.bin
            df
            cd /
            ls
            get ../../../etc/passwd escaped
            """, work.Path);
        Assert.True(result.ExitCode != 0, "getting ../../../etc/passwd should have failed (it is outside the jail)");
        Assert.Contains("Remote working directory: /home", result.Output);
        Assert.Equal(hash, SftpTestFiles.Sha256(Path.Combine(jail.Path, "home", "sub", "moved.bin")));
        Assert.Equal(hash, SftpTestFiles.Sha256(Path.Combine(work.Path, "back.bin")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(jail.Path, "home", "sub", "moved.bin")));
        Assert.Equal("sub/moved.bin", new FileInfo(Path.Combine(jail.Path, "home", "link")).LinkTarget);
        Assert.Matches(@"-rw-------\s+1\s+\d+\s+\d+\s+3000000 \w{3} \d\d .+ moved.bin", result.Output);
        Assert.False(File.Exists(Path.Combine(work.Path, "escaped")));
        Assert.Contains("home", result.Output);
    }

    [Fact]
    public async Task OpenSshScpBothProtocolsAgainstInMemoryTree()
    {
        using var work = new TempDirectory();
        var memory = new InMemoryFileSystem(64 * 1024 * 1024, "/home/tester");
        var (server, tools) = await StartAsync(memory);
        await using var _ = server;
        string tree = Path.Combine(work.Path, "tree");
        Directory.CreateDirectory(Path.Combine(tree, "a", "b"));
        string hash = SftpTestFiles.CreateRandomFile(Path.Combine(tree, "a", "b", "data.bin"), 2_000_000, seed: 4);
        await File.WriteAllTextAsync(Path.Combine(tree, "top.txt"), "top");
        File.SetUnixFileMode(Path.Combine(tree, "top.txt"), (UnixFileMode)0x1C0); // 0700
        File.SetLastWriteTimeUtc(Path.Combine(tree, "top.txt"), new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc));
        CancellationToken ct = TestTimeouts.LongToken();

        foreach (string protocol in new[] { "-O", "-s" })
        {
            string remote = protocol == "-O" ? "legacy" : "sftp";
            var up = await tools.ScpAsync([protocol, "-r", "-p"], [tree, $":{remote}"], work.Path);
            Assert.True(up.ExitCode == 0, $"scp {protocol} upload: {up.Error}");
            ServedFileInfo top = await memory.GetInfoAsync($"/home/tester/{remote}/top.txt", true, ct);
            Assert.Equal((UnixFileMode)0x1C0, top.Mode);
            Assert.Equal(new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero), top.LastWriteTime);
            Assert.Equal(2_000_000, (await memory.GetInfoAsync($"/home/tester/{remote}/a/b/data.bin", true, ct)).Size);

            string back = Path.Combine(work.Path, "back" + remote);
            var down = await tools.ScpAsync([protocol, "-r", "-p"], [$":{remote}", back], work.Path);
            Assert.True(down.ExitCode == 0, $"scp {protocol} download: {down.Error}");
            Assert.Equal(hash, SftpTestFiles.Sha256(Path.Combine(back, "a", "b", "data.bin")));
            Assert.Equal((UnixFileMode)0x1C0, File.GetUnixFileMode(Path.Combine(back, "top.txt")));
            Assert.Equal(new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc), File.GetLastWriteTimeUtc(Path.Combine(back, "top.txt")));
        }

        var missing = await tools.ScpAsync(["-O"], [":nope.bin", Path.Combine(work.Path, "nope")], work.Path);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("No such file", missing.Error);
    }

    [Fact]
    public async Task OurClientAgainstOurServerLimitsAndFullDisk()
    {
        using var keys = new TempDirectory();
        using var work = new TempDirectory();
        var memory = new InMemoryFileSystem(1_000_000, "/home");
        var (server, _) = await StartAsync(memory, new SftpServerOptions { MaxOpenHandles = 3, MaxReadLength = 16 * 1024, MaxWriteLength = 16 * 1024 });
        await using var __ = server;
        CancellationToken ct = TestTimeouts.LongToken();
        await using var ssh = await SshClient.ConnectAsync(new SshClientOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            Username = TestServer.User,
            Password = TestServer.Password,
            KnownHostsPath = keys.File("known_hosts"),
        }, ct);
        await using SftpClient sftp = await SftpClient.OpenAsync(ssh, null, ct);
        Assert.Equal(16 * 1024, sftp.ChunkSize);
        Assert.Equal(3ul, sftp.Limits.MaxOpenHandles);
        Assert.Equal("/home", await sftp.GetFullPathAsync("", ct));

        var handles = new List<SftpHandle>();
        for (int i = 0; i < 3; i++)
            handles.Add(await sftp.OpenFileAsync($"f{i}", SftpOpenMode.Write | SftpOpenMode.Create, null, ct));
        var tooMany = await Assert.ThrowsAsync<SftpException>(() => sftp.OpenFileAsync("f3", SftpOpenMode.Write | SftpOpenMode.Create, null, ct));
        Assert.Contains("too many open handles", tooMany.Message);
        foreach (SftpHandle h in handles) await sftp.CloseAsync(h, ct);

        string hash = SftpTestFiles.CreateRandomFile(work.File("small.bin"), 500_000, seed: 8);
        await sftp.UploadFileAsync(work.File("small.bin"), "small.bin", null, ct);
        await sftp.DownloadFileAsync("small.bin", work.File("back.bin"), null, ct);
        Assert.Equal(hash, SftpTestFiles.Sha256(work.File("back.bin")));
        Assert.Equal(500_000, memory.UsedBytes);

        SftpTestFiles.CreateRandomFile(work.File("big.bin"), 700_000, seed: 9);
        var full = await Assert.ThrowsAsync<SftpNoSpaceException>(() => sftp.UploadFileAsync(work.File("big.bin"), "big.bin", null, ct));
        Assert.Contains("no space left", full.Message);
        SftpFileSystemInfo fs = await sftp.GetFileSystemInfoAsync("/", ct);
        Assert.True(fs.AvailableBytes < 500_000);

        await sftp.CreateHardLinkAsync("small.bin", "hard.bin", ct);
        await sftp.RemoveFileAsync("small.bin", ct);
        Assert.Equal(500_000, (await sftp.GetAttributesAsync("hard.bin", ct)).Size);
    }

    [Fact]
    public async Task ServerWithNeitherSftpNorScpIsATypedError()
    {
        using var keys = new TempDirectory();
        await using TestServer server = await TestServer.StartAsync(options =>
            options.SessionHandler = async (session, ct) =>
            {
                await session.StandardError.WriteAsync("sh: scp: not found\n"u8.ToArray(), ct);
                return 127;
            });
        CancellationToken ct = TestTimeouts.LongToken();
        await using var ssh = await SshClient.ConnectAsync(new SshClientOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            Username = TestServer.User,
            Password = TestServer.Password,
            KnownHostsPath = keys.File("known_hosts"),
        }, ct);
        using var work = new TempDirectory();
        await File.WriteAllTextAsync(work.File("x.txt"), "x", ct);
        var error = await Assert.ThrowsAsync<Vty.Ssh.FileTransfer.FileTransferUnavailableException>(() =>
            Vty.Ssh.FileTransfer.SshFileTransfer.UploadAsync(ssh, work.File("x.txt"), "x.txt", false, null, Vty.Ssh.FileTransfer.FileTransferProtocol.Auto, ct));
        Assert.Contains("scp: not found", error.Message);
    }
}
