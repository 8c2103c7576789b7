using System.Net;
using System.Net.Sockets;
using Vty.Ssh.Tests.Server.Support;

namespace Vty.Ssh.Tests.Server.Interop;

/// <summary>Port forwarding (direct-tcpip) with OpenSSH's <c>ssh -W</c>: refused by default, bridged when a handler allows it.</summary>
public sealed class DirectTcpipTests
{
    [Fact]
    public async Task Ssh_W_reaches_an_allowed_target_and_is_refused_otherwise()
    {
        using var echo = new TcpListener(IPAddress.Loopback, 0);
        echo.Start();
        int echoPort = ((IPEndPoint)echo.LocalEndpoint).Port;
        _ = Task.Run(async () =>
        {
            using TcpClient peer = await echo.AcceptTcpClientAsync();
            NetworkStream stream = peer.GetStream();
            var buffer = new byte[1024];
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0)
                await stream.WriteAsync(buffer.AsMemory(0, n));
        });

        await using TestServer server = await TestServer.StartAsync(o => o.DirectTcpipHandler = async (request, ct) =>
        {
            if (request.Host != "127.0.0.1" || request.Port != echoPort) return null;
            var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, echoPort, ct);
            return client.GetStream();
        });

        OpenSshClient allowed = server.OpenSsh();
        OpenSshResult result = await allowed.RunAsync(null, stdin: "ping over the tunnel\n", extraArgs: ["-W", $"127.0.0.1:{echoPort}"]);
        Assert.Equal("ping over the tunnel\n", result.StandardOutput);

        OpenSshResult refused = await server.OpenSsh().RunAsync(null, stdin: "x\n", extraArgs: ["-W", "127.0.0.1:9"]);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("stdio forwarding failed", refused.StandardError);
        Assert.Equal("", refused.StandardOutput);
    }
}
