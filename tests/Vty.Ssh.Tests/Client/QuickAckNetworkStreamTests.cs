using System.Net;
using System.Net.Sockets;
using Vty.Shared;

namespace Vty.Ssh.Tests.Client;

/// <summary>
/// The client's TCP stream puts the socket back into quick-acknowledgement mode before every read,
/// whichever read method is used; without it a server with Nagle's algorithm on waits up to 40 ms
/// for our acknowledgement before sending its next small message.
/// </summary>
public sealed class QuickAckNetworkStreamTests
{
    private const int IpProtocolTcp = 6;
    private const int TcpQuickAck = 12;

    [Fact]
    public async Task Every_read_switches_the_socket_to_immediate_acknowledgements()
    {
        Assert.True(OperatingSystem.IsLinux(), "the suite runs on Linux, where TCP_QUICKACK exists");
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!, TestTimeouts.ShortToken());
        using Socket server = await listener.AcceptAsync(TestTimeouts.ShortToken());
        await using var stream = new QuickAckNetworkStream(client);
        var readers = new Func<byte[], Task<int>>[]
        {
            buffer => stream.ReadAsync(buffer.AsMemory(), TestTimeouts.ShortToken()).AsTask(),
            buffer => stream.ReadAsync(buffer, 0, buffer.Length, TestTimeouts.ShortToken()),
            buffer => Task.FromResult(stream.Read(buffer.AsSpan())),
            buffer => Task.FromResult(stream.Read(buffer, 0, buffer.Length)),
        };
        byte round = 0;
        foreach (var read in readers)
        {
            // Delayed acknowledgements, as the kernel chooses on its own for a request/reply exchange.
            client.SetRawSocketOption(IpProtocolTcp, TcpQuickAck, BitConverter.GetBytes(0));
            Assert.Equal(0, QuickAckMode(client));
            round++;
            await server.SendAsync(new[] { round }, SocketFlags.None);
            var buffer = new byte[16];
            Assert.Equal(1, await read(buffer));
            Assert.Equal(round, buffer[0]);
            Assert.Equal(1, QuickAckMode(client));
        }
    }

    [Fact]
    public async Task A_closed_socket_still_reads_as_a_plain_stream_would()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!, TestTimeouts.ShortToken());
        using (Socket server = await listener.AcceptAsync(TestTimeouts.ShortToken()))
        {
            await server.SendAsync(new byte[] { 7 }, SocketFlags.None);
            server.Shutdown(SocketShutdown.Both);
        }
        await using var stream = new QuickAckNetworkStream(client);
        var buffer = new byte[4];
        Assert.Equal(1, await stream.ReadAsync(buffer.AsMemory(), TestTimeouts.ShortToken()));
        Assert.Equal(7, buffer[0]);
        Assert.Equal(0, await stream.ReadAsync(buffer.AsMemory(), TestTimeouts.ShortToken()));
        stream.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => stream.ReadAsync(buffer.AsMemory(), TestTimeouts.ShortToken()).AsTask());
    }

    private static int QuickAckMode(Socket socket)
    {
        var value = new byte[4];
        socket.GetRawSocketOption(IpProtocolTcp, TcpQuickAck, value);
        return BitConverter.ToInt32(value);
    }
}
