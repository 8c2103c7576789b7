using Vty.Ssh.Tests.Sftp;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Cli;

/// <summary>The <c>vty cp</c> command, run as a real process against sshd (SFTP, and SCP with --scp).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CpCommandTests
{
    private static readonly string VtyDll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..",
        "src", "Vty.Cli", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Vty.Cli.dll"));

    private static Task<(int ExitCode, string StandardOutput, string StandardError, string Output)> VtyAsync(params string[] args) =>
        ManagedProcess.RunCapturedAsync("dotnet", [VtyDll, .. args], new Dictionary<string, string> { ["VTY_PASSWORD"] = SshTestUser.Password }, TimeSpan.FromSeconds(90));

    [Fact]
    public async Task UploadsAndDownloadsFilesAndTreesWithScpStyleOperandsAndUrls()
    {
        using var keys = new TempDirectory();
        using var shared = SftpTestFiles.SharedDirectory();
        await using var server = await SftpServers.OpenSshAsync();
        string known = "UserKnownHostsFile=" + keys.File("known_hosts");
        string hash = SftpTestFiles.CreateRandomFile(shared.File("a.bin"), 3_000_000, seed: 31);
        string remote = $"{SshTestUser.Name}@127.0.0.1";

        var up = await VtyAsync("cp", "-o", $"Port={server.Port}", "-o", known, shared.File("a.bin"), $"{remote}:{shared.Path}/up.bin");
        Assert.True(up.ExitCode == 0, up.Output);
        Assert.Equal(hash, SftpTestFiles.Sha256(shared.File("up.bin")));

        Directory.CreateDirectory(shared.File("down"));
        var down = await VtyAsync("cp", "-o", known, $"ssh://{remote}:{server.Port}{shared.Path}/up.bin", shared.File("down"));
        Assert.True(down.ExitCode == 0, down.Output);
        Assert.Equal(hash, SftpTestFiles.Sha256(Path.Combine(shared.Path, "down", "up.bin")));

        Directory.CreateDirectory(shared.File("tree/sub"));
        await File.WriteAllTextAsync(shared.File("tree/sub/x.txt"), "x");
        SftpTestFiles.MakeShared(shared.Path);
        var tree = await VtyAsync("cp", "-r", "--scp", "-o", $"Port={server.Port}", "-o", known, shared.File("tree"), $"{remote}:{shared.Path}/tree-copy");
        Assert.True(tree.ExitCode == 0, tree.Output);
        Assert.Equal("x", await File.ReadAllTextAsync(shared.File("tree-copy/sub/x.txt")));

        var missing = await VtyAsync("cp", "-o", $"Port={server.Port}", "-o", known, $"{remote}:{shared.Path}/nope.bin", shared.File("nope.bin"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no such file", missing.StandardError);

        var bad = await VtyAsync("cp", shared.File("a.bin"), shared.File("b.bin"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("local-to-local", bad.StandardError);
    }

    [Fact]
    public async Task AnSshConfigAliasIsAnOperandAndVerifyReadsTheCopyBack()
    {
        using var keys = new TempDirectory();
        using var shared = SftpTestFiles.SharedDirectory();
        await using var server = await SftpServers.OpenSshAsync();
        string hash = SftpTestFiles.CreateRandomFile(shared.File("a.bin"), 500_000, seed: 32);
        // The alias alone names the address, port, user and known_hosts file, as ssh_config does for scp.
        string config = keys.File("ssh_config");
        await File.WriteAllTextAsync(config, $"""
            Host labbox
              HostName 127.0.0.1
              Port {server.Port}
              User {SshTestUser.Name}
              UserKnownHostsFile {keys.File("known_hosts")}
              StrictHostKeyChecking accept-new
            """);

        var up = await VtyAsync("cp", "-F", config, "--verify", shared.File("a.bin"), $"labbox:{shared.Path}/up.bin");
        Assert.True(up.ExitCode == 0, up.Output);
        Assert.Equal(hash, SftpTestFiles.Sha256(shared.File("up.bin")));

        Directory.CreateDirectory(shared.File("down"));
        var down = await VtyAsync("cp", "-F", config, "--verify", $"labbox:{shared.Path}/up.bin", shared.File("down"));
        Assert.True(down.ExitCode == 0, down.Output);
        Assert.Equal(hash, SftpTestFiles.Sha256(shared.File("down/up.bin")));

        var tree = await VtyAsync("cp", "-F", config, "--verify", "-r", shared.File("down"), $"labbox:{shared.Path}/tree");
        Assert.Equal(2, tree.ExitCode);
        Assert.Contains("--verify checks files, not trees", tree.StandardError);
    }

    [Fact]
    public async Task VerifyAfterAnScpUploadIntoADirectoryHashesTheFileInIt()
    {
        using var keys = new TempDirectory();
        using var shared = SftpTestFiles.SharedDirectory();
        await using var server = await SftpServers.OpenSshAsync();
        string known = "UserKnownHostsFile=" + keys.File("known_hosts");
        string hash = SftpTestFiles.CreateRandomFile(shared.File("a.bin"), 700_000, seed: 33);
        Directory.CreateDirectory(shared.File("into"));
        Directory.CreateDirectory(shared.File("bare"));
        SftpTestFiles.MakeShared(shared.File("into"));
        SftpTestFiles.MakeShared(shared.File("bare"));
        string remote = $"{SshTestUser.Name}@127.0.0.1";

        // DIR/ (surely a directory) and DIR (a directory named like a file): both land as DIR/a.bin, and verify reads that file.
        var slash = await VtyAsync("cp", "--scp", "--verify", "-o", $"Port={server.Port}", "-o", known, shared.File("a.bin"), $"{remote}:{shared.Path}/into/");
        Assert.True(slash.ExitCode == 0, slash.Output);
        Assert.Equal(hash, SftpTestFiles.Sha256(shared.File("into/a.bin")));
        var bare = await VtyAsync("cp", "--scp", "--verify", "-o", $"Port={server.Port}", "-o", known, shared.File("a.bin"), $"{remote}:{shared.Path}/bare");
        Assert.True(bare.ExitCode == 0, bare.Output);
        Assert.Equal(hash, SftpTestFiles.Sha256(shared.File("bare/a.bin")));
    }
}
