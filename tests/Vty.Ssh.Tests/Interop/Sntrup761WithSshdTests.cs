using System.Text;
using Vty.TestSupport;

namespace Vty.Ssh.Tests.Interop;

/// <summary>
/// Our sntrup761 client against the real sshd (OpenSSH 9.2) offering only
/// sntrup761x25519-sha512@openssh.com, many times: every handshake draws fresh keys and a fresh
/// ciphertext, so encodings and decapsulation meet OpenSSH's on many random values, not one.
/// </summary>
public sealed class Sntrup761WithSshdTests(AllAlgorithmsServerFixture fixture) : IClassFixture<AllAlgorithmsServerFixture>
{
    private const string Kex = "sntrup761x25519-sha512@openssh.com";

    [Fact]
    public async Task Twenty_handshakes_in_a_row_all_agree_on_the_secret()
    {
        for (int round = 0; round < 20; round++)
        {
            using var dir = new TempDirectory();
            SshClientOptions options = ClientOptionsFactory.ForPassword(fixture.Server.Port, dir);
            options.HostKeyPolicy = HostKeyPolicy.Off;
            options.KexAlgorithms = [Kex];
            await using SshClient client = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());
            Assert.Equal(Kex, client.Algorithms.Kex);
            // A wrong shared secret would fail the exchange-hash signature check before this point.
            SshExecResult result = await client.ExecuteAsync($"echo round-{round}", TestTimeouts.ShortToken());
            Assert.Equal($"round-{round}\n", Encoding.UTF8.GetString(result.StandardOutput));
        }
    }
}
