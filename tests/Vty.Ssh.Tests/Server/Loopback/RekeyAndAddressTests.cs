using System.Net;
using System.Security.Cryptography;
using System.Text;
using Vty.Ssh.Tests.Server.Support;

namespace Vty.Ssh.Tests.Server.Loopback;

/// <summary>Re-keying in the middle of a session (client-initiated, ours and OpenSSH's) and serving on IPv6 loopback.</summary>
public sealed class RekeyAndAddressTests
{
    private static SshClientOptions Options(int port, string host = "127.0.0.1") => new()
    {
        Host = host,
        Port = port,
        Username = TestServer.User,
        Password = TestServer.Password,
        HostKeyPolicy = HostKeyPolicy.Off,
    };

    [Fact]
    public async Task Our_client_rekeys_mid_stream_and_the_data_stays_intact()
    {
        await using TestServer server = await TestServer.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using SshClient client = await SshClient.ConnectAsync(Options(server.Port), cts.Token);
        await using SshExecSession cat = await client.StartExecAsync("cat", cts.Token);
        byte[] block = RandomNumberGenerator.GetBytes(256 * 1024);
        var received = new MemoryStream();
        Task reading = cat.StandardOutput.CopyToAsync(received, cts.Token);
        for (int i = 0; i < 4; i++)
        {
            await cat.StandardInput.WriteAsync(block, cts.Token);
            // Back to back: RekeyAsync returns only when both NEWKEYS have passed, so the next
            // one never overlaps the last (which the peer would refuse as a second KEXINIT).
            await client.Transport.RekeyAsync(cts.Token);
            Assert.Equal(i + 2, client.KeyExchangeCount);
        }
        await cat.CloseInputAsync(cts.Token);
        await reading.WaitAsync(cts.Token);

        Assert.Equal(5, client.KeyExchangeCount);
        Assert.Equal(4 * block.Length, received.Length);
        byte[] all = received.ToArray();
        for (int i = 0; i < 4; i++)
            Assert.True(all.AsSpan(i * block.Length, block.Length).SequenceEqual(block), $"block {i} differs");
    }

    [Fact]
    public async Task OpenSsh_rekeying_every_megabyte_against_our_server()
    {
        await using TestServer server = await TestServer.StartAsync();
        OpenSshClient ssh = server.OpenSsh();
        ssh.Options.Add("RekeyLimit=1M");
        string input = string.Concat(Enumerable.Range(0, 100_000).Select(i => $"line {i:D8} of the rekey test\n"));
        OpenSshResult result = await ssh.RunAsync("sha256", stdin: input);
        Assert.True(result.ExitCode == 0, result.ToString());
        string expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)));
        Assert.Equal($"{expected} {Encoding.UTF8.GetByteCount(input)}\n", result.StandardOutput);
        await server.Log.WaitForAsync(TimeSpan.FromSeconds(5), "key exchange 3 done");
    }

    [Fact]
    public async Task The_server_listens_on_ipv6_loopback()
    {
        await using TestServer server = await TestServer.StartAsync(o => o.EndPoint = new IPEndPoint(IPAddress.IPv6Loopback, 0));
        Assert.Equal(IPAddress.IPv6Loopback, server.Server.LocalEndPoint.Address);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using SshClient client = await SshClient.ConnectAsync(Options(server.Port, "::1"), cts.Token);
        SshExecResult result = await client.ExecuteAsync("whoami", cts.Token);
        Assert.Equal("tester\n", Encoding.UTF8.GetString(result.StandardOutput));
    }
}
