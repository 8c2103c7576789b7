using Vty.Ssh.Tests.Server.Support;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Server.Interop;

/// <summary>
/// OpenSSH's ssh (9.2) against our server with only sntrup761x25519-sha512@openssh.com, many
/// times: our server encapsulates to a fresh OpenSSH key each time.
/// </summary>
public sealed class Sntrup761WithOpenSshClientTests(OpenSshServerFixture fixture) : IClassFixture<OpenSshServerFixture>
{
    [Fact]
    public async Task Ten_ssh_runs_in_a_row_all_agree_on_the_secret()
    {
        for (int round = 0; round < 10; round++)
        {
            var ssh = new OpenSshClient { Port = fixture.Server.Port, KnownHostsPath = "/dev/null", User = TestServer.User, Password = TestServer.Password };
            ssh.Options.Add("KexAlgorithms=sntrup761x25519-sha512@openssh.com");
            OpenSshResult result = await ssh.RunAsync($"echo round-{round}", verbose: true);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal($"round-{round}\n", result.StandardOutput);
            Assert.Contains("kex: algorithm: sntrup761x25519-sha512@openssh.com", result.StandardError);
        }
    }
}
