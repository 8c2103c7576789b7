using System.Net.Sockets;
using System.Text;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Cli;

/// <summary><c>vty exec</c> with ssh's flags and ssh_config, as a real process against real sshd instances.</summary>
public sealed class ExecOpenSshFlagsTests
{
    private static readonly string VtyDll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..",
        "src", "Vty.Cli", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Vty.Cli.dll"));

    private static Task<(int ExitCode, string StandardOutput, string StandardError, string Output)> VtyAsync(params string[] args) =>
        ManagedProcess.RunCapturedAsync("dotnet", [VtyDll, .. args], new Dictionary<string, string> { ["VTY_PASSWORD"] = SshTestUser.Password },
            TimeSpan.FromSeconds(90));

    private static async Task<string> ConfigAsync(TempDirectory dir, string text)
    {
        string file = dir.File("ssh_config");
        await File.WriteAllTextAsync(file, text + $"\nHost *\n  UserKnownHostsFile {dir.File("known_hosts")}\n  StrictHostKeyChecking accept-new\n");
        return file;
    }

    [Fact]
    public async Task An_alias_from_F_config_with_key_and_user_runs_the_command()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["PasswordAuthentication"] = "no" }, authorizedKeys: ["ecdsa256"]);
        string config = await ConfigAsync(dir, $"""
            Host my-router
              HostName 127.0.0.1
              Port {server.Port}
              User {SshTestUser.Name}
              IdentityFile {await SshTestKeys.GetAsync("ecdsa256")}
            """);
        var (code, stdout, _, output) = await VtyAsync("exec", "-F", config, "my-router", "--", "echo alias-ok");
        Assert.True(code == 0, output);
        Assert.Equal("alias-ok\n", stdout);
    }

    [Fact]
    public async Task Short_flags_l_p_i_and_o_work_like_ssh()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["PasswordAuthentication"] = "no" }, authorizedKeys: ["ed25519"]);
        var (code, stdout, _, output) = await VtyAsync("exec", "-F", "none", "-l", SshTestUser.Name, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-i", await SshTestKeys.GetAsync("ed25519"), "-o", "StrictHostKeyChecking=no", "-o", "KexAlgorithms=mlkem768x25519-sha256,curve25519-sha256",
            "127.0.0.1", "--", "echo flags-ok");
        Assert.True(code == 0, output);
        Assert.Equal("flags-ok\n", stdout);
    }

    [Fact]
    public async Task J_reaches_the_target_through_a_bastion()
    {
        using var dir = new TempDirectory();
        await using var bastion = await OpenSshServer.StartAsync();
        await using var target = await OpenSshServer.StartAsync();
        string config = await ConfigAsync(dir, "");
        var (code, stdout, _, output) = await VtyAsync("exec", "-F", config, "-J", $"{SshTestUser.Name}@127.0.0.1:{bastion.Port}",
            $"ssh://{SshTestUser.Name}@127.0.0.1:{target.Port}", "--", "echo jumped");
        Assert.True(code == 0, output);
        Assert.Equal("jumped\n", stdout);
        Assert.Contains("Accepted password", bastion.Log);
        Assert.Contains("Accepted password", target.Log);
    }

    [Fact]
    public async Task L_forwards_a_local_port_while_the_command_runs()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync();
        string config = await ConfigAsync(dir, "");
        int local = FreePort.Next();
        await using ManagedProcess vty = ManagedProcess.Start("dotnet", [VtyDll, "exec", "-F", config, "-L", $"{local}:127.0.0.1:{server.Port}",
            $"ssh://{SshTestUser.Name}@127.0.0.1:{server.Port}", "--", "sleep 20"], environment: new Dictionary<string, string> { ["VTY_PASSWORD"] = SshTestUser.Password });
        // Through the tunnel, the sshd greets with its identification line.
        string banner = "";
        for (int attempt = 0; attempt < 60 && !banner.StartsWith("SSH-2.0-", StringComparison.Ordinal); attempt++)
        {
            try
            {
                using var tcp = new TcpClient();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await tcp.ConnectAsync("127.0.0.1", local, cts.Token);
                byte[] buffer = new byte[64];
                int n = await tcp.GetStream().ReadAsync(buffer, cts.Token);
                banner = Encoding.ASCII.GetString(buffer, 0, n);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
            {
                await Task.Delay(500);
            }
        }
        Assert.True(banner.StartsWith("SSH-2.0-OpenSSH", StringComparison.Ordinal), $"no SSH banner through -L: '{banner}' {vty.Output}");
    }

    [Theory]
    [InlineData("-x")]
    [InlineData("--bogus")]
    public async Task An_unknown_flag_is_a_usage_error_never_a_host(string flag)
    {
        var (code, stdout, stderr, _) = await VtyAsync("exec", flag, "somehost", "--", "true");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(flag, stderr);
        Assert.DoesNotContain("cannot connect", stderr);
        Assert.DoesNotContain("resolve", stderr);
    }

    [Fact]
    public async Task An_unknown_algorithm_is_refused_before_connecting()
    {
        int port = FreePort.Next();   // nothing listens: a connection attempt would say "cannot connect"
        var (code, _, stderr, _) = await VtyAsync("exec", "-F", "none", "-o", "KexAlgorithms=+kyber-sha3-nonsense", $"127.0.0.1:{port}", "--", "true");
        Assert.Equal(255, code);
        Assert.Contains("KexAlgorithms: 'kyber-sha3-nonsense' is not an algorithm Vty implements", stderr);
        Assert.DoesNotContain("cannot connect", stderr);
    }

    [Fact]
    public async Task An_unsupported_match_criterion_names_file_and_line()
    {
        using var dir = new TempDirectory();
        string config = dir.File("cfg");
        await File.WriteAllTextAsync(config, "Host x\n  User y\nMatch exec \"true\"\n  Port 1\n");
        var (code, _, stderr, _) = await VtyAsync("exec", "-F", config, "x", "--", "true");
        Assert.Equal(255, code);
        Assert.Contains($"{config} line 3", stderr);
        Assert.Contains("'exec' is not supported", stderr);
    }
}
