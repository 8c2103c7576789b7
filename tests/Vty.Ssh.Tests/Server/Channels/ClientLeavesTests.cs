using System.Text;
using Vty.Ssh.Server;
using Vty.Ssh.Server.Connections;
using Vty.Ssh.Tests.Server.Support;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Tests.Server.Channels;

/// <summary>
/// A client that closes its shell and disconnects at once, as Vty's own client and OpenSSH's do:
/// the ordinary end of a session, which the server takes without errors, warnings or
/// cancellations (a fleet ends thousands of sessions this way).
/// </summary>
public sealed class ClientLeavesTests
{
    private static readonly SshServerConnectionInfo Info = new("lab", null, "SSH-2.0-Test", ["password"]);

    [Fact]
    public async Task A_shell_closed_and_left_at_once_ends_with_end_of_input_and_no_warning()
    {
        var channel = new FakePacketChannel();
        var log = new TestLog();
        var handlerEnd = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new SshServerOptions
        {
            SessionHandler = async (session, ct) =>
            {
                var buffer = new byte[64];
                try
                {
                    int n;
                    while ((n = await session.Stream.ReadAsync(buffer, ct)) > 0)
                        await session.Stream.WriteAsync(buffer.AsMemory(0, n), ct);
                    handlerEnd.TrySetResult("end of input");
                }
                catch (Exception e)
                {
                    handlerEnd.TrySetResult(e.GetType().Name);
                }
                return 0;
            },
        };
        Task run = new ServerConnectionService(channel, options, Info, log).RunAsync(CancellationToken.None);

        channel.Send(w =>
        {
            w.WriteByte(SshMessageNumber.ChannelOpen);
            w.WriteString("session");
            w.WriteUInt32(5);
            w.WriteUInt32(1 << 20);
            w.WriteUInt32(32768);
        });
        byte[] confirm = await channel.NextAsync();
        Assert.Equal(SshMessageNumber.ChannelOpenConfirmation, confirm[0]);
        var r = new SshReader(confirm.AsSpan(1));
        r.ReadUInt32();
        uint id = r.ReadUInt32();
        channel.Send(w =>
        {
            w.WriteByte(SshMessageNumber.ChannelRequest);
            w.WriteUInt32(id);
            w.WriteString("shell");
            w.WriteBoolean(true);
        });
        Assert.Equal(SshMessageNumber.ChannelSuccess, (await channel.NextAsync())[0]);
        channel.Send(w =>
        {
            w.WriteByte(SshMessageNumber.ChannelData);
            w.WriteUInt32(id);
            w.WriteString(Encoding.UTF8.GetBytes("show clock\n"));
        });
        byte[] echo = await channel.NextOfTypeAsync(SshMessageNumber.ChannelData);
        Assert.Equal(SshMessageNumber.ChannelData, echo[0]);

        // CLOSE is queued, then the DISCONNECT arrives before the server has read the CLOSE.
        channel.Send(w =>
        {
            w.WriteByte(SshMessageNumber.ChannelClose);
            w.WriteUInt32(id);
        });
        channel.Leave();

        await run.WaitAsync(FakePacketChannel.Timeout);
        Assert.Equal("end of input", await handlerEnd.Task.WaitAsync(FakePacketChannel.Timeout));
        Assert.Null(channel.Disconnected);
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("ended: the server disconnected (reason 11)", StringComparison.Ordinal));
    }
}
