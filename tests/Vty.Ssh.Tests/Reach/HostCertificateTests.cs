using System.Text;
using Vty.Ssh.Keys;
using Vty.Ssh.Keys.Certificates;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Reach;

/// <summary>
/// A real sshd presenting a HostCertificate made by ssh-keygen -s -h, checked by our client through a
/// @cert-authority line in known_hosts: trusted when the CA, principal and validity window are right,
/// a typed <see cref="SshHostCertificateException"/> otherwise.
/// </summary>
public sealed class HostCertificateTests
{
    private static async Task<(OpenSshServer Server, string HostKey)> StartSshdAsync(TempDirectory dir, SshCertificateAuthority ca,
        string principals = "127.0.0.1", string validity = "+1h")
    {
        string hostKey = dir.File("ssh_host_ed25519_key");
        await ManagedProcess.RunCheckedAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey);
        string certificate = await ca.SignAsync(hostKey + ".pub", principals, host: true, validity: validity, id: "test-host");
        var server = await OpenSshServer.StartAsync(new Dictionary<string, string>
        {
            ["HostKey"] = hostKey,
            ["HostCertificate"] = certificate,
        }, hostKeys: []);
        return (server, hostKey);
    }

    private static SshClientOptions Options(int port, TempDirectory dir, string knownHosts)
    {
        File.WriteAllText(dir.File("known_hosts"), knownHosts);
        SshClientOptions options = ReachOptions.Password(port, dir);
        options.KnownHostsPath = dir.File("known_hosts");
        options.HostKeyPolicy = HostKeyPolicy.Strict;
        return options;
    }

    [Theory]
    [InlineData("[127.0.0.1]:{port}")]
    [InlineData("*")]
    public async Task A_certificate_from_the_CA_known_hosts_trusts_is_accepted_without_recording_the_key(string pattern)
    {
        CancellationToken ct = TestTimeouts.LongToken();
        using var dir = new TempDirectory("vty-hostcert");
        using SshCertificateAuthority ca = await SshCertificateAuthority.CreateAsync();
        var (server, _) = await StartSshdAsync(dir, ca);
        await using (server)
        {
            string line = $"@cert-authority {pattern.Replace("{port}", server.Port.ToString())} {ca.PublicLine}\n";
            SshClientOptions options = Options(server.Port, dir, line);
            await using (SshClient client = await SshClient.ConnectAsync(options, ct))
            {
                Assert.Equal("ssh-ed25519-cert-v01@openssh.com", client.Algorithms.HostKey);
                SshCertificate certificate = Assert.IsType<SshCertificate>(client.ServerHostKey.Certificate);
                Assert.Equal(SshCertificateKind.Host, certificate.Kind);
                Assert.Equal("test-host", certificate.KeyId);
                SshExecResult result = await client.ExecuteAsync("echo trusted", ct);
                Assert.Equal("trusted\n", Encoding.UTF8.GetString(result.StandardOutput));
            }
            Assert.Equal(line, await File.ReadAllTextAsync(dir.File("known_hosts")));
        }
    }

    [Theory]
    [InlineData("wrong CA", "127.0.0.1", "+1h", "is not a @cert-authority")]
    [InlineData("expired", "127.0.0.1", "20200101:20200102", "expired")]
    [InlineData("wrong principal", "other.example.net", "+1h", "not 127.0.0.1")]
    public async Task A_certificate_known_hosts_does_not_vouch_for_is_a_typed_error(string why, string principals, string validity, string expected)
    {
        CancellationToken ct = TestTimeouts.LongToken();
        using var dir = new TempDirectory("vty-hostcert-bad");
        using SshCertificateAuthority ca = await SshCertificateAuthority.CreateAsync();
        using SshCertificateAuthority other = await SshCertificateAuthority.CreateAsync(name: "other-ca");
        var (server, _) = await StartSshdAsync(dir, ca, principals, validity);
        await using (server)
        {
            SshCertificateAuthority trusted = why == "wrong CA" ? other : ca;
            SshClientOptions options = Options(server.Port, dir, $"@cert-authority * {trusted.PublicLine}\n");
            var error = await Assert.ThrowsAsync<SshHostCertificateException>(() => SshClient.ConnectAsync(options, ct));
            Assert.Contains(expected, error.Message);
            Assert.Equal(server.Port, error.Port);
            Assert.DoesNotContain("Accepted", server.Log);
        }
    }

    [Fact]
    public async Task Without_a_cert_authority_line_the_certified_key_is_checked_as_a_plain_key()
    {
        CancellationToken ct = TestTimeouts.LongToken();
        using var dir = new TempDirectory("vty-hostcert-plain");
        using SshCertificateAuthority ca = await SshCertificateAuthority.CreateAsync();
        var (server, hostKey) = await StartSshdAsync(dir, ca);
        await using (server)
        {
            string plain = (await File.ReadAllTextAsync(hostKey + ".pub")).Trim();
            SshClientOptions options = Options(server.Port, dir, $"[127.0.0.1]:{server.Port} {plain}\n");
            await using SshClient client = await SshClient.ConnectAsync(options, ct);
            Assert.Equal("ssh-ed25519", client.Algorithms.HostKey);
        }
    }

    [Fact]
    public async Task A_revoked_CA_is_refused_even_for_a_valid_certificate()
    {
        CancellationToken ct = TestTimeouts.LongToken();
        using var dir = new TempDirectory("vty-hostcert-revoked");
        using SshCertificateAuthority ca = await SshCertificateAuthority.CreateAsync();
        var (server, _) = await StartSshdAsync(dir, ca);
        await using (server)
        {
            SshClientOptions options = Options(server.Port, dir, $"@cert-authority * {ca.PublicLine}\n@revoked * {ca.PublicLine}\n");
            var error = await Assert.ThrowsAsync<SshHostKeyMismatchException>(() => SshClient.ConnectAsync(options, ct));
            Assert.True(error.IsRevoked);
        }
    }
}
