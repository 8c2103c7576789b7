using Vty.Ssh.Tests.Server.Support;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Server.Interop;

/// <summary>The real OpenSSH client (ssh 9.2) against our server: every default algorithm, auth methods, exec, pty shell, known_hosts.</summary>
public sealed class OpenSshClientInteropTests(OpenSshServerFixture fixture) : IClassFixture<OpenSshServerFixture>
{
    private TestServer Server => fixture.Server;

    public static TheoryData<string> Kex => new()
    {
        // OpenSSH 9.2 knows the NTRU Prime hybrid only by its @openssh.com name (and no ML-KEM yet).
        "sntrup761x25519-sha512@openssh.com",
        "curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
        "diffie-hellman-group-exchange-sha256", "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512",
        "diffie-hellman-group14-sha256",
        // legacy, enabled on this server
        "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1", "diffie-hellman-group1-sha1",
    };

    public static TheoryData<string> HostKeys => new() { "ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa" };

    public static TheoryData<string> Ciphers => new()
    {
        "chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr",
        "aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc",
    };

    public static TheoryData<string> Macs => new()
    {
        "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha1-etm@openssh.com",
        "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1", "hmac-sha1-96", "hmac-md5",
    };

    private async Task<OpenSshClient> AssertEchoAsync(string knownHosts, params string[] options)
    {
        var ssh = new OpenSshClient { Port = Server.Port, KnownHostsPath = knownHosts, User = TestServer.User, Password = TestServer.Password };
        ssh.Options.AddRange(options);
        OpenSshResult result = await ssh.RunAsync("echo interop ok");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("interop ok\n", result.StandardOutput);
        return ssh;
    }

    private Task AssertEchoAsync(params string[] options) => AssertEchoAsync("/dev/null", options);

    [Theory]
    [MemberData(nameof(Kex))]
    public Task Every_kex(string kex) => AssertEchoAsync("KexAlgorithms=" + kex);

    [Theory]
    [MemberData(nameof(HostKeys))]
    public async Task Every_host_key(string hostKey)
    {
        using var dir = new TempDirectory();
        await AssertEchoAsync(dir.File("known_hosts"), "HostKeyAlgorithms=" + hostKey);
        // ssh recorded exactly the host key of that type.
        string keyType = hostKey.StartsWith("rsa-sha2-", StringComparison.Ordinal) ? "ssh-rsa" : hostKey;
        string recorded = (await File.ReadAllTextAsync(dir.File("known_hosts"))).Trim();
        string expected = Server.HostKeys.Single(k => k.KeyType == keyType).PublicKey.ToOpenSshLine();
        Assert.EndsWith(expected, recorded);
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public Task Every_cipher(string cipher) => AssertEchoAsync("Ciphers=" + cipher, "MACs=hmac-sha2-256-etm@openssh.com,hmac-sha2-256,hmac-sha1");

    [Theory]
    [MemberData(nameof(Macs))]
    public Task Every_mac(string mac) => AssertEchoAsync("Ciphers=aes128-ctr", "MACs=" + mac);

    [Fact]
    public async Task Strict_kex_and_server_sig_algs_are_negotiated_with_openssh()
    {
        OpenSshResult result = await Server.OpenSsh().RunAsync("echo hi", verbose: true);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("kex-strict-s-v00@openssh.com", result.StandardError);
        Assert.Contains("will use strict KEX ordering", result.StandardError);
        Assert.Contains("server-sig-algs=<ssh-ed25519", result.StandardError);
    }

    [Fact]
    public async Task The_banner_is_shown_before_authentication()
    {
        await using TestServer server = await TestServer.StartAsync(o => o.Banner = "Authorized access only\n");
        OpenSshClient ssh = server.OpenSsh();
        ssh.Options.Add("LogLevel=INFO");
        OpenSshResult result = await ssh.RunAsync("echo hi");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Authorized access only", result.StandardError);
    }

    [Fact]
    public async Task Exec_returns_stdout_stderr_and_exit_status_separately()
    {
        OpenSshResult echo = await Server.OpenSsh().RunAsync("echo to stdout");
        Assert.Equal((0, "to stdout\n", ""), (echo.ExitCode, echo.StandardOutput, echo.StandardError));
        OpenSshResult error = await Server.OpenSsh().RunAsync("stderr to stderr");
        Assert.Equal((0, "", "to stderr\n"), (error.ExitCode, error.StandardOutput, error.StandardError));
        OpenSshResult status = await Server.OpenSsh().RunAsync("exit 42");
        Assert.Equal(42, status.ExitCode);
        OpenSshResult cat = await Server.OpenSsh().RunAsync("cat", stdin: "line one\nline two\n");
        Assert.Equal("line one\nline two\n", cat.StandardOutput);
    }

    [Fact]
    public async Task Wrong_password_is_refused()
    {
        OpenSshResult result = await Server.OpenSsh(password: "not-the-password").RunAsync("echo in");
        // sshpass exits 5 when the password is asked again, ssh 255 when it gives up.
        Assert.Contains(result.ExitCode, new[] { 5, 255 });
        Assert.Equal("", result.StandardOutput);
        await Server.Log.WaitForAsync(TimeSpan.FromSeconds(5), "failed password authentication for tester");
    }

    [Fact]
    public async Task Keyboard_interactive_login_works()
    {
        OpenSshClient ssh = Server.OpenSsh();
        ssh.Options.Add("PreferredAuthentications=keyboard-interactive");
        OpenSshResult result = await ssh.RunAsync("whoami");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("tester\n", result.StandardOutput);
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa256")]
    [InlineData("rsa")]
    public async Task Public_key_login_uses_authorized_keys(string keyName)
    {
        string key = await SshTestKeys.GetAsync(keyName);
        await File.WriteAllTextAsync(Server.AuthorizedKeysPath,
            $"# test keys\nno-pty,from=\"127.0.0.1\" {await SshTestKeys.GetPublicLineAsync(keyName)}\n");
        OpenSshResult result = await Server.OpenSsh(identityFile: key).RunAsync("whoami");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("tester\n", result.StandardOutput);

        // A key that is not listed is refused.
        await File.WriteAllTextAsync(Server.AuthorizedKeysPath, "");
        OpenSshResult refused = await Server.OpenSsh(identityFile: key).RunAsync("whoami");
        Assert.Equal(255, refused.ExitCode);
        Assert.Contains("Permission denied", refused.StandardError);
    }

    [Fact]
    public async Task Interactive_shell_with_a_pty()
    {
        OpenSshClient ssh = Server.OpenSsh();
        OpenSshResult result = await ssh.RunAsync(null, stdin: "hello\nexit\n", tty: true);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("terminal ", result.StandardOutput);
        Assert.Contains("you said: hello", result.StandardOutput);
        Assert.Contains("bye", result.StandardOutput);
    }

    [Fact]
    public async Task Known_hosts_holds_our_host_key_fingerprint()
    {
        using var dir = new TempDirectory();
        var ssh = new OpenSshClient { Port = Server.Port, KnownHostsPath = dir.File("known_hosts"), Password = TestServer.Password, User = TestServer.User };
        ssh.Options.Add("HostKeyAlgorithms=ssh-ed25519");
        OpenSshResult result = await ssh.RunAsync("echo hi");
        Assert.True(result.ExitCode == 0, result.ToString());

        string listing = await ManagedProcess.RunCheckedAsync("ssh-keygen", "-l", "-f", dir.File("known_hosts"));
        string expected = Server.HostKeys.Single(k => k.KeyType == "ssh-ed25519").PublicKey.Sha256Fingerprint;
        Assert.Contains(expected, listing);
        Assert.Contains($"[127.0.0.1]:{Server.Port}", listing);

        // A second connection with strict checking succeeds against the recorded key.
        ssh.Options.Add("StrictHostKeyChecking=yes");
        Assert.Equal(0, (await ssh.RunAsync("echo again")).ExitCode);
    }
}
