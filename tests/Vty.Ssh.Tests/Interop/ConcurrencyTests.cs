using System.Text;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Interop;

/// <summary>Many connections at once to one sshd.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task FiftyConnectionsAtOnce()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync();
        CancellationToken ct = TestTimeouts.LongToken();
        async Task<string> RunAsync(int i)
        {
            SshClientOptions options = ClientOptionsFactory.ForPassword(server.Port, dir);
            options.HostKeyPolicy = HostKeyPolicy.Off;
            options.ConnectTimeout = TimeSpan.FromSeconds(60);
            await using var client = await SshClient.ConnectAsync(options, ct);
            SshExecResult result = await client.ExecuteAsync($"echo connection-{i}", ct);
            return Encoding.ASCII.GetString(result.StandardOutput);
        }
        string[] outputs = await Task.WhenAll(Enumerable.Range(0, 50).Select(RunAsync));
        for (int i = 0; i < 50; i++)
            Assert.Equal($"connection-{i}\n", outputs[i]);
    }
}
