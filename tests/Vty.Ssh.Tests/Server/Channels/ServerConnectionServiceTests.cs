using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Ssh.Server;
using Vty.Ssh.Server.Channels;
using Vty.Ssh.Server.Connections;
using Vty.Ssh.Tests.Server.Support;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Tests.Server.Channels;

public sealed class ServerConnectionServiceTests
{
    private static readonly SshServerConnectionInfo Info = new("lab", null, "SSH-2.0-Test", ["password"]);

    private static Task Run(FakePacketChannel channel, SshServerOptions options, CancellationToken stopping = default) =>
        new ServerConnectionService(channel, options, Info, NullLogger.Instance).RunAsync(stopping);

    private static void Open(FakePacketChannel channel, uint sender, uint window = 1 << 20, string type = "session", Action<SshWriter>? extra = null) => channel.Send(w =>
    {
        w.WriteByte(SshMessageNumber.ChannelOpen);
        w.WriteString(type);
        w.WriteUInt32(sender);
        w.WriteUInt32(window);
        w.WriteUInt32(32768);
        extra?.Invoke(w);
    });

    private static void Request(FakePacketChannel channel, uint recipient, string name, bool wantReply, Action<SshWriter>? body = null) => channel.Send(w =>
    {
        w.WriteByte(SshMessageNumber.ChannelRequest);
        w.WriteUInt32(recipient);
        w.WriteString(name);
        w.WriteBoolean(wantReply);
        body?.Invoke(w);
    });

    private static void Data(FakePacketChannel channel, uint recipient, string text) => channel.Send(w =>
    {
        w.WriteByte(SshMessageNumber.ChannelData);
        w.WriteUInt32(recipient);
        w.WriteString(Encoding.UTF8.GetBytes(text));
    });

    private static void Simple(FakePacketChannel channel, byte number, uint recipient) => channel.Send(w =>
    {
        w.WriteByte(number);
        w.WriteUInt32(recipient);
    });

    private static async Task<uint> ConfirmedAsync(FakePacketChannel channel, uint sender)
    {
        byte[] confirm = await channel.NextAsync();
        Assert.Equal(SshMessageNumber.ChannelOpenConfirmation, confirm[0]);
        var r = new SshReader(confirm.AsSpan(1));
        Assert.Equal(sender, r.ReadUInt32());
        return r.ReadUInt32();
    }

    private static string DataText(byte[] message, bool extended = false)
    {
        var r = new SshReader(message.AsSpan(1));
        r.ReadUInt32();
        if (extended) Assert.Equal(1u, r.ReadUInt32());
        return Encoding.UTF8.GetString(r.ReadStringBytes());
    }

    [Fact]
    public async Task Exec_runs_the_handler_and_reports_stdout_stderr_and_exit_status()
    {
        var channel = new FakePacketChannel();
        string? command = null;
        var options = new SshServerOptions
        {
            SessionHandler = async (session, ct) =>
            {
                command = session.Command;
                Assert.Equal(SshSessionKind.Exec, session.Kind);
                Assert.Null(session.Pty);
                Assert.Equal("C", session.Environment["LANG"]);
                await session.Stream.WriteAsync("Cisco IOS\n"u8.ToArray(), ct);
                await session.StandardError.WriteAsync("warning\n"u8.ToArray(), ct);
                return 3;
            },
        };
        var run = Run(channel, options);
        Open(channel, 7);
        uint id = await ConfirmedAsync(channel, 7);
        Request(channel, id, "env", true, w => { w.WriteString("LANG"); w.WriteString("C"); });
        Assert.Equal(SshMessageNumber.ChannelSuccess, (await channel.NextAsync())[0]);
        Request(channel, id, "exec", true, w => w.WriteString("show version"));
        Assert.Equal(SshMessageNumber.ChannelSuccess, (await channel.NextAsync())[0]);

        Assert.Equal("Cisco IOS\n", DataText(await channel.NextOfTypeAsync(SshMessageNumber.ChannelData)));
        Assert.Equal("warning\n", DataText(await channel.NextOfTypeAsync(SshMessageNumber.ChannelExtendedData), extended: true));
        byte[] status = await channel.NextOfTypeAsync(SshMessageNumber.ChannelRequest);
        var r = new SshReader(status.AsSpan(1));
        Assert.Equal(7u, r.ReadUInt32());
        Assert.Equal("exit-status", r.ReadString());
        Assert.False(r.ReadBoolean());
        Assert.Equal(3u, r.ReadUInt32());
        Assert.Equal(SshMessageNumber.ChannelEof, (await channel.NextAsync())[0]);
        Assert.Equal(SshMessageNumber.ChannelClose, (await channel.NextAsync())[0]);
        Assert.Equal("show version", command);

        Simple(channel, SshMessageNumber.ChannelClose, id);
        channel.Close();
        await run.WaitAsync(FakePacketChannel.Timeout);
    }

    [Fact]
    public async Task Shell_with_pty_sees_the_terminal_size_window_changes_input_and_eof()
    {
        var channel = new FakePacketChannel();
        var resized = new TaskCompletionSource<(int, int)>();
        var options = new SshServerOptions
        {
            SessionHandler = async (session, ct) =>
            {
                Assert.Equal(SshSessionKind.Shell, session.Kind);
                Assert.Equal("vt100", session.Pty!.TerminalType);
                Assert.Equal((132, 50), (session.Columns, session.Rows));
                session.WindowChanged += (c, r) => resized.TrySetResult((c, r));
                var buffer = new byte[100];
                var input = new StringBuilder();
                int n;
                while ((n = await session.Stream.ReadAsync(buffer, ct)) > 0)
                {
                    input.Append(Encoding.UTF8.GetString(buffer, 0, n));
                    await session.Stream.WriteAsync(buffer.AsMemory(0, n), ct);
                }
                return input.ToString() == "hello\n" ? 0 : 1;
            },
        };
        var run = Run(channel, options);
        Open(channel, 1);
        uint id = await ConfirmedAsync(channel, 1);
        Request(channel, id, "pty-req", true, w =>
        {
            w.WriteString("vt100");
            w.WriteUInt32(132);
            w.WriteUInt32(50);
            w.WriteUInt32(0);
            w.WriteUInt32(0);
            w.WriteString([0]);
        });
        Assert.Equal(SshMessageNumber.ChannelSuccess, (await channel.NextAsync())[0]);
        Request(channel, id, "shell", true);
        Assert.Equal(SshMessageNumber.ChannelSuccess, (await channel.NextAsync())[0]);
        Data(channel, id, "hello\n");
        Assert.Equal("hello\n", DataText(await channel.NextOfTypeAsync(SshMessageNumber.ChannelData)));
        // The handler is reading (and subscribed) by now.
        Request(channel, id, "window-change", false, w => { w.WriteUInt32(100); w.WriteUInt32(40); w.WriteUInt32(0); w.WriteUInt32(0); });
        Assert.Equal((100, 40), await resized.Task.WaitAsync(FakePacketChannel.Timeout));
        Simple(channel, SshMessageNumber.ChannelEof, id);

        byte[] status = await channel.NextOfTypeAsync(SshMessageNumber.ChannelRequest);
        var r = new SshReader(status.AsSpan(1));
        r.ReadUInt32();
        Assert.Equal("exit-status", r.ReadString());
        r.ReadBoolean();
        Assert.Equal(0u, r.ReadUInt32());
        channel.Close();
        await run.WaitAsync(FakePacketChannel.Timeout);
    }

    [Fact]
    public async Task Signals_reach_the_handler_and_unknown_requests_fail()
    {
        var channel = new FakePacketChannel();
        var signal = new TaskCompletionSource<string>();
        var subscribed = new TaskCompletionSource();
        var options = new SshServerOptions
        {
            SessionHandler = async (session, ct) =>
            {
                session.SignalReceived += name => signal.TrySetResult(name);
                subscribed.SetResult();
                return await signal.Task.WaitAsync(ct) == "INT" ? 130 : 0;
            },
        };
        var run = Run(channel, options);
        Open(channel, 1);
        uint id = await ConfirmedAsync(channel, 1);
        Request(channel, id, "x11-req", true, w => { w.WriteBoolean(false); w.WriteString("MIT-MAGIC-COOKIE-1"); w.WriteString("00"); w.WriteUInt32(0); });
        Assert.Equal(SshMessageNumber.ChannelFailure, (await channel.NextAsync())[0]);
        Request(channel, id, "exec", true, w => w.WriteString("sleep 100"));
        Assert.Equal(SshMessageNumber.ChannelSuccess, (await channel.NextAsync())[0]);
        await subscribed.Task.WaitAsync(FakePacketChannel.Timeout);
        Request(channel, id, "signal", false, w => w.WriteString("INT"));

        byte[] status = await channel.NextOfTypeAsync(SshMessageNumber.ChannelRequest);
        var r = new SshReader(status.AsSpan(1));
        r.ReadUInt32();
        Assert.Equal("exit-status", r.ReadString());
        r.ReadBoolean();
        Assert.Equal(130u, r.ReadUInt32());
        channel.Close();
        await run.WaitAsync(FakePacketChannel.Timeout);
    }

    [Fact]
    public async Task Output_waits_for_the_clients_window()
    {
        var channel = new FakePacketChannel();
        var options = new SshServerOptions
        {
            SessionHandler = async (session, ct) =>
            {
                await session.Stream.WriteAsync(Encoding.ASCII.GetBytes(new string('x', 25)), ct);
                return 0;
            },
        };
        var run = Run(channel, options);
        Open(channel, 1, window: 10);
        uint id = await ConfirmedAsync(channel, 1);
        Request(channel, id, "exec", false, w => w.WriteString("dump"));
        Assert.Equal(10, DataText(await channel.NextOfTypeAsync(SshMessageNumber.ChannelData)).Length);

        // Nothing more may come until the window grows.
        Assert.True(await channel.StaysQuietAsync(TimeSpan.FromMilliseconds(300)));

        channel.Send(w => { w.WriteByte(SshMessageNumber.ChannelWindowAdjust); w.WriteUInt32(id); w.WriteUInt32(100); });
        Assert.Equal(15, DataText(await channel.NextOfTypeAsync(SshMessageNumber.ChannelData)).Length);
        Assert.Equal(SshMessageNumber.ChannelRequest, (await channel.NextAsync())[0]);
        channel.Close();
        await run.WaitAsync(FakePacketChannel.Timeout);
    }

    [Fact]
    public async Task A_client_opening_too_many_channels_is_disconnected()
    {
        var channel = new FakePacketChannel();
        var run = Run(channel, new SshServerOptions { MaxChannelsPerConnection = 10 });
        for (uint i = 0; i < 1000; i++) Open(channel, i);

        await run.WaitAsync(FakePacketChannel.Timeout);
        Assert.Equal(SshDisconnectReason.TooManyConnections, channel.Disconnected?.Reason);
        int confirmations = 0;
        try
        {
            while (true)
            {
                if ((await channel.NextAsync())[0] == SshMessageNumber.ChannelOpenConfirmation) confirmations++;
            }
        }
        catch (Xunit.Sdk.XunitException) { }
        Assert.Equal(10, confirmations);
    }

    [Fact]
    public async Task Direct_tcpip_is_refused_without_a_handler_and_unknown_subsystems_fail()
    {
        var channel = new FakePacketChannel();
        var options = new SshServerOptions { SessionHandler = (_, _) => Task.FromResult(0) };
        options.Subsystems["netconf"] = async (session, ct) =>
        {
            await session.Stream.WriteAsync("<hello/>"u8.ToArray(), ct);
            return 0;
        };
        var run = Run(channel, options);
        Open(channel, 5, type: "direct-tcpip", extra: w => { w.WriteString("10.0.0.1"); w.WriteUInt32(80); w.WriteString("127.0.0.1"); w.WriteUInt32(5555); });
        byte[] failure = await channel.NextAsync();
        Assert.Equal(SshMessageNumber.ChannelOpenFailure, failure[0]);
        var r = new SshReader(failure.AsSpan(1));
        Assert.Equal(5u, r.ReadUInt32());
        Assert.Equal(1u, r.ReadUInt32()); // administratively prohibited

        Open(channel, 6);
        uint id = await ConfirmedAsync(channel, 6);
        Request(channel, id, "subsystem", true, w => w.WriteString("sftp"));
        Assert.Equal(SshMessageNumber.ChannelFailure, (await channel.NextAsync())[0]);
        Request(channel, id, "subsystem", true, w => w.WriteString("netconf"));
        Assert.Equal(SshMessageNumber.ChannelSuccess, (await channel.NextAsync())[0]);
        Assert.Equal("<hello/>", DataText(await channel.NextOfTypeAsync(SshMessageNumber.ChannelData)));
        channel.Close();
        await run.WaitAsync(FakePacketChannel.Timeout);
    }

    [Fact]
    public async Task Data_beyond_the_granted_window_is_a_protocol_error()
    {
        var channel = new FakePacketChannel();
        var run = Run(channel, new SshServerOptions { SessionHandler = (_, _) => Task.FromResult(0) });
        Open(channel, 1);
        uint id = await ConfirmedAsync(channel, 1);
        byte[] chunk = new byte[32 * 1024];
        int chunks = (int)(Vty.Ssh.Connection.SshConnection.DefaultWindowSize / chunk.Length) + 1;
        for (int i = 0; i < chunks; i++)
            channel.Send(w => { w.WriteByte(SshMessageNumber.ChannelData); w.WriteUInt32(id); w.WriteString(chunk); });

        await run.WaitAsync(FakePacketChannel.Timeout);
        Assert.Equal(SshDisconnectReason.ProtocolError, channel.Disconnected?.Reason);
        Assert.Contains("window", channel.Disconnected?.Description);
    }

    [Fact]
    public async Task Stopping_the_server_cancels_handlers_closes_channels_and_disconnects()
    {
        var channel = new FakePacketChannel();
        var started = new TaskCompletionSource();
        var options = new SshServerOptions
        {
            SessionHandler = async (session, ct) =>
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
                return 0;
            },
        };
        using var stopping = new CancellationTokenSource();
        var run = Run(channel, options, stopping.Token);
        Open(channel, 1);
        uint id = await ConfirmedAsync(channel, 1);
        Request(channel, id, "shell", false);
        await started.Task.WaitAsync(FakePacketChannel.Timeout);

        await stopping.CancelAsync();
        await run.WaitAsync(FakePacketChannel.Timeout);
        Assert.Equal(SshMessageNumber.ChannelClose, (await channel.NextOfTypeAsync(SshMessageNumber.ChannelClose))[0]);
        Assert.Equal(SshDisconnectReason.ByApplication, channel.Disconnected?.Reason);
    }
}
