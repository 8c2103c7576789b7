using System.Security.Cryptography;
using System.Text;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Interop;

/// <summary>100 MB through one exec channel with the server forcing re-keys, verified by hash.</summary>
public sealed class BulkTransferTests
{
    [Theory]
    [InlineData("chacha20-poly1305@openssh.com")]
    [InlineData("aes128-gcm@openssh.com")]
    public async Task HundredMegabytesWithForcedRekeys(string cipher)
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["RekeyLimit"] = "16M" });
        SshClientOptions options = ClientOptionsFactory.ForPassword(server.Port, dir);
        options.Ciphers = [cipher];
        CancellationToken ct = TestTimeouts.LongToken();
        await using var client = await SshClient.ConnectAsync(options, ct);
        await using SshExecSession session = await client.StartExecAsync(
            "{ head -c 100000000 /dev/urandom | tee /dev/fd/3 | sha256sum >&2; } 3>&1", ct);
        // stdout: the data; stderr: its sha256 as computed by the server.
        await session.CloseInputAsync(ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        Task<string> remoteHash = ReadAllTextAsync(session.StandardError, ct);
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = await session.StandardOutput.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, n);
            total += n;
        }
        string expected = (await remoteHash).Split(' ')[0];
        Assert.Equal(100_000_000, total);
        Assert.Equal(expected, Convert.ToHexStringLower(hash.GetHashAndReset()));
        Assert.True(client.KeyExchangeCount >= 5, $"expected re-keys every 16 MB, saw {client.KeyExchangeCount} key exchanges");
    }

    [Fact]
    public async Task ClientInitiatedRekeyByVolume()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync();
        SshClientOptions options = ClientOptionsFactory.ForPassword(server.Port, dir);
        options.RekeyBytesLimit = 4 * 1024 * 1024;
        CancellationToken ct = TestTimeouts.LongToken();
        await using var client = await SshClient.ConnectAsync(options, ct);
        SshExecResult result = await client.ExecuteAsync("head -c 30000000 /dev/zero", ct);
        Assert.Equal(30_000_000, result.StandardOutput.Length);
        Assert.All(result.StandardOutput, b => Assert.Equal(0, b));
        Assert.True(client.KeyExchangeCount >= 5, $"saw {client.KeyExchangeCount} key exchanges");
    }

    private static async Task<string> ReadAllTextAsync(Stream stream, CancellationToken ct)
    {
        var output = new MemoryStream();
        await stream.CopyToAsync(output, ct);
        return Encoding.ASCII.GetString(output.ToArray());
    }
}
