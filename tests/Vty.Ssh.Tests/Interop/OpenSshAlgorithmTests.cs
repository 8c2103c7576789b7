using System.Text;
using Vty.TestSupport;

namespace Vty.Ssh.Tests.Interop;

/// <summary>Every default and legacy algorithm, each used for a real connect + exec against sshd.</summary>
public sealed class OpenSshAlgorithmTests(AllAlgorithmsServerFixture fixture) : IClassFixture<AllAlgorithmsServerFixture>
{
    private async Task<SshClient> ConnectAsync(Action<SshClientOptions> configure)
    {
        using var dir = new TempDirectory();
        SshClientOptions options = ClientOptionsFactory.ForPassword(fixture.Server.Port, dir);
        options.HostKeyPolicy = HostKeyPolicy.Off;
        configure(options);
        return await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());
    }

    private static async Task AssertExecWorksAsync(SshClient client)
    {
        SshExecResult result = await client.ExecuteAsync("echo algorithm-ok", TestTimeouts.ShortToken());
        Assert.Equal("algorithm-ok\n", Encoding.UTF8.GetString(result.StandardOutput));
        Assert.Equal(0, result.ExitStatus);
    }

    [Theory]
    [InlineData("sntrup761x25519-sha512@openssh.com")]
    [InlineData("curve25519-sha256")]
    [InlineData("curve25519-sha256@libssh.org")]
    [InlineData("ecdh-sha2-nistp256")]
    [InlineData("ecdh-sha2-nistp384")]
    [InlineData("ecdh-sha2-nistp521")]
    [InlineData("diffie-hellman-group-exchange-sha256")]
    [InlineData("diffie-hellman-group16-sha512")]
    [InlineData("diffie-hellman-group18-sha512")]
    [InlineData("diffie-hellman-group14-sha256")]
    [InlineData("diffie-hellman-group14-sha1")]
    [InlineData("diffie-hellman-group-exchange-sha1")]
    [InlineData("diffie-hellman-group1-sha1")]
    public async Task KeyExchange(string kex)
    {
        await using SshClient client = await ConnectAsync(o => o.KexAlgorithms = [kex]);
        Assert.Equal(kex, client.Algorithms.Kex);
        await AssertExecWorksAsync(client);
    }

    [Fact]
    public async Task Default_offer_picks_the_post_quantum_hybrid_that_openssh_9_2_runs()
    {
        // OpenSSH 9.2 has no mlkem768x25519-sha256 and only the @openssh.com name of sntrup761;
        // the default client list still lands on a post-quantum method.
        await using SshClient client = await ConnectAsync(_ => { });
        Assert.Equal("sntrup761x25519-sha512@openssh.com", client.Algorithms.Kex);
        await AssertExecWorksAsync(client);
    }

    [Theory]
    [InlineData("ssh-ed25519")]
    [InlineData("ecdsa-sha2-nistp256")]
    [InlineData("ecdsa-sha2-nistp384")]
    [InlineData("ecdsa-sha2-nistp521")]
    [InlineData("rsa-sha2-512")]
    [InlineData("rsa-sha2-256")]
    [InlineData("ssh-rsa")]
    [InlineData("ssh-dss")]
    public async Task HostKey(string algorithm)
    {
        await using SshClient client = await ConnectAsync(o => o.HostKeyAlgorithms = [algorithm]);
        Assert.Equal(algorithm, client.Algorithms.HostKey);
        Assert.Contains(algorithm, client.ServerHostKey.SignatureAlgorithms);
        await AssertExecWorksAsync(client);
    }

    [Theory]
    [InlineData("chacha20-poly1305@openssh.com")]
    [InlineData("aes128-gcm@openssh.com")]
    [InlineData("aes256-gcm@openssh.com")]
    [InlineData("aes128-ctr")]
    [InlineData("aes192-ctr")]
    [InlineData("aes256-ctr")]
    [InlineData("aes128-cbc")]
    [InlineData("aes192-cbc")]
    [InlineData("aes256-cbc")]
    [InlineData("3des-cbc")]
    public async Task Cipher(string cipher)
    {
        await using SshClient client = await ConnectAsync(o => o.Ciphers = [cipher]);
        Assert.Equal(cipher, client.Algorithms.CipherClientToServer);
        Assert.Equal(cipher, client.Algorithms.CipherServerToClient);
        await AssertExecWorksAsync(client);
    }

    [Theory]
    [InlineData("hmac-sha2-256")]
    [InlineData("hmac-sha2-512")]
    [InlineData("hmac-sha2-256-etm@openssh.com")]
    [InlineData("hmac-sha2-512-etm@openssh.com")]
    [InlineData("hmac-sha1")]
    [InlineData("hmac-sha1-etm@openssh.com")]
    [InlineData("hmac-sha1-96")]
    [InlineData("hmac-md5")]
    public async Task Mac(string mac)
    {
        await using SshClient client = await ConnectAsync(o =>
        {
            o.Ciphers = ["aes128-ctr"];
            o.Macs = [mac];
        });
        Assert.Equal(mac, client.Algorithms.MacClientToServer);
        Assert.Equal(mac, client.Algorithms.MacServerToClient);
        await AssertExecWorksAsync(client);
    }

    [Fact]
    public async Task LegacySwitchOffersLegacyAlgorithmsAfterDefaults()
    {
        // Legacy names go after the defaults, so the first default the server shares still wins.
        await using SshClient client = await ConnectAsync(o => o.Legacy = true);
        Assert.Equal("sntrup761x25519-sha512@openssh.com", client.Algorithms.Kex);
        await AssertExecWorksAsync(client);
    }
}
