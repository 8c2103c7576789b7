using System.Text;
using Vty.Ssh.Keys;
using Vty.Ssh.Tests.Server.Support;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Reach;

/// <summary>
/// Our server with a host certificate (SshServerOptions.HostCertificates) and a trusted user CA
/// (TrustedUserCaKeys): the real OpenSSH ssh client logs in with a user certificate and checks the host
/// certificate through @cert-authority; our client does the same, and wrong principals or expired
/// certificates are refused.
/// </summary>
public sealed class ServerCertificateTests
{
    private sealed record Setup(TestServer Server, SshCertificateAuthority Ca, TempDirectory Dir, string Key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            Ca.Dispose();
            Dir.Dispose();
        }
    }

    private static async Task<Setup> StartAsync()
    {
        var dir = new TempDirectory("vty-server-certs");
        SshCertificateAuthority ca = await SshCertificateAuthority.CreateAsync();
        string hostCertificate = await ca.SignAsync(await SshTestKeys.GetAsync("ed25519") + ".pub", "127.0.0.1,localhost", host: true,
            id: "vty-host", copyTo: dir.File("host"));
        SshPublicKey caKey = SshPublicKey.ParseOpenSshLine(ca.PublicLine);
        TestServer server = await TestServer.StartAsync(options =>
        {
            options.HostCertificates = [SshPublicKey.ParseOpenSshLine(File.ReadAllText(hostCertificate))];
            options.Authentication.TrustedUserCaKeys = [caKey];
        });
        string key = dir.File("id_user");
        await ManagedProcess.RunCheckedAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
        return new Setup(server, ca, dir, key);
    }

    [Fact]
    public async Task OpenSsh_logs_in_with_a_user_certificate_and_trusts_the_host_certificate_through_its_CA()
    {
        await using Setup s = await StartAsync();
        string certificate = await s.Ca.SignAsync(s.Key + ".pub", TestServer.User, id: "vty-user");
        await File.WriteAllTextAsync(s.Server.KnownHostsPath, $"@cert-authority * {s.Ca.PublicLine}\n");
        OpenSshClient ssh = s.Server.OpenSsh(identityFile: s.Key);
        ssh.Options.Add("StrictHostKeyChecking=yes");
        ssh.Options.Add("CertificateFile=" + certificate);
        OpenSshResult result = await ssh.RunAsync("echo certified", verbose: true);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("certified\n", result.StandardOutput.Replace("\r", ""));
        Assert.Contains("Server host certificate: ssh-ed25519-cert-v01@openssh.com", result.StandardError);
        Assert.Contains("ED25519-CERT", result.StandardError);
        Assert.Equal($"@cert-authority * {s.Ca.PublicLine}\n", await File.ReadAllTextAsync(s.Server.KnownHostsPath));
    }

    [Theory]
    [InlineData("valid", "tester", "+1h", true)]
    [InlineData("wrong principal", "root", "+1h", false)]
    [InlineData("expired", "tester", "20200101:20200102", false)]
    public async Task Our_client_and_server_agree_on_user_and_host_certificates(string why, string principal, string validity, bool accepted)
    {
        CancellationToken ct = TestTimeouts.LongToken();
        await using Setup s = await StartAsync();
        string certificate = await s.Ca.SignAsync(s.Key + ".pub", principal, validity: validity, id: "vty-" + why.Replace(' ', '-'));
        await File.WriteAllTextAsync(s.Server.KnownHostsPath, $"@cert-authority [127.0.0.1]:{s.Server.Port} {s.Ca.PublicLine}\n");
        var options = new SshClientOptions
        {
            Host = "127.0.0.1",
            Port = s.Server.Port,
            Username = TestServer.User,
            PrivateKeys = [SshPrivateKey.FromFile(s.Key)],
            Certificates = [SshPublicKey.ParseOpenSshLine(File.ReadAllText(certificate))],
            KnownHostsPath = s.Server.KnownHostsPath,
            HostKeyPolicy = HostKeyPolicy.Strict,
            AuthenticationMethods = ["publickey"],
        };
        if (!accepted)
        {
            await Assert.ThrowsAsync<SshAuthenticationException>(() => SshClient.ConnectAsync(options, ct));
            Assert.Contains("user certificate refused", string.Join("\n", s.Server.Log.Lines));
            return;
        }
        await using SshClient client = await SshClient.ConnectAsync(options, ct);
        Assert.Equal("ssh-ed25519-cert-v01@openssh.com", client.Algorithms.HostKey);
        SshExecResult result = await client.ExecuteAsync("whoami", ct);
        Assert.Equal(TestServer.User, Encoding.UTF8.GetString(result.StandardOutput).Trim());
    }

    [Fact]
    public async Task A_source_address_option_is_enforced_and_force_command_is_refused()
    {
        CancellationToken ct = TestTimeouts.LongToken();
        await using Setup s = await StartAsync();
        await File.WriteAllTextAsync(s.Server.KnownHostsPath, $"@cert-authority * {s.Ca.PublicLine}\n");
        async Task<bool> LogsInAsync(string id, string[] options)
        {
            string certificate = await s.Ca.SignAsync(s.Key + ".pub", TestServer.User, id: id, options: options);
            var client = new SshClientOptions
            {
                Host = "127.0.0.1", Port = s.Server.Port, Username = TestServer.User, KnownHostsPath = s.Server.KnownHostsPath,
                PrivateKeys = [SshPrivateKey.FromFile(s.Key)], Certificates = [SshPublicKey.ParseOpenSshLine(File.ReadAllText(certificate))],
                AuthenticationMethods = ["publickey"],
            };
            try
            {
                await using SshClient connected = await SshClient.ConnectAsync(client, ct);
                return true;
            }
            catch (SshAuthenticationException)
            {
                return false;
            }
        }
        Assert.True(await LogsInAsync("loopback", ["source-address=127.0.0.0/8"]));
        Assert.False(await LogsInAsync("elsewhere", ["source-address=192.0.2.0/24"]));
        Assert.False(await LogsInAsync("forced", ["force-command=/bin/true"]));
        Assert.Contains("force-command", string.Join("\n", s.Server.Log.Lines));
    }
}
