using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Ssh.Server;
using Vty.Ssh.Server.Connections;
using Vty.Ssh.Tests.Server.Support;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Tests.Reach;

/// <summary>
/// The shared channel layer in the server role, message by message: a channel handed to a task at
/// once still never sends before its confirmation, refusals carry the handler's reason code, and
/// tcpip-forward answers with the port it bound.
/// </summary>
public sealed class ChannelLayerOrderingTests
{
    private static readonly SshServerConnectionInfo Info = new("lab", null, "SSH-2.0-Test", ["password"]);

    private static Task Run(FakePacketChannel channel, SshServerOptions options) =>
        new ServerConnectionService(channel, options, Info, NullLogger.Instance).RunAsync(CancellationToken.None);

    private static void OpenDirectTcpip(FakePacketChannel channel, uint sender, string host, int port) => channel.Send(w =>
    {
        w.WriteByte(SshMessageNumber.ChannelOpen);
        w.WriteString("direct-tcpip");
        w.WriteUInt32(sender);
        w.WriteUInt32(1 << 20);
        w.WriteUInt32(32768);
        w.WriteString(host);
        w.WriteUInt32((uint)port);
        w.WriteString("127.0.0.1");
        w.WriteUInt32(5555);
    });

    [Fact]
    public async Task A_target_that_talks_first_is_confirmed_before_its_bytes_then_eof_and_close_follow()
    {
        var channel = new FakePacketChannel();
        var options = new SshServerOptions
        {
            // A target that has its answer ready at once (like a banner): the bridge starts writing immediately.
            DirectTcpipHandler = (_, _) => ValueTask.FromResult<Stream?>(new MemoryStream(Encoding.ASCII.GetBytes("SSH-2.0-Banner\r\n"))),
        };
        Task run = Run(channel, options);
        OpenDirectTcpip(channel, 9, "10.0.0.1", 22);

        byte[] first = await channel.NextAsync();
        Assert.Equal(SshMessageNumber.ChannelOpenConfirmation, first[0]);
        Assert.Equal(9u, new SshReader(first.AsSpan(1)).ReadUInt32());
        byte[] data = await channel.NextAsync();
        Assert.Equal(SshMessageNumber.ChannelData, data[0]);
        var r = new SshReader(data.AsSpan(1));
        Assert.Equal(9u, r.ReadUInt32());
        Assert.Equal("SSH-2.0-Banner\r\n", Encoding.ASCII.GetString(r.ReadStringBytes()));
        Assert.Equal(SshMessageNumber.ChannelEof, (await channel.NextAsync())[0]);
        // Half-closed: the target is done talking but may still listen, until the client's EOF.
        Assert.True(await channel.StaysQuietAsync(TimeSpan.FromMilliseconds(200)));
        uint serverId = new SshReader(first.AsSpan(5)).ReadUInt32();
        channel.Send(w => { w.WriteByte(SshMessageNumber.ChannelEof); w.WriteUInt32(serverId); });
        Assert.Equal(SshMessageNumber.ChannelClose, (await channel.NextAsync())[0]);
        channel.Close();
        await run.WaitAsync(FakePacketChannel.Timeout);
    }

    [Theory]
    [InlineData(false, 1u, "forwarding refused")]
    [InlineData(true, 2u, "connect failed")]
    public async Task A_handler_refusal_or_failure_is_reported_with_the_matching_reason(bool fail, uint reason, string description)
    {
        var channel = new FakePacketChannel();
        var options = new SshServerOptions
        {
            DirectTcpipHandler = (_, _) => fail ? throw new SocketException((int)SocketError.ConnectionRefused) : ValueTask.FromResult<Stream?>(null),
        };
        Task run = Run(channel, options);
        OpenDirectTcpip(channel, 4, "10.0.0.1", 80);
        byte[] failure = await channel.NextAsync();
        Assert.Equal(SshMessageNumber.ChannelOpenFailure, failure[0]);
        var r = new SshReader(failure.AsSpan(1));
        Assert.Equal(4u, r.ReadUInt32());
        Assert.Equal(reason, r.ReadUInt32());
        Assert.Equal(description, r.ReadString());
        channel.Close();
        await run.WaitAsync(FakePacketChannel.Timeout);
    }

    [Fact]
    public async Task Tcpip_forward_to_port_zero_answers_with_the_bound_port_and_cancel_releases_it()
    {
        var channel = new FakePacketChannel();
        Task run = Run(channel, new SshServerOptions { TcpipForwardHandler = SshServerForwarding.AllowRemote() });
        channel.Send(w =>
        {
            w.WriteByte(SshMessageNumber.GlobalRequest);
            w.WriteString("tcpip-forward");
            w.WriteBoolean(true);
            w.WriteString("localhost");
            w.WriteUInt32(0);
        });
        byte[] reply = await channel.NextAsync();
        Assert.Equal(SshMessageNumber.RequestSuccess, reply[0]);
        int port = (int)new SshReader(reply.AsSpan(1)).ReadUInt32();
        using (var probe = new TcpClient())
            await probe.ConnectAsync(IPAddress.Loopback, port); // the server listens there now

        channel.Send(w =>
        {
            w.WriteByte(SshMessageNumber.GlobalRequest);
            w.WriteString("cancel-tcpip-forward");
            w.WriteBoolean(true);
            w.WriteString("localhost");
            w.WriteUInt32((uint)port);
        });
        Assert.Equal(SshMessageNumber.RequestSuccess, (await channel.NextOfTypeAsync(SshMessageNumber.RequestSuccess))[0]);
        using (var refused = new TcpClient())
            await Assert.ThrowsAsync<SocketException>(() => refused.ConnectAsync(IPAddress.Loopback, port));
        channel.Close();
        await run.WaitAsync(FakePacketChannel.Timeout);
    }
}
