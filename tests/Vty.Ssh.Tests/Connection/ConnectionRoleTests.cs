using System.Net;
using System.Net.Sockets;
using System.Text;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Connection;
using Vty.Ssh.Keys;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Connection;

/// <summary>
/// The connection layer in both roles on one transport pair: the server side accepts a session
/// channel, answers an exec request, streams data both ways with flow control and sends the exit status.
/// </summary>
public sealed class ConnectionRoleTests
{
    [Fact]
    public async Task ServerRoleChannelServesAnExecWithFlowControl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var clientSocket = new TcpClient();
        Task<TcpClient> accept = listener.AcceptTcpClientAsync();
        await clientSocket.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using TcpClient serverSocket = await accept;
        CancellationToken ct = TestTimeouts.LongToken();

        await using var server = new SshTransport(serverSocket.GetStream(), SshRole.Server, new SshTransportSettings
        {
            KexAlgorithms = SshAlgorithms.DefaultKex, HostKeyAlgorithms = SshAlgorithms.DefaultHostKey,
            Ciphers = SshAlgorithms.DefaultCiphers, Macs = SshAlgorithms.DefaultMacs,
            HostKeys = [SshPrivateKey.FromFile(await SshTestKeys.GetAsync("ed25519"))],
        });
        await using var client = new SshTransport(clientSocket.GetStream(), SshRole.Client, new SshTransportSettings
        {
            KexAlgorithms = SshAlgorithms.DefaultKex, HostKeyAlgorithms = SshAlgorithms.DefaultHostKey,
            Ciphers = SshAlgorithms.DefaultCiphers, Macs = SshAlgorithms.DefaultMacs,
            HostKeyVerifier = (_, _) => ValueTask.CompletedTask,
        });
        var serverConnection = new SshConnection(server);
        var clientConnection = new SshConnection(client);
        server.MessageHandler = serverConnection.HandleMessageAsync;
        client.MessageHandler = clientConnection.HandleMessageAsync;

        Task? serving = null;
        serverConnection.ChannelOpenHandler = (request, channel, _) =>
        {
            channel.RequestHandler = (req, _) =>
            {
                if (req.RequestType != "exec") return ValueTask.FromResult(false);
                string command = new SshReader(req.Data.Span).ReadString();
                serving = Task.Run(async () =>
                {
                    // Echo stdin back (more than a window each way), then report the command.
                    byte[] buffer = new byte[8192];
                    int n;
                    while ((n = await channel.ReadAsync(buffer, ct)) > 0)
                        await channel.WriteAsync(buffer.AsMemory(0, n), ct);
                    await channel.WriteExtendedAsync(Encoding.ASCII.GetBytes("ran " + command), ct);
                    await channel.SendRequestAsync("exit-status", false, w => w.WriteUInt32(7), ct);
                    await channel.SendEofAsync(ct);
                    await channel.CloseAsync(ct);
                }, ct);
                return ValueTask.FromResult(true);
            };
            return ValueTask.FromResult(request.ChannelType == "session");
        };

        await Task.WhenAll(server.StartAsync(ct), client.StartAsync(ct));
        await Assert.ThrowsAsync<SshChannelOpenException>(() => clientConnection.OpenChannelAsync("x11", null, ct));
        SshChannel channel = await clientConnection.OpenChannelAsync("session", null, ct);
        Assert.True(await channel.SendRequestAsync("exec", true, w => w.WriteString("echo-back"), ct));

        byte[] input = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(input);
        Task send = Task.Run(async () =>
        {
            await channel.WriteAsync(input, ct);
            await channel.SendEofAsync(ct);
        }, ct);
        var output = new MemoryStream();
        Task<string> stderr = Task.Run(async () =>
        {
            var e = new MemoryStream();
            byte[] b = new byte[1024];
            int n;
            while ((n = await channel.ReadExtendedAsync(b, ct)) > 0) e.Write(b, 0, n);
            return Encoding.ASCII.GetString(e.ToArray());
        }, ct);
        byte[] buffer = new byte[65536];
        int read;
        while ((read = await channel.ReadAsync(buffer, ct)) > 0) output.Write(buffer, 0, read);
        await send;
        await channel.Closed.WaitAsync(ct);
        await serving!.WaitAsync(ct);

        Assert.Equal(input, output.ToArray());
        Assert.Equal("ran echo-back", await stderr);
        Assert.Equal(7, channel.ExitStatus);
        Assert.Equal(0, clientConnection.ChannelCount);
    }
}
