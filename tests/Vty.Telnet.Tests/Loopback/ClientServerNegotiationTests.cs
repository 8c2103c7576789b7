using Vty.Telnet.Protocol;
using Vty.Telnet.Tests.Infrastructure;

namespace Vty.Telnet.Tests.Loopback;

public sealed class ClientServerNegotiationTests
{
    [Fact]
    public async Task Server_sees_terminal_type_and_window_size_and_client_gets_echo_and_sga()
    {
        await using var server = new LoopbackServer(async (c, token) =>
        {
            await c.Stream.WriteAsync("ready\r\n"u8.ToArray(), token);
            await LoopbackServer.EchoAsync(c, token);
        });
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", server.Port,
            new TelnetClientOptions { TerminalType = "VT220-TEST", Columns = 100, Rows = 40 }, Timeouts.Token());

        var connection = await server.FirstConnection;
        Assert.Equal("VT220-TEST", connection.TerminalType);
        Assert.Equal((100, 40), connection.WindowSize);
        Assert.True(connection.Echo);

        await new TextWaiter(client).ReadUntilAsync("ready\r\n");
        Assert.True(client.RemoteEcho);
        Assert.True(client.SuppressGoAhead);
        Assert.True(client.TerminalTypeNegotiated);
        Assert.True(client.WindowSizeNegotiated);
        Assert.False(client.IsOptionEnabled(TelnetOption.Echo, local: true));
    }

    [Fact]
    public async Task Window_size_change_is_resent_and_raised_on_the_server()
    {
        var changed = new TaskCompletionSource<(int, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new LoopbackServer(async (c, token) =>
        {
            c.WindowSizeChanged += (cols, rows) => changed.TrySetResult((cols, rows));
            await c.Stream.WriteAsync("ready\r\n"u8.ToArray(), token);
            await LoopbackServer.EchoAsync(c, token);
        });
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", server.Port, null, Timeouts.Token());
        await new TextWaiter(client).ReadUntilAsync("ready\r\n");
        var connection = await server.FirstConnection;
        Assert.Equal((80, 24), connection.WindowSize);

        await client.SetWindowSizeAsync(255, 511, Timeouts.Token());   // 255 must travel as IAC IAC

        Assert.Equal((255, 511), await changed.Task.WaitAsync(Timeouts.Step));
        Assert.Equal((255, 511), connection.WindowSize);
    }

    [Fact]
    public async Task Binary_requested_gives_exact_round_trip_of_every_byte_value()
    {
        await using var server = new LoopbackServer(LoopbackServer.EchoAsync);
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", server.Port,
            new TelnetClientOptions { RequestBinary = true }, Timeouts.Token());
        Assert.True(await client.WaitForOptionAsync(TelnetOption.Binary, Timeouts.Step, Timeouts.Token()));
        Assert.True(client.BinarySend);
        Assert.True(client.BinaryReceive);
        var connection = await server.FirstConnection;
        Assert.True(connection.BinaryReceive);
        Assert.True(connection.BinarySend);

        var payload = Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 7 % 256))
            .Concat(new byte[] { 13, 0, 13, 255, 255, 255, 13 }).ToArray();
        var send = client.Stream.WriteAsync(payload, Timeouts.Token()).AsTask();
        var received = await StreamReading.ReadExactlyAsync(client.Stream, payload.Length);
        await send.WaitAsync(Timeouts.Step);
        Assert.Equal(payload, received);
    }

    [Fact]
    public async Task Large_write_to_an_echoing_peer_does_not_deadlock_the_receive_side()
    {
        // While one 8 MiB write is in progress the echo comes back; the receive pump must keep
        // reading (it must not wait for the send lock) or both ends block on full buffers.
        await using var server = new LoopbackServer(LoopbackServer.EchoAsync);
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", server.Port, null, Timeouts.Token());
        var payload = new byte[8 * 1024 * 1024];
        new Random(7).NextBytes(payload);
        var reading = StreamReading.ReadExactlyAsync(client.Stream, payload.Length);
        await client.Stream.WriteAsync(payload, Timeouts.Token());
        Assert.Equal(payload, await reading);
    }

    [Fact]
    public async Task Without_binary_ff_and_cr_nul_still_round_trip()
    {
        await using var server = new LoopbackServer(LoopbackServer.EchoAsync);
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", server.Port, null, Timeouts.Token());
        var payload = new byte[] { 255, 1, 255, 255, 13, 0, 13, 10, 13, 42, 13 };
        await client.Stream.WriteAsync(payload, Timeouts.Token());
        Assert.Equal(payload, await StreamReading.ReadExactlyAsync(client.Stream, payload.Length));
        Assert.False(client.BinarySend);
    }

    [Fact]
    public async Task Utf8_text_helpers_round_trip_multibyte_characters()
    {
        await using var server = new LoopbackServer(LoopbackServer.EchoAsync);
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", server.Port,
            new TelnetClientOptions { Encoding = System.Text.Encoding.UTF8 }, Timeouts.Token());
        const string text = "grüße ✓ ÿ end";
        await client.WriteTextAsync(text, Timeouts.Token());
        Assert.Equal(text, await new TextWaiter(client).ReadUntilAsync("end", Timeouts.Step));
    }

    [Fact]
    public async Task Latin1_is_the_default_and_maps_bytes_to_chars()
    {
        await using var server = new LoopbackServer(LoopbackServer.EchoAsync);
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", server.Port, null, Timeouts.Token());
        Assert.Equal("iso-8859-1", client.Encoding.WebName);
        await client.Stream.WriteAsync(new byte[] { 0xE9, 0xFF, (byte)'!' }, Timeouts.Token());
        Assert.Equal("é\u00ff!", await new TextWaiter(client).ReadUntilAsync("!", Timeouts.Step));
    }

    [Fact]
    public async Task Are_you_there_is_answered_and_commands_reach_the_server_handler()
    {
        var command = new TaskCompletionSource<TelnetCommand>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new LoopbackServer(async (c, token) =>
        {
            c.CommandReceived += cmd =>
            {
                if (cmd == TelnetCommand.InterruptProcess)
                {
                    command.TrySetResult(cmd);
                }
            };
            await LoopbackServer.EchoAsync(c, token);
        });
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", server.Port, null, Timeouts.Token());
        await server.FirstConnection;
        await client.SendCommandAsync(TelnetCommand.AreYouThere, Timeouts.Token());
        await new TextWaiter(client).ReadUntilAsync("[Yes]", Timeouts.Step);
        await client.SendCommandAsync(TelnetCommand.InterruptProcess, Timeouts.Token());
        await client.SendSynchAsync(Timeouts.Token());
        Assert.Equal(TelnetCommand.InterruptProcess, await command.Task.WaitAsync(Timeouts.Step));
    }

    [Fact]
    public async Task Client_can_turn_off_remote_echo_and_server_reports_it()
    {
        await using var server = new LoopbackServer(LoopbackServer.EchoAsync);
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", server.Port, null, Timeouts.Token());
        var connection = await server.FirstConnection;
        Assert.True(connection.Echo);
        await client.RequestOptionAsync(TelnetOption.Echo, local: false, enable: false, Timeouts.Token());
        Assert.True(await client.WaitForOptionAsync(TelnetOption.Echo, Timeouts.Step, Timeouts.Token()));
        Assert.False(client.RemoteEcho);

        // Data sent after the DONT is echoed by the handler after the server processed it.
        await client.Stream.WriteAsync("x"u8.ToArray(), Timeouts.Token());
        await StreamReading.ReadExactlyAsync(client.Stream, 1);
        Assert.False(connection.Echo);
    }
}
