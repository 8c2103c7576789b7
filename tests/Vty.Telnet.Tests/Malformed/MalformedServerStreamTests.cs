using System.Net.Sockets;
using Vty.Telnet.Tests.Infrastructure;

namespace Vty.Telnet.Tests.Malformed;

/// <summary>Our client against a fake server that sends broken or hostile Telnet.</summary>
public sealed class MalformedServerStreamTests
{
    private const byte Iac = 255;

    private static async Task<(TelnetClient Client, Socket Peer)> ConnectAsync(FakePeer fake, TelnetClientOptions? options = null)
    {
        var client = await TelnetClient.ConnectAsync("127.0.0.1", fake.Port, options, Timeouts.Token());
        return (client, await fake.AcceptAsync());
    }

    [Fact]
    public async Task Iac_split_across_every_tcp_segment_boundary_is_reassembled()
    {
        byte[] wire = [(byte)'a', Iac, Iac, (byte)'b', Iac, 251, 3, 13, 0, Iac, 250, 24, 1, Iac, 240, (byte)'c', Iac, Iac];
        byte[] expected = [(byte)'a', 255, (byte)'b', 13, (byte)'c', 255];
        await using var fake = new FakePeer();
        var (client, peer) = await ConnectAsync(fake);
        await using (client)
        using (peer)
        {
            // One byte per send with no delay still coalesces; the parser test covers every split
            // deterministically, this one proves the socket path carries the state across reads.
            foreach (var b in wire)
            {
                await peer.SendAsync(new[] { b }, SocketFlags.None);
            }

            Assert.Equal(expected, await StreamReading.ReadExactlyAsync(client.Stream, expected.Length));
            Assert.True(client.SuppressGoAhead);
        }
    }

    [Fact]
    public async Task Unterminated_subnegotiation_ends_cleanly_at_close_with_a_warning()
    {
        var log = new RecordingLogger();
        await using var fake = new FakePeer();
        var (client, peer) = await ConnectAsync(fake, new TelnetClientOptions { Logger = log });
        await using (client)
        {
            await peer.SendAsync("before"u8.ToArray().Concat(new byte[] { Iac, 250, 24, 1, 2, 3 }).Concat("swallowed"u8.ToArray()).ToArray(), SocketFlags.None);
            peer.Shutdown(SocketShutdown.Both);
            peer.Dispose();

            var data = await StreamReading.ReadToEndAsync(client.Stream);
            Assert.Equal("before"u8.ToArray(), data);
            Assert.True(log.HasWarning("inside a subnegotiation"), "no warning about the unterminated subnegotiation");
        }
    }

    [Fact]
    public async Task One_megabyte_subnegotiation_is_dropped_and_the_session_continues()
    {
        var log = new RecordingLogger();
        await using var fake = new FakePeer();
        var (client, peer) = await ConnectAsync(fake, new TelnetClientOptions { Logger = log });
        await using (client)
        using (peer)
        {
            var huge = new byte[1024 * 1024];
            Array.Fill(huge, (byte)'z');
            var send = Task.Run(async () =>
            {
                await peer.SendAsync(new byte[] { (byte)'A', Iac, 250, 39 }, SocketFlags.None);
                await peer.SendAsync(huge, SocketFlags.None);
                await peer.SendAsync(new byte[] { Iac, 240, (byte)'B' }, SocketFlags.None);
            });

            Assert.Equal("AB"u8.ToArray(), await StreamReading.ReadExactlyAsync(client.Stream, 2));
            await send.WaitAsync(Timeouts.Step);
            Assert.True(log.HasWarning("1048576-byte subnegotiation"), "no overflow warning logged");

            // Still usable both ways.
            await client.Stream.WriteAsync("ok"u8.ToArray(), Timeouts.Token());
            var back = new byte[2];
            await using var peerStream = new NetworkStream(peer, ownsSocket: false);
            await peerStream.ReadExactlyAsync(back, Timeouts.Token());
            Assert.Equal("ok"u8.ToArray(), back);
        }
    }

    [Fact]
    public async Task Oversized_subnegotiation_fails_clearly_when_configured_to()
    {
        await using var fake = new FakePeer();
        var (client, peer) = await ConnectAsync(fake, new TelnetClientOptions
        {
            MaxSubnegotiationLength = 1024,
            SubnegotiationOverflow = SubnegotiationOverflowAction.Fail,
        });
        await using (client)
        using (peer)
        {
            await peer.SendAsync(new byte[] { Iac, 250, 24 }.Concat(new byte[5000]).Concat(new byte[] { Iac, 240 }).ToArray(), SocketFlags.None);
            var error = await Assert.ThrowsAsync<TelnetProtocolException>(() => StreamReading.ReadToEndAsync(client.Stream));
            Assert.Contains("5000-byte subnegotiation", error.Message, StringComparison.Ordinal);
            Assert.Contains("MaxSubnegotiationLength", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Option_storm_gets_a_bounded_exact_number_of_replies_and_data_still_flows()
    {
        const int flips = 5000;
        await using var fake = new FakePeer();
        var (client, peer) = await ConnectAsync(fake);
        using (peer)
        {
            var storm = new List<byte>();
            for (var i = 0; i < flips; i++)
            {
                storm.AddRange([Iac, 253, 3, Iac, 254, 3]);     // DO SGA, DONT SGA   -> WILL, WONT
                storm.AddRange([Iac, 253, 1, Iac, 254, 1]);     // DO ECHO (refused)  -> WONT; DONT -> nothing
                storm.AddRange([Iac, 251, 1, Iac, 252, 1]);     // WILL ECHO, WONT ECHO -> DO, DONT
                storm.AddRange([Iac, 251, 39, Iac, 252, 39]);   // WILL NEW-ENVIRON (refused) -> DONT; WONT -> nothing
            }

            storm.AddRange("END"u8.ToArray());
            var replies = FakePeer.ReadToEndAsync(peer);
            await peer.SendAsync(storm.ToArray(), SocketFlags.None);
            Assert.Equal("END"u8.ToArray(), await StreamReading.ReadExactlyAsync(client.Stream, 3));
            await client.Stream.WriteAsync("bye"u8.ToArray(), Timeouts.Token());
            await client.DisposeAsync();

            var bytes = await replies.WaitAsync(Timeouts.Step);
            var commands = 0;
            for (var i = 0; i + 2 < bytes.Length; i++)
            {
                if (bytes[i] == Iac && bytes[i + 1] is >= 251 and <= 254)
                {
                    commands++;
                    i += 2;
                }
            }

            Assert.Equal(6 * flips, commands);
            Assert.EndsWith("bye", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
            Assert.False(client.SuppressGoAhead);
            Assert.False(client.RemoteEcho);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Random_garbage_never_hangs_and_ends_cleanly_or_with_a_telnet_error(int seed)
    {
        await using var fake = new FakePeer();
        var (client, peer) = await ConnectAsync(fake);
        await using (client)
        {
            var garbage = new byte[256 * 1024];
            new Random(seed).NextBytes(garbage);
            var drain = FakePeer.ReadToEndAsync(peer);
            await peer.SendAsync(garbage, SocketFlags.None);
            peer.Shutdown(SocketShutdown.Send);

            try
            {
                var data = await StreamReading.ReadToEndAsync(client.Stream);
                Assert.True(data.Length <= garbage.Length);
            }
            catch (TelnetException)
            {
                // A clear, typed failure is an accepted outcome.
            }

            await client.DisposeAsync();
            await drain.WaitAsync(Timeouts.Step);
            peer.Dispose();
        }
    }
}
