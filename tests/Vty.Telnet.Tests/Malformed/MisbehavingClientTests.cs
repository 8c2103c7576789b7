using System.Net;
using System.Net.Sockets;
using Vty.Telnet.Tests.Infrastructure;

namespace Vty.Telnet.Tests.Malformed;

/// <summary>Our server against raw-socket clients that break the protocol; it must keep serving others.</summary>
public sealed class MisbehavingClientTests
{
    private const byte Iac = 255;

    private static async Task<Socket> RawConnectAsync(int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), Timeouts.Token());
        return socket;
    }

    private static async Task AssertStillServesAsync(LoopbackServer server)
    {
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", server.Port, null, Timeouts.Token());
        await client.Stream.WriteAsync("alive"u8.ToArray(), Timeouts.Token());
        Assert.Equal("alive"u8.ToArray(), await StreamReading.ReadExactlyAsync(client.Stream, 5));
    }

    [Fact]
    public async Task Client_that_never_negotiates_is_served_after_the_negotiation_timeout()
    {
        await using var server = new LoopbackServer(LoopbackServer.EchoAsync,
            new TelnetServerOptions { NegotiationTimeout = TimeSpan.FromMilliseconds(200), MaxStartups = TelnetMaxStartups.Unlimited });
        using var raw = await RawConnectAsync(server.Port);
        var connection = await server.FirstConnection;
        Assert.Null(connection.TerminalType);
        Assert.Null(connection.WindowSize);

        await raw.SendAsync("x"u8.ToArray(), SocketFlags.None);
        await using var stream = new NetworkStream(raw, ownsSocket: false);
        var seen = new List<byte>();
        var buffer = new byte[256];
        while (!seen.Contains((byte)'x'))
        {
            var n = await stream.ReadAsync(buffer, Timeouts.Token());
            Assert.True(n > 0, "server closed instead of echoing");
            seen.AddRange(buffer[..n]);
        }

        // The offer came first: WILL ECHO, WILL SGA, DO SGA, DO TTYPE, DO NAWS.
        Assert.Equal(new byte[] { Iac, 251, 1, Iac, 251, 3, Iac, 253, 3, Iac, 253, 24, Iac, 253, 31 }, seen.Take(15).ToArray());
    }

    [Fact]
    public async Task Client_refusing_everything_gets_no_terminal_type_and_no_size_without_waiting_for_the_timeout()
    {
        await using var server = new LoopbackServer(LoopbackServer.EchoAsync,
            new TelnetServerOptions { NegotiationTimeout = TimeSpan.FromSeconds(30), MaxStartups = TelnetMaxStartups.Unlimited });
        using var raw = await RawConnectAsync(server.Port);
        await raw.SendAsync(new byte[] { Iac, 254, 1, Iac, 254, 3, Iac, 252, 3, Iac, 252, 24, Iac, 252, 31 }, SocketFlags.None);
        var connection = await server.FirstConnection;   // would time out (10 s) if the server waited 30 s
        Assert.Null(connection.TerminalType);
        Assert.Null(connection.WindowSize);
        Assert.False(connection.Echo);
    }

    [Fact]
    public async Task Client_closing_during_negotiation_does_not_make_the_server_wait_for_the_timeout()
    {
        await using var server = new LoopbackServer(LoopbackServer.EchoAsync,
            new TelnetServerOptions { NegotiationTimeout = TimeSpan.FromSeconds(60), MaxStartups = TelnetMaxStartups.Unlimited });
        using (var raw = await RawConnectAsync(server.Port))
        {
            raw.Shutdown(SocketShutdown.Send);
        }

        var connection = await server.FirstConnection;   // 10 s bound, far below the 60 s timeout
        Assert.Null(connection.TerminalType);
    }

    [Fact]
    public async Task Garbage_storms_and_huge_subnegotiations_from_clients_do_not_stop_the_server()
    {
        var log = new RecordingLogger();
        await using var server = new LoopbackServer(LoopbackServer.EchoAsync,
            new TelnetServerOptions { NegotiationTimeout = TimeSpan.FromMilliseconds(300), Logger = log, MaxStartups = TelnetMaxStartups.Unlimited });

        // 1 MiB NAWS subnegotiation, then an unterminated one, then the end of the stream.
        using (var raw = await RawConnectAsync(server.Port))
        {
            var payload = new byte[1024 * 1024];
            Array.Fill(payload, (byte)7);
            var drain = DrainAsync(raw);
            await raw.SendAsync(new byte[] { Iac, 250, 31 }.Concat(payload).Concat(new byte[] { Iac, 240, Iac, 250, 24, 0 }).ToArray(), SocketFlags.None);
            raw.Shutdown(SocketShutdown.Send);
            await drain;
        }

        // Thousands of option flips in both directions.
        using (var raw = await RawConnectAsync(server.Port))
        {
            var storm = new List<byte>();
            for (var i = 0; i < 5000; i++)
            {
                storm.AddRange([Iac, 251, 31, Iac, 252, 31, Iac, 253, 1, Iac, 254, 1, Iac, 251, 0, Iac, 252, 0]);
            }

            var drain = DrainAsync(raw);
            await raw.SendAsync(storm.ToArray(), SocketFlags.None);
            raw.Shutdown(SocketShutdown.Send);
            var replies = await drain;
            // One 3-byte reply per request, except the first WILL NAWS and DO ECHO, which answer the
            // server's own opening offer (15 bytes) and need no reply: no loop, no amplification.
            Assert.Equal(storm.Count - 6 + 15, replies.Length);
        }

        // Random garbage.
        using (var raw = await RawConnectAsync(server.Port))
        {
            var garbage = new byte[128 * 1024];
            new Random(42).NextBytes(garbage);
            var drain = DrainAsync(raw);
            await raw.SendAsync(garbage, SocketFlags.None);
            raw.Shutdown(SocketShutdown.Send);
            await drain;
        }

        await AssertStillServesAsync(server);
        Assert.True(log.HasWarning("1048576-byte subnegotiation"), "no overflow warning");
        Assert.True(log.HasWarning("inside a subnegotiation"), "no unterminated-subnegotiation warning");
    }

    [Fact]
    public async Task Clients_resetting_right_after_connecting_do_not_stop_the_accept_loop()
    {
        await using var server = new LoopbackServer(LoopbackServer.EchoAsync,
            new TelnetServerOptions { NegotiationTimeout = TimeSpan.FromMilliseconds(200), MaxStartups = TelnetMaxStartups.Unlimited });
        for (var i = 0; i < 50; i++)
        {
            var raw = await RawConnectAsync(server.Port);
            raw.LingerState = new LingerOption(true, 0);
            raw.Close();   // RST instead of FIN
        }

        await AssertStillServesAsync(server);
    }

    [Fact]
    public async Task A_throwing_handler_only_ends_its_own_connection()
    {
        var calls = 0;
        await using var server = new LoopbackServer(async (c, token) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("handler bug");
            }

            await LoopbackServer.EchoAsync(c, token);
        });

        await using (var first = await TelnetClient.ConnectAsync("127.0.0.1", server.Port, null, Timeouts.Token()))
        {
            Assert.Empty(await StreamReading.ReadToEndAsync(first.Stream));
        }

        await AssertStillServesAsync(server);
    }

    [Fact]
    public async Task Stop_cancels_handlers_closes_connections_and_frees_the_port()
    {
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new LoopbackServer(async (c, token) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                handlerCancelled.TrySetResult();
            }
        }, new TelnetServerOptions { MaxStartups = TelnetMaxStartups.Unlimited });
        var port = server.Port;
        var clients = new List<TelnetClient>();
        for (var i = 0; i < 20; i++)
        {
            clients.Add(await TelnetClient.ConnectAsync("127.0.0.1", port, null, Timeouts.Token()));
        }

        await server.FirstConnection;
        await server.Server.StopAsync().WaitAsync(Timeouts.Step);
        await handlerCancelled.Task.WaitAsync(Timeouts.Step);
        Assert.Equal(0, server.Server.ActiveConnections);
        foreach (var client in clients)
        {
            Assert.Empty(await StreamReading.ReadToEndAsync(client.Stream));
            await client.DisposeAsync();
        }

        await Assert.ThrowsAsync<TelnetConnectionException>(() => TelnetClient.ConnectAsync("127.0.0.1", port, null, Timeouts.Token()));
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Stop_closes_connections_whose_handlers_ignore_cancellation()
    {
        var server = new LoopbackServer(async (c, _) =>
        {
            var buffer = new byte[16];
            while (await c.Stream.ReadAsync(buffer, CancellationToken.None) > 0)
            {
            }
        }, new TelnetServerOptions { StopTimeout = TimeSpan.FromMilliseconds(200), MaxStartups = TelnetMaxStartups.Unlimited });
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", server.Port, null, Timeouts.Token());
        await server.FirstConnection;
        await server.Server.StopAsync().WaitAsync(Timeouts.Step);
        Assert.Empty(await StreamReading.ReadToEndAsync(client.Stream));
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Many_concurrent_clients_are_served_at_once()
    {
        // Fifty clients log in at once on purpose: no early drop here (the flood tests cover it).
        await using var server = new LoopbackServer(LoopbackServer.EchoAsync, new TelnetServerOptions { MaxStartups = TelnetMaxStartups.Unlimited });
        var clients = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            var client = await TelnetClient.ConnectAsync("127.0.0.1", server.Port,
                new TelnetClientOptions { TerminalType = $"term-{i}" }, Timeouts.Token());
            var message = System.Text.Encoding.ASCII.GetBytes($"client-{i:D3}");
            await client.Stream.WriteAsync(message, Timeouts.Token());
            Assert.Equal(message, await StreamReading.ReadExactlyAsync(client.Stream, message.Length));
            return client;
        })).WaitAsync(Timeouts.Login);
        Assert.Equal(50, server.Server.ActiveConnections);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    private static async Task<byte[]> DrainAsync(Socket socket)
    {
        using var memory = new MemoryStream();
        var buffer = new byte[65536];
        using var cts = new CancellationTokenSource(Timeouts.Step);
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (n == 0)
                {
                    break;
                }

                memory.Write(buffer, 0, n);
            }
        }
        catch (SocketException)
        {
            // The server reset a connection we broke on purpose.
        }
        catch (ObjectDisposedException)
        {
            // We closed it ourselves.
        }

        return memory.ToArray();
    }
}
