using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;
using Vty.Ssh.Sftp;

namespace Vty.Ssh.Tests.Sftp;

/// <summary>
/// The client's request engine (pending replies, the timeout sweep, cancellation) against a scripted
/// server over in-memory pipes: replies out of order reach the right callers, a reply that never
/// comes times out alone, and a cancelled request leaves the session usable.
/// </summary>
public sealed class SftpSessionTests
{
    private const byte Init = 1, Version = 2, Stat = 17, Attrs = 105;

    /// <summary>
    /// Answers STAT for "/N" with a size of N, holding replies until <paramref name="batch"/> requests
    /// are in and then answering them last first; never answers "/silent".
    /// </summary>
    private sealed class ScriptedServer(Stream requests, Stream replies, int batch) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task? _loop;

        public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

        private async Task RunAsync(CancellationToken ct)
        {
            var held = new List<(uint Id, ulong Size)>();
            try
            {
                while (true)
                {
                    byte[] packet = await ReadPacketAsync(ct);
                    if (packet[0] == Init)
                    {
                        await WritePacketAsync([Version, 0, 0, 0, 3], ct);
                        continue;
                    }
                    Assert.Equal(Stat, packet[0]);
                    uint id = BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(1));
                    int length = (int)BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(5));
                    string path = Encoding.UTF8.GetString(packet, 9, length);
                    if (path == "/silent") continue;
                    held.Add((id, ulong.Parse(path[1..], System.Globalization.CultureInfo.InvariantCulture)));
                    if (held.Count < batch) continue;
                    for (int i = held.Count - 1; i >= 0; i--)
                    {
                        var reply = new byte[1 + 4 + 4 + 8];
                        reply[0] = Attrs;
                        BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(1), held[i].Id);
                        BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(5), 1); // SSH_FILEXFER_ATTR_SIZE
                        BinaryPrimitives.WriteUInt64BigEndian(reply.AsSpan(9), held[i].Size);
                        await WritePacketAsync(reply, ct);
                    }
                    held.Clear();
                }
            }
            catch (Exception e) when (e is OperationCanceledException or EndOfStreamException or IOException) { }
        }

        private async Task<byte[]> ReadPacketAsync(CancellationToken ct)
        {
            var header = new byte[4];
            await requests.ReadExactlyAsync(header, ct);
            var packet = new byte[BinaryPrimitives.ReadUInt32BigEndian(header)];
            await requests.ReadExactlyAsync(packet, ct);
            return packet;
        }

        private async Task WritePacketAsync(byte[] body, CancellationToken ct)
        {
            var packet = new byte[4 + body.Length];
            BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)body.Length);
            body.CopyTo(packet, 4);
            await replies.WriteAsync(packet, ct);
            await replies.FlushAsync(ct);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            if (_loop != null) await _loop.WaitAsync(TestTimeouts.Short);
            _stop.Dispose();
        }
    }

    private static async Task<(SftpClient Client, ScriptedServer Server)> StartAsync(int batch, TimeSpan timeout, CancellationToken ct)
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var server = new ScriptedServer(toServer.Reader.AsStream(), toClient.Writer.AsStream(), batch);
        server.Start();
        SftpClient client = await SftpClient.StartAsync(toClient.Reader.AsStream(), toServer.Writer.AsStream(),
            new SftpClientOptions { OperationTimeout = timeout }, ct);
        return (client, server);
    }

    [Fact]
    public async Task RepliesInReverseOrderReachTheirOwnRequestsRoundAfterRound()
    {
        CancellationToken ct = TestTimeouts.ShortToken();
        var (client, server) = await StartAsync(batch: 50, TimeSpan.FromSeconds(15), ct);
        await using var _ = server;
        await using var __ = client;
        // Several rounds, so pooled reply slots are reused with new ids.
        for (int round = 0; round < 4; round++)
        {
            Task<SftpFileAttributes>[] stats = [.. Enumerable.Range(1, 50).Select(i => client.GetAttributesAsync($"/{round * 1000 + i}", ct))];
            SftpFileAttributes[] answers = await Task.WhenAll(stats);
            for (int i = 0; i < answers.Length; i++)
                Assert.Equal(round * 1000 + i + 1, answers[i].Size);
        }
    }

    [Fact]
    public async Task AnUnansweredRequestTimesOutAloneAndTheSessionGoesOn()
    {
        CancellationToken ct = TestTimeouts.ShortToken();
        var (client, server) = await StartAsync(batch: 1, TimeSpan.FromMilliseconds(300), ct);
        await using var _ = server;
        await using var __ = client;
        var timeout = await Assert.ThrowsAsync<SshTimeoutException>(() => client.GetAttributesAsync("/silent", ct));
        Assert.Contains("did not answer stat", timeout.Message);
        Assert.Equal(7L, (await client.GetAttributesAsync("/7", ct)).Size);
    }

    [Fact]
    public async Task ACancelledRequestThrowsAndTheSessionGoesOn()
    {
        CancellationToken ct = TestTimeouts.ShortToken();
        var (client, server) = await StartAsync(batch: 1, TimeSpan.FromSeconds(15), ct);
        await using var _ = server;
        await using var __ = client;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<SftpFileAttributes> silent = client.GetAttributesAsync("/silent", cancel.Token);
        Assert.Equal(5L, (await client.GetAttributesAsync("/5", ct)).Size);
        Assert.False(silent.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => silent);
        Assert.Equal(6L, (await client.GetAttributesAsync("/6", ct)).Size);
        // Already cancelled: refused without waiting for anything.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAttributesAsync("/8", cancel.Token));
        Assert.Equal(9L, (await client.GetAttributesAsync("/9", ct)).Size);
    }
}
