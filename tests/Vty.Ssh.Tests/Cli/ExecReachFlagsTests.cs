using Vty.Ssh.KnownHosts;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Cli;

/// <summary>
/// <c>vty exec</c> as a real process: -t, the agent from SSH_AUTH_SOCK and IdentityAgent, CertificateFile,
/// HashKnownHosts, GlobalKnownHostsFile and several UserKnownHostsFile entries, against real sshd.
/// </summary>
public sealed class ExecReachFlagsTests
{
    private static readonly string VtyDll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..",
        "src", "Vty.Cli", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Vty.Cli.dll"));

    private static Task<(int ExitCode, string StandardOutput, string StandardError, string Output)> VtyAsync(
        Dictionary<string, string>? environment, params string[] args)
    {
        environment ??= new Dictionary<string, string> { ["VTY_PASSWORD"] = SshTestUser.Password };
        environment.TryAdd("SSH_AUTH_SOCK", "");
        return ManagedProcess.RunCapturedAsync("dotnet", [VtyDll, .. args], environment, TimeSpan.FromSeconds(90));
    }

    private static string[] Target(OpenSshServer server) =>
        ["-F", "none", "-l", SshTestUser.Name, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "127.0.0.1"];

    [Fact]
    public async Task T_runs_the_command_on_a_pseudo_terminal_and_without_it_there_is_none()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync();
        string[] known = ["-o", $"UserKnownHostsFile={dir.File("known_hosts")}"];
        var (code, stdout, _, output) = await VtyAsync(null, ["exec", "-t", .. known, .. Target(server), "--", "tty"]);
        Assert.True(code == 0, output);
        Assert.StartsWith("/dev/pts/", stdout);
        (code, stdout, _, output) = await VtyAsync(null, ["exec", "-o", "RequestTTY=yes", .. known, .. Target(server), "--", "tty"]);
        Assert.True(code == 0, output);
        Assert.StartsWith("/dev/pts/", stdout);
        (code, stdout, _, _) = await VtyAsync(null, ["exec", .. known, .. Target(server), "--", "tty"]);
        Assert.Equal(1, code);
        Assert.Contains("not a tty", stdout);
        (code, _, string stderr, _) = await VtyAsync(null, ["exec", "-t", "-T", .. known, .. Target(server), "--", "tty"]);
        Assert.Equal(2, code);
        Assert.Contains("-t and -T", stderr);
    }

    [Fact]
    public async Task The_agent_from_SSH_AUTH_SOCK_logs_in_unless_IdentityAgent_is_none()
    {
        using var dir = new TempDirectory();
        await using SshAgentProcess agent = await SshAgentProcess.StartAsync();
        await agent.AddAsync(await SshTestKeys.GetAsync("ecdsa256"));
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["PasswordAuthentication"] = "no" }, authorizedKeys: ["ecdsa256"]);
        var environment = new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = agent.SocketPath };
        string[] known = ["-o", $"UserKnownHostsFile={dir.File("known_hosts")}"];
        var (code, stdout, _, output) = await VtyAsync(environment, ["exec", .. known, .. Target(server), "--", "echo from-agent"]);
        Assert.True(code == 0, output);
        Assert.Equal("from-agent\n", stdout);
        (code, _, string stderr, _) = await VtyAsync(new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = agent.SocketPath },
            ["exec", "-o", "IdentityAgent=none", .. known, .. Target(server), "--", "true"]);
        Assert.Equal(255, code);
        Assert.Contains("authentication failed", stderr);
    }

    [Fact]
    public async Task CertificateFile_on_the_command_line_logs_in_where_only_the_CA_is_trusted()
    {
        using var dir = new TempDirectory();
        using SshCertificateAuthority ca = await SshCertificateAuthority.CreateAsync();
        string key = await SshTestKeys.GetAsync("ed25519");
        string certificate = await ca.SignAsync(key + ".pub", SshTestUser.Name, copyTo: dir.File("certs"));
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string>
        {
            ["PasswordAuthentication"] = "no",
            ["TrustedUserCAKeys"] = ca.PublicKeyPath,
        }, authorizedKeys: []);
        var (code, stdout, _, output) = await VtyAsync(null, ["exec", "-i", key, "-o", $"CertificateFile={certificate}",
            "-o", $"UserKnownHostsFile={dir.File("known_hosts")}", .. Target(server), "--", "echo certified"]);
        Assert.True(code == 0, output);
        Assert.Equal("certified\n", stdout);
        Assert.Contains("ED25519-CERT", server.Log);
    }

    [Fact]
    public async Task HashKnownHosts_writes_a_hashed_entry_that_the_next_strict_connection_trusts()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(hostKeys: ["ed25519"]);
        string knownHosts = dir.File("known_hosts");
        var (code, _, _, output) = await VtyAsync(null, ["exec", "-o", "HashKnownHosts=yes", "-o", $"UserKnownHostsFile={knownHosts}",
            .. Target(server), "--", "true"]);
        Assert.True(code == 0, output);
        string line = (await File.ReadAllTextAsync(knownHosts)).Trim();
        Assert.StartsWith("|1|", line);
        Assert.DoesNotContain("127.0.0.1", line);
        // ssh-keygen -F finds the host in our hashed entry, as OpenSSH hashes it.
        var (found, keygen) = await ManagedProcess.RunAsync("ssh-keygen", ["-F", $"[127.0.0.1]:{server.Port}", "-f", knownHosts]);
        Assert.True(found == 0, keygen);
        (code, _, _, output) = await VtyAsync(null, ["exec", "-o", "StrictHostKeyChecking=yes", "-o", $"UserKnownHostsFile={knownHosts}",
            .. Target(server), "--", "true"]);
        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task Keys_in_GlobalKnownHostsFile_or_a_second_UserKnownHostsFile_are_trusted_and_not_copied()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(hostKeys: ["ed25519"]);
        string entry = $"[127.0.0.1]:{server.Port} {await SshTestKeys.GetPublicLineAsync("ed25519")}\n";
        await File.WriteAllTextAsync(dir.File("global"), entry);
        await File.WriteAllTextAsync(dir.File("second"), entry);
        string user = dir.File("user_known_hosts");

        var (code, _, _, output) = await VtyAsync(null, ["exec", "-o", "StrictHostKeyChecking=yes", "-o", $"UserKnownHostsFile={user}",
            "-o", $"GlobalKnownHostsFile={dir.File("global")}", .. Target(server), "--", "true"]);
        Assert.True(code == 0, output);
        (code, _, _, output) = await VtyAsync(null, ["exec", "-o", "StrictHostKeyChecking=yes", "-o", $"UserKnownHostsFile={user} {dir.File("second")}",
            "-o", "GlobalKnownHostsFile=none", .. Target(server), "--", "true"]);
        Assert.True(code == 0, output);
        Assert.False(File.Exists(user));

        // Without them the strict check refuses: the files above are what made it pass.
        (code, _, string stderr, _) = await VtyAsync(null, ["exec", "-o", "StrictHostKeyChecking=yes", "-o", $"UserKnownHostsFile={user}",
            "-o", "GlobalKnownHostsFile=none", .. Target(server), "--", "true"]);
        Assert.Equal(255, code);
        Assert.Contains("strict host key checking", stderr);
        Assert.Empty(KnownHostsFile.Load(user).Entries);
    }
}
