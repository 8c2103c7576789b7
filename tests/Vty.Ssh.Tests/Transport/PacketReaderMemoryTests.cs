using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Transport;

namespace Vty.Ssh.Tests.Transport;

/// <summary>The packet reader's buffer follows the bytes a peer really sent, not the length it announced (issue 9 item 6).</summary>
public sealed class PacketReaderMemoryTests
{
    private static async Task<(Socket Ours, Socket Peer)> ConnectedPairAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var peer = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Task connect = peer.ConnectAsync(listener.LocalEndPoint!);
        Socket ours = await listener.AcceptAsync().WaitAsync(TestTimeouts.Short);
        await connect.WaitAsync(TestTimeouts.Short);
        return (ours, peer);
    }

    private static byte[] PacketStart(int packetLength, int bodyBytes)
    {
        var bytes = new byte[4 + bodyBytes];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)packetLength);
        if (bodyBytes > 0) bytes[4] = 4; // padding length
        return bytes;
    }

    [Fact]
    public async Task A_stalled_large_packet_costs_only_the_bytes_received()
    {
        var (ours, peer) = await ConnectedPairAsync();
        using (peer)
        using (var reader = new SshPacketReader(new NetworkStream(ours, ownsSocket: true), PacketProtection.CreateNoneDecryptor()))
        {
            reader.PacketLengthLimit = SshPacketReader.PreAuthenticationMaxPacketLength;
            int initial = reader.BufferCapacity;
            Assert.True(initial <= 4096, $"{initial} bytes before anything arrived");

            // Announce 33996 bytes (length field included, a multiple of 8), send 1000 of them, then stall.
            await peer.SendAsync(PacketStart(33_996, 1000));
            ValueTask<ReadOnlyMemory<byte>> pending = reader.ReadPacketAsync(TestTimeouts.LongToken());
            await Task.Delay(300);
            Assert.False(pending.IsCompleted);
            Assert.Equal(initial, reader.BufferCapacity);

            // The rest arrives: the buffer grows as it does and the packet is read whole.
            await peer.SendAsync(new byte[33_996 - 1000]);
            ReadOnlyMemory<byte> payload = await pending.AsTask().WaitAsync(TestTimeouts.Short);
            Assert.Equal(33_996 - 1 - 4, payload.Length);
            Assert.InRange(reader.BufferCapacity, 34_000, 65_536);
        }
    }

    [Fact]
    public async Task The_limit_before_authentication_refuses_what_the_limit_after_it_accepts()
    {
        var (ours, peer) = await ConnectedPairAsync();
        using (peer)
        using (var reader = new SshPacketReader(new NetworkStream(ours, ownsSocket: true), PacketProtection.CreateNoneDecryptor()))
        {
            reader.PacketLengthLimit = SshPacketReader.PreAuthenticationMaxPacketLength;
            await peer.SendAsync(PacketStart(35_004, 16));
            var e = await Assert.ThrowsAsync<SshPacketTooLargeException>(async () => await reader.ReadPacketAsync(TestTimeouts.ShortToken()));
            Assert.Equal(35_000, e.Maximum);
            Assert.Contains("before authenticating", e.Message);
            Assert.True(reader.BufferCapacity <= 4096);
        }

        (ours, peer) = await ConnectedPairAsync();
        using (peer)
        using (var reader = new SshPacketReader(new NetworkStream(ours, ownsSocket: true), PacketProtection.CreateNoneDecryptor()))
        {
            await peer.SendAsync(PacketStart(99_996, 99_996));
            ReadOnlyMemory<byte> payload = await reader.ReadPacketAsync(TestTimeouts.ShortToken());
            Assert.Equal(99_996 - 1 - 4, payload.Length);
        }
    }
}
