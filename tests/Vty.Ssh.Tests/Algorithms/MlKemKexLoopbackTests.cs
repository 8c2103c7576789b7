using System.Text;
using Vty.Ssh.Tests.Server.Support;

namespace Vty.Ssh.Tests.Algorithms;

/// <summary>
/// Our ML-KEM-768 on the wire: our client against our server with the default key exchange list
/// (OpenSSH 9.2 here has no mlkem768x25519, so our own server is the peer; node's @noble/post-quantum
/// checks the KEM itself in <see cref="MlKemNobleInteropTests"/>).
/// </summary>
public sealed class MlKemKexLoopbackTests
{
    [Fact]
    public async Task The_default_key_exchange_is_mlkem768x25519_and_sessions_work_over_it()
    {
        await using TestServer server = await TestServer.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        for (int i = 0; i < 3; i++)
        {
            await using SshClient client = await SshClient.ConnectAsync(new SshClientOptions
            {
                Host = "127.0.0.1",
                Port = server.Port,
                Username = TestServer.User,
                Password = TestServer.Password,
                HostKeyPolicy = HostKeyPolicy.Off,
            }, cts.Token);
            Assert.Equal("mlkem768x25519-sha256", client.Algorithms.Kex);
            SshExecResult result = await client.ExecuteAsync($"echo round {i}", cts.Token);
            Assert.Equal($"round {i}\n", Encoding.UTF8.GetString(result.StandardOutput));
            // A re-key runs the KEM again on the same connection.
            await client.Transport.RekeyAsync(cts.Token);
            Assert.Equal(2, client.KeyExchangeCount);
            result = await client.ExecuteAsync("whoami", cts.Token);
            Assert.Equal($"{TestServer.User}\n", Encoding.UTF8.GetString(result.StandardOutput));
        }
    }
}
