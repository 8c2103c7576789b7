using System.Text;
using Vty.Ssh.Config;
using Vty.Ssh.Keys;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Reach;

/// <summary>
/// User certificates made by the real ssh-keygen -s, presented by our client to a real sshd that trusts
/// only the CA (TrustedUserCAKeys, empty authorized_keys): from the options, from KEY-cert.pub and
/// CertificateFile through ssh_config, and from a real ssh-agent.
/// </summary>
public sealed class UserCertificateTests
{
    private static async Task<OpenSshServer> StartSshdAsync(SshCertificateAuthority ca, string? acceptedAlgorithms = null)
    {
        var settings = new Dictionary<string, string> { ["PasswordAuthentication"] = "no", ["TrustedUserCAKeys"] = ca.PublicKeyPath };
        if (acceptedAlgorithms != null) settings["PubkeyAcceptedAlgorithms"] = acceptedAlgorithms;
        return await OpenSshServer.StartAsync(settings, authorizedKeys: []);
    }

    private static SshClientOptions KeyOptions(int port, TempDirectory dir, string keyFile, string? certificateFile)
    {
        SshClientOptions options = ReachOptions.Password(port, dir);
        options.Password = null;
        options.PrivateKeys = [SshPrivateKey.FromFile(keyFile)];
        if (certificateFile != null) options.Certificates = [SshPublicKey.ParseOpenSshLine(File.ReadAllText(certificateFile))];
        return options;
    }

    [Theory]
    [InlineData("ed25519", null, "ED25519-CERT")]
    [InlineData("ecdsa256", null, "ECDSA-CERT")]
    [InlineData("rsa", null, "RSA-CERT")]
    [InlineData("rsa", "rsa-sha2-256-cert-v01@openssh.com", "RSA-CERT")]
    public async Task A_certificate_from_the_trusted_CA_logs_in_and_the_bare_key_does_not(string keyName, string? serverAlgorithms, string logged)
    {
        CancellationToken ct = TestTimeouts.LongToken();
        using var dir = new TempDirectory("vty-usercert");
        using SshCertificateAuthority ca = await SshCertificateAuthority.CreateAsync();
        string key = await SshTestKeys.GetAsync(keyName);
        string certificate = await ca.SignAsync(key + ".pub", SshTestUser.Name, copyTo: dir.File("certs"));
        await using OpenSshServer server = await StartSshdAsync(ca, serverAlgorithms);

        await using (SshClient client = await SshClient.ConnectAsync(KeyOptions(server.Port, dir, key, certificate), ct))
        {
            SshExecResult result = await client.ExecuteAsync("id -un", ct);
            Assert.Equal(SshTestUser.Name + "\n", Encoding.UTF8.GetString(result.StandardOutput));
        }
        Assert.Contains($"Accepted publickey for {SshTestUser.Name}", server.Log);
        Assert.Contains(logged, server.Log);
        await Assert.ThrowsAsync<SshAuthenticationException>(() => SshClient.ConnectAsync(KeyOptions(server.Port, dir, key, null), ct));
    }

    [Theory]
    [InlineData("expired", "20200101:20200102")]
    [InlineData("not yet valid", "+52w:+53w")]
    [InlineData("wrong principal", "+1h")]
    public async Task An_expired_or_foreign_certificate_is_refused(string why, string validity)
    {
        CancellationToken ct = TestTimeouts.LongToken();
        using var dir = new TempDirectory("vty-usercert-bad");
        using SshCertificateAuthority ca = await SshCertificateAuthority.CreateAsync();
        string key = await SshTestKeys.GetAsync("ed25519");
        string principal = why == "wrong principal" ? "someone-else" : SshTestUser.Name;
        string certificate = await ca.SignAsync(key + ".pub", principal, validity: validity, copyTo: dir.File("certs"));
        await using OpenSshServer server = await StartSshdAsync(ca);
        var error = await Assert.ThrowsAsync<SshAuthenticationException>(() =>
            SshClient.ConnectAsync(KeyOptions(server.Port, dir, key, certificate), ct));
        Assert.Contains(error.MethodsTried, m => m.Contains("ssh-ed25519-cert-v01@openssh.com", StringComparison.Ordinal));
        Assert.DoesNotContain("Accepted publickey", server.Log);
    }

    [Fact]
    public async Task Ssh_config_finds_KEY_cert_pub_beside_the_key_and_CertificateFile_with_the_key_in_the_agent()
    {
        CancellationToken ct = TestTimeouts.LongToken();
        using var dir = new TempDirectory("vty-usercert-config");
        using SshCertificateAuthority ca = await SshCertificateAuthority.CreateAsync();
        // A private copy of the key, so its -cert.pub sits beside it.
        string key = await CopyKeyAsync("ed25519", dir.File("id_ed25519"));
        string beside = await ca.SignAsync(key + ".pub", SshTestUser.Name);
        Assert.Equal(key + "-cert.pub", beside);
        await using OpenSshServer server = await StartSshdAsync(ca);
        string common = $"""
            Host target
              HostName 127.0.0.1
              Port {server.Port}
              User {SshTestUser.Name}
              UserKnownHostsFile {dir.File("known_hosts")}
            """;

        SshClientOptions fromFile = SshConfig.FromText(common + $"\n  IdentityFile {key}\n  IdentityAgent none").CreateClientOptions("target");
        Assert.Single(fromFile.Certificates);
        await using (SshClient client = await SshClient.ConnectAsync(fromFile, ct)) { }

        // The agent holds only the plain key; the certificate comes from CertificateFile.
        string certificateOnly = dir.File("elsewhere-cert.pub");
        File.Move(beside, certificateOnly);
        await using SshAgentProcess agent = await SshAgentProcess.StartAsync();
        await agent.AddAsync(key);
        SshClientOptions fromAgent = SshConfig.FromText(common +
            $"\n  CertificateFile {certificateOnly}\n  IdentityAgent {agent.SocketPath}\n  IdentitiesOnly yes").CreateClientOptions("target");
        Assert.DoesNotContain(fromAgent.PrivateKeys, k => k.PublicKey.Equals(fromAgent.Certificates[0].Certificate!.Key));
        await using (SshClient client = await SshClient.ConnectAsync(fromAgent, ct)) { }
        Assert.Equal(2, CountOccurrences(server.Log, "ED25519-CERT"));

        var missing = Assert.Throws<SshKeyException>(() =>
            SshConfig.FromText(common + $"\n  CertificateFile {dir.File("nope-cert.pub")}").CreateClientOptions("target"));
        Assert.Contains("CertificateFile", missing.Message);
    }

    [Fact]
    public async Task A_certificate_the_agent_holds_logs_in_with_nothing_else_given()
    {
        CancellationToken ct = TestTimeouts.LongToken();
        using var dir = new TempDirectory("vty-usercert-agent");
        using SshCertificateAuthority ca = await SshCertificateAuthority.CreateAsync();
        string key = await CopyKeyAsync("ecdsa256", dir.File("id_ecdsa"));
        await ca.SignAsync(key + ".pub", SshTestUser.Name);
        await using SshAgentProcess agent = await SshAgentProcess.StartAsync();
        await agent.AddAsync(key); // ssh-add adds the key and the certificate beside it
        await using OpenSshServer server = await StartSshdAsync(ca);
        SshClientOptions options = ReachOptions.Password(server.Port, dir);
        options.Password = null;
        options.IdentityAgent = agent.SocketPath;
        await using (SshClient client = await SshClient.ConnectAsync(options, ct)) { }
        Assert.Contains("ECDSA-CERT", server.Log);
    }

    // A private copy of a test key (mode 0600, as ssh-add demands), so a certificate can sit beside it.
    private static async Task<string> CopyKeyAsync(string name, string path)
    {
        File.Copy(await SshTestKeys.GetAsync(name), path);
        File.Copy(await SshTestKeys.GetAsync(name) + ".pub", path + ".pub");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
