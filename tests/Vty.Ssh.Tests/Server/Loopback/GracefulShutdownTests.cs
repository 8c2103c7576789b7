using System.Text;
using Vty.Ssh.Tests.Server.Support;

namespace Vty.Ssh.Tests.Server.Loopback;

public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Stopping_the_server_closes_open_sessions_and_refuses_new_ones()
    {
        TestServer server = await TestServer.StartAsync(o => o.ShutdownGracePeriod = TimeSpan.FromSeconds(5));
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var options = new SshClientOptions
            {
                Host = "127.0.0.1",
                Port = server.Port,
                Username = TestServer.User,
                Password = TestServer.Password,
                HostKeyPolicy = HostKeyPolicy.Off,
            };
            await using SshClient client = await SshClient.ConnectAsync(options, cts.Token);
            await using SshShell shell = await client.OpenShellAsync(new SshPtyOptions(), cts.Token);
            var buffer = new byte[256];
            int n = await shell.Stream.ReadAsync(buffer, cts.Token);
            Assert.StartsWith("terminal", Encoding.UTF8.GetString(buffer, 0, n));
            Assert.Equal(1, server.Server.ActiveConnections);

            await server.Server.StopAsync().WaitAsync(cts.Token);

            Assert.Equal(0, server.Server.ActiveConnections);
            await shell.Closed.WaitAsync(cts.Token);
            await client.Completion.ContinueWith(_ => { }, CancellationToken.None).WaitAsync(cts.Token);
            Assert.False(client.IsConnected);
            await Assert.ThrowsAnyAsync<SshException>(() => SshClient.ConnectAsync(options, cts.Token));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
