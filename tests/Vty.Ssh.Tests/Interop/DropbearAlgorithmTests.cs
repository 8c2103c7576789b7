using System.Text;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Interop;

/// <summary>The algorithms Dropbear 2022.83 speaks, each forced on the client for a connect + exec.</summary>
public sealed class DropbearAlgorithmTests(DropbearAlgorithmTests.Server fixture) : IClassFixture<DropbearAlgorithmTests.Server>
{
    /// <summary>One Dropbear with ed25519, ECDSA and RSA host keys.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public DropbearServer Dropbear { get; private set; } = null!;
        public Task InitializeAsync() => Task.Run(async () => Dropbear = await DropbearServer.StartAsync());
        public async Task DisposeAsync() => await Dropbear.DisposeAsync();
    }

    [Theory]
    [InlineData("curve25519-sha256", null, null, null)]
    [InlineData("curve25519-sha256@libssh.org", null, null, null)]
    [InlineData("ecdh-sha2-nistp256", null, null, null)]
    [InlineData("ecdh-sha2-nistp384", null, null, null)]
    [InlineData("ecdh-sha2-nistp521", null, null, null)]
    [InlineData("diffie-hellman-group14-sha256", null, null, null)]
    [InlineData("diffie-hellman-group14-sha1", null, null, null)]
    [InlineData(null, "ssh-ed25519", null, null)]
    [InlineData(null, "ecdsa-sha2-nistp256", null, null)]
    [InlineData(null, "rsa-sha2-256", null, null)]
    [InlineData(null, "ssh-rsa", null, null)]
    [InlineData(null, null, "chacha20-poly1305@openssh.com", null)]
    [InlineData(null, null, "aes128-ctr", "hmac-sha1")]
    [InlineData(null, null, "aes256-ctr", "hmac-sha2-256")]
    public async Task ConnectAndExec(string? kex, string? hostKey, string? cipher, string? mac)
    {
        using var dir = new TempDirectory();
        SshClientOptions options = ClientOptionsFactory.ForPassword(fixture.Dropbear.Port, dir);
        options.Legacy = true;
        if (kex != null) options.KexAlgorithms = [kex];
        if (hostKey != null) options.HostKeyAlgorithms = [hostKey];
        if (cipher != null) options.Ciphers = [cipher];
        if (mac != null) options.Macs = [mac];
        await using var client = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());
        if (kex != null) Assert.Equal(kex, client.Algorithms.Kex);
        if (hostKey != null) Assert.Equal(hostKey, client.Algorithms.HostKey);
        if (cipher != null) Assert.Equal(cipher, client.Algorithms.CipherServerToClient);
        if (mac != null) Assert.Equal(mac, client.Algorithms.MacServerToClient);
        SshExecResult result = await client.ExecuteAsync("echo dropbear-ok; exit 4", TestTimeouts.ShortToken());
        Assert.Equal("dropbear-ok\n", Encoding.UTF8.GetString(result.StandardOutput));
        Assert.Equal(4, result.ExitStatus);
    }

    /// <summary>
    /// Five commands streaming a megabyte each at once on one connection. Each command waits for a
    /// line on its stdin until all five have started: Dropbear 2022.83 closes a session channel that
    /// has no command yet when another channel's child exits at that moment (fixed upstream in
    /// 2024.86, mkj/dropbear#326), which is a server bug this test must not depend on.
    /// </summary>
    [Fact]
    public async Task ManyChannelsAndAMegabyteEach()
    {
        using var dir = new TempDirectory();
        await using var client = await SshClient.ConnectAsync(ClientOptionsFactory.ForPassword(fixture.Dropbear.Port, dir), TestTimeouts.LongToken());
        var sessions = new List<SshExecSession>();
        try
        {
            for (int i = 0; i < 5; i++)
                sessions.Add(await client.StartExecAsync("read go && head -c 1000000 /dev/zero", TestTimeouts.LongToken()));
            int[] lengths = await Task.WhenAll(sessions.Select(async session =>
            {
                await session.StandardInput.WriteAsync("go\n"u8.ToArray(), TestTimeouts.LongToken());
                await session.CloseInputAsync(TestTimeouts.LongToken());
                using var output = new MemoryStream();
                await session.StandardOutput.CopyToAsync(output, TestTimeouts.LongToken());
                Assert.Equal(0, await session.WaitForExitAsync(TestTimeouts.LongToken()));
                return (int)output.Length;
            }));
            Assert.All(lengths, length => Assert.Equal(1_000_000, length));
        }
        finally
        {
            foreach (SshExecSession session in sessions)
                await session.DisposeAsync();
        }
    }
}
