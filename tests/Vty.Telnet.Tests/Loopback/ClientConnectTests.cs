using System.Net;
using Vty.Telnet.Tests.Infrastructure;

namespace Vty.Telnet.Tests.Loopback;

public sealed class ClientConnectTests
{
    [Fact]
    public async Task Connects_by_host_name()
    {
        await using var server = new LoopbackServer(LoopbackServer.EchoAsync);
        await using var client = await TelnetClient.ConnectAsync("localhost", server.Port, null, Timeouts.Token());
        await client.Stream.WriteAsync("hi"u8.ToArray(), Timeouts.Token());
        Assert.Equal("hi"u8.ToArray(), await StreamReading.ReadExactlyAsync(client.Stream, 2));
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("[::1]")]
    public async Task Connects_by_ipv6_literal(string host)
    {
        await using var server = new LoopbackServer(LoopbackServer.EchoAsync, address: IPAddress.IPv6Loopback);
        await using var client = await TelnetClient.ConnectAsync(host, server.Port, null, Timeouts.Token());
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetworkV6, client.RemoteEndPoint.AddressFamily);
        var connection = await server.FirstConnection;
        Assert.Equal("xterm", connection.TerminalType);
    }

    [Fact]
    public async Task Server_on_ipv6_any_serves_ipv4_clients_too()
    {
        await using var server = new LoopbackServer(LoopbackServer.EchoAsync, address: IPAddress.IPv6Any);
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", server.Port, null, Timeouts.Token());
        await client.Stream.WriteAsync("v4"u8.ToArray(), Timeouts.Token());
        Assert.Equal("v4"u8.ToArray(), await StreamReading.ReadExactlyAsync(client.Stream, 2));
    }

    [Fact]
    public async Task Refused_connection_is_a_clear_connection_error()
    {
        var port = Vty.TestSupport.FreePort.Next();
        var error = await Assert.ThrowsAsync<TelnetConnectionException>(() =>
            TelnetClient.ConnectAsync("127.0.0.1", port, null, Timeouts.Token()));
        Assert.Contains($"port {port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_timeout_is_a_clear_connection_error()
    {
        // A listener whose backlog is full never completes further handshakes... on Linux it
        // drops SYNs instead, so the connect stays pending until our timeout fires.
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<System.Net.Sockets.Socket>();
        try
        {
            var options = new TelnetClientOptions { ConnectTimeout = TimeSpan.FromMilliseconds(300) };
            TelnetConnectionException? error = null;
            for (var i = 0; i < 8 && error is null; i++)
            {
                try
                {
                    var filler = await TelnetClient.ConnectAsync("127.0.0.1", port, options, Timeouts.Token());
                    await filler.DisposeAsync();
                }
                catch (TelnetConnectionException ex)
                {
                    error = ex;
                }

                var raw = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                fillers.Add(raw);
                _ = raw.ConnectAsync(IPAddress.Loopback, port);
            }

            Assert.NotNull(error);
            Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            fillers.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Unknown_host_name_is_a_clear_connection_error()
    {
        var error = await Assert.ThrowsAsync<TelnetConnectionException>(() =>
            TelnetClient.ConnectAsync("no-such-host.invalid", 23, new TelnetClientOptions { ConnectTimeout = TimeSpan.FromSeconds(5) }, Timeouts.Token()));
        Assert.Contains("no-such-host.invalid", error.Message, StringComparison.Ordinal);
    }
}
