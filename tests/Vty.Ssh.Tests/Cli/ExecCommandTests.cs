using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Cli;

/// <summary>The <c>vty exec</c> command, run as a real process against sshd.</summary>
public sealed class ExecCommandTests
{
    // tests/Vty.Ssh.Tests/bin/CONFIG/net10.0 -> src/Vty.Cli/bin/CONFIG/net10.0/Vty.Cli.dll (the `vty` command)
    private static readonly string VtyDll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..",
        "src", "Vty.Cli", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Vty.Cli.dll"));

    private static Task<(int ExitCode, string StandardOutput, string StandardError, string Output)> VtyAsync(
        IDictionary<string, string> environment, params string[] args) =>
        ManagedProcess.RunCapturedAsync("dotnet", [VtyDll, .. args], environment, TimeSpan.FromSeconds(60));

    private static Dictionary<string, string> PasswordEnvironment() => new() { ["VTY_PASSWORD"] = SshTestUser.Password };

    [Fact]
    public async Task PassesThroughOutputAndExitStatus()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync();
        var (code, stdout, stderr, output) = await VtyAsync(PasswordEnvironment(), "exec", $"ssh://{SshTestUser.Name}@127.0.0.1:{server.Port}",
            "-o", $"UserKnownHostsFile={dir.File("known_hosts")}", "--", "echo", "to-stdout;", "echo", "to-stderr", "1>&2;", "exit", "42");
        Assert.True(code == 42, output);
        Assert.Equal("to-stdout\n", stdout);
        // The new host key is announced on stderr first, in OpenSSH's words.
        Assert.Equal($"Warning: Permanently added '[127.0.0.1]:{server.Port}' (ED25519) to the list of known hosts.\nto-stderr\n", stderr);
        // Hashed or not, as the machine's ssh_config (HashKnownHosts) says.
        Assert.Single(Vty.Ssh.KnownHosts.KnownHostsFile.Load(dir.File("known_hosts")).HostKeys("127.0.0.1", server.Port));
    }

    [Fact]
    public async Task KeyFileAndAlgorithmOptions()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string>
            { ["PasswordAuthentication"] = "no", ["Ciphers"] = "aes256-cbc,aes128-ctr" }, authorizedKeys: ["ed25519-encrypted"]);
        var env = new Dictionary<string, string> { ["VTY_KEY_PASSPHRASE"] = SshTestKeys.Passphrase };
        var (code, stdout, _, output) = await VtyAsync(env, "exec", $"ssh://{SshTestUser.Name}@127.0.0.1", "-o", $"Port={server.Port}",
            "-i", await SshTestKeys.GetAsync("ed25519-encrypted"), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-o", "Ciphers=+aes256-cbc", "-o", "ConnectTimeout=20", "-o", "ServerAliveInterval=5", "--", "echo key-ok");
        Assert.True(code == 0, output);
        Assert.Equal("key-ok\n", stdout);
    }

    [Fact]
    public async Task AuthenticationFailureIsOneLineAnd255()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync();
        var env = new Dictionary<string, string> { ["VTY_PASSWORD"] = "wrong" };
        var (code, stdout, stderr, _) = await VtyAsync(env, "exec", $"ssh://{SshTestUser.Name}@127.0.0.1:{server.Port}",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "--", "true");
        Assert.Equal(255, code);
        Assert.Equal("", stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("vty: authentication failed", line);
    }

    [Fact]
    public async Task NegotiationFailureNamesTheLegacySwitch()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["KexAlgorithms"] = "diffie-hellman-group1-sha1" });
        var (code, _, stderr, _) = await VtyAsync(PasswordEnvironment(), "exec", $"ssh://{SshTestUser.Name}@127.0.0.1:{server.Port}",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "--", "true");
        Assert.Equal(255, code);
        Assert.Contains("no matching key exchange algorithm", stderr);
        Assert.Contains("-o KexAlgorithms=+diffie-hellman-group1-sha1", stderr);
        var (legacyCode, stdout, _, output) = await VtyAsync(PasswordEnvironment(), "exec", $"ssh://{SshTestUser.Name}@127.0.0.1:{server.Port}",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "--legacy", "--", "echo legacy-ok");
        Assert.True(legacyCode == 0, output);
        Assert.Equal("legacy-ok\n", stdout);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task KnownHostsAndItsFolderAreCreatedPrivateUnderUmask000()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync();
        string knownHosts = Path.Combine(dir.Path, "new", "ssh", "known_hosts");
        string command = "umask 000 && exec dotnet \"$0\" \"$@\"";
        var (code, stdout, stderr, output) = await ManagedProcess.RunCapturedAsync("sh",
            ["-c", command, VtyDll, "exec", $"ssh://{SshTestUser.Name}@127.0.0.1:{server.Port}",
                "-o", $"UserKnownHostsFile={knownHosts}", "-o", "HashKnownHosts=no", "--", "true"], PasswordEnvironment(), TimeSpan.FromSeconds(60));
        Assert.True(code == 0, output);
        Assert.StartsWith("Warning: Permanently added", stderr);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(knownHosts));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(knownHosts)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(dir.Path, "new")));
        Assert.Contains("127.0.0.1", await File.ReadAllTextAsync(knownHosts));
    }

    [Fact]
    public async Task ChangedKeyUnderNoWarnsLoudlyAndSendsNoPassword()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(hostKeys: ["ed25519"]);
        using var impostor = Vty.Ssh.Keys.SshPrivateKey.Generate("ssh-ed25519");
        await File.WriteAllTextAsync(dir.File("known_hosts"), $"[127.0.0.1]:{server.Port} {impostor.PublicKey.ToOpenSshLine()}\n");
        var (code, stdout, stderr, _) = await VtyAsync(PasswordEnvironment(), "exec", $"ssh://{SshTestUser.Name}@127.0.0.1:{server.Port}",
            "-o", "StrictHostKeyChecking=no", "-o", $"UserKnownHostsFile={dir.File("known_hosts")}", "--", "true");
        Assert.Equal(255, code);
        Assert.Equal("", stdout);
        Assert.Contains("WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!", stderr);
        Assert.Contains("vty: authentication failed", stderr);
        Assert.Contains("not attempted", stderr);
        Assert.DoesNotContain("Failed password", server.Log);
        Assert.DoesNotContain("Accepted password", server.Log);
    }

    [Fact]
    public async Task ConnectionRefusedIs255()
    {
        int port = FreePort.Next();
        var (code, _, stderr, _) = await VtyAsync(PasswordEnvironment(), "exec", $"ssh://{SshTestUser.Name}@127.0.0.1:{port}", "--", "true");
        Assert.Equal(255, code);
        Assert.StartsWith("vty: cannot connect to 127.0.0.1", stderr);
        Assert.Contains("-o Port=N", stderr);
    }
}
