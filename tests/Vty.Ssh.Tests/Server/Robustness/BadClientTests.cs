using System.Net;
using System.Net.Sockets;
using System.Text;
using Vty.Ssh.Tests.Server.Support;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Tests.Server.Robustness;

/// <summary>Clients that stall, send garbage or open too many channels are cut off with a log line; others keep being served.</summary>
public sealed class BadClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static Task<TestServer> StartAsync(TimeSpan? handshakeTimeout = null) => TestServer.StartAsync(o =>
    {
        if (handshakeTimeout is { } timeout) o.HandshakeTimeout = timeout;
        o.MaxChannelsPerConnection = 64;
    });

    private static async Task<Socket> ConnectRawAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(Timeout);
        return socket;
    }

    /// <summary>Reads until the server closes the connection; returns what it sent.</summary>
    private static async Task<string> ReadUntilClosedAsync(Socket socket)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            int n;
            while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0) received.Write(buffer, 0, n);
        }
        catch (SocketException)
        {
            // reset: closed as well
        }
        return Encoding.Latin1.GetString(received.ToArray());
    }

    // In-process client: fast enough to log in well within even a short handshake timeout on a busy machine.
    private static async Task AssertStillServesAsync(TestServer server)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using SshClient client = await SshClient.ConnectAsync(new SshClientOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            Username = TestServer.User,
            Password = TestServer.Password,
            HostKeyPolicy = HostKeyPolicy.Off,
        }, cts.Token);
        SshExecResult result = await client.ExecuteAsync("echo still here", cts.Token);
        Assert.Equal("still here\n", Encoding.UTF8.GetString(result.StandardOutput));
    }

    [Fact]
    public async Task A_client_that_stalls_mid_handshake_is_cut_off()
    {
        await using TestServer server = await StartAsync(TimeSpan.FromSeconds(3));
        using Socket silent = await ConnectRawAsync(server.Port);
        using Socket stalled = await ConnectRawAsync(server.Port);
        await stalled.SendAsync(Encoding.ASCII.GetBytes("SSH-2.0-Stalling_1.0\r\n"));

        string fromServer = await ReadUntilClosedAsync(stalled);
        Assert.StartsWith("SSH-2.0-Vty", fromServer);
        await ReadUntilClosedAsync(silent);
        await server.Log.WaitForAsync(Timeout, "handshake timeout", "key exchange");
        await AssertStillServesAsync(server);
    }

    [Fact]
    public async Task A_client_that_sends_garbage_is_cut_off()
    {
        await using TestServer server = await StartAsync();
        using (Socket http = await ConnectRawAsync(server.Port))
        {
            await http.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
            await ReadUntilClosedAsync(http);
        }
        await server.Log.WaitForAsync(Timeout, "disconnecting", "not an SSH identification");

        using (Socket binary = await ConnectRawAsync(server.Port))
        {
            // A valid identification, then a packet length far beyond any limit.
            await binary.SendAsync(Encoding.ASCII.GetBytes("SSH-2.0-Garbage\r\n"));
            await binary.SendAsync(new byte[] { 0x7f, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 });
            await ReadUntilClosedAsync(binary);
        }
        await server.Log.WaitForAsync(Timeout, "disconnecting", "packet");
        await AssertStillServesAsync(server);
    }

    [Fact]
    public async Task A_client_that_opens_a_thousand_channels_is_cut_off()
    {
        await using TestServer server = await StartAsync();
        using var cts = new CancellationTokenSource(Timeout);
        await using RawSshClient client = await RawSshClient.ConnectAsync(server.Port, TestServer.User, TestServer.Password, cts.Token);

        Exception? sendError = null;
        try
        {
            for (uint i = 0; i < 1000; i++)
            {
                uint sender = 10_000 + i;
                await client.SendAsync(open =>
                {
                    open.WriteByte(SshMessageNumber.ChannelOpen);
                    open.WriteString("session");
                    open.WriteUInt32(sender);
                    open.WriteUInt32(1 << 20);
                    open.WriteUInt32(32768);
                }, cts.Token);
            }
        }
        catch (Exception e) when (e is SshException or ObjectDisposedException or IOException)
        {
            // the server hung up while we were still sending: that is the point
            sendError = e;
        }

        try
        {
            await server.Log.WaitForAsync(Timeout, "disconnecting", "more than 64 channels");
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\nclient send error: {sendError}");
        }
        await client.Transport.Completion.ContinueWith(_ => { }, CancellationToken.None).WaitAsync(Timeout);
        Assert.False(client.Transport.IsConnected);
        await AssertStillServesAsync(server);
    }
}
