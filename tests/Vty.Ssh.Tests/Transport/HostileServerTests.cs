using System.Net;
using System.Net.Sockets;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Transport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Transport;

/// <summary>Bad input from a server gives a typed error within the timeout: no hang, no unbounded allocation.</summary>
public sealed class HostileServerTests
{
    private const string Banner = "SSH-2.0-Fake_1.0\r\n";

    private static async Task<T> ConnectExpectingAsync<T>(Func<FakeConnection, CancellationToken, Task> script, TimeSpan? timeout = null)
        where T : Exception
    {
        await using var server = new FakeSshServer(script);
        return await Assert.ThrowsAsync<T>(() => SshClient.ConnectAsync(server.ClientOptions(timeout), TestTimeouts.ShortToken()));
    }

    [Fact]
    public async Task EndlessGarbageLinesBeforeIdentification()
    {
        var e = await ConnectExpectingAsync<SshProtocolException>(async (c, ct) =>
        {
            for (int i = 0; i < 1000; i++) await c.WriteTextAsync($"garbage line {i}\r\n", ct);
        });
        Assert.Contains("without an SSH identification", e.Message);
    }

    [Fact]
    public async Task OverlongIdentificationLine()
    {
        var e = await ConnectExpectingAsync<SshProtocolException>((c, ct) => c.WriteTextAsync("SSH-2.0-" + new string('A', 100_000), ct));
        Assert.Contains("longer than 255", e.Message);
    }

    [Fact]
    public async Task UnsupportedProtocolVersion()
    {
        var e = await ConnectExpectingAsync<SshProtocolException>((c, ct) => c.WriteTextAsync("SSH-1.5-OldServer\r\n", ct));
        Assert.Contains("unsupported SSH protocol version", e.Message);
    }

    [Fact]
    public async Task PreambleLinesAreTolerated()
    {
        var e = await ConnectExpectingAsync<SshProtocolException>(async (c, ct) =>
        {
            await c.WriteTextAsync("Welcome to the device\r\nAuthorized use only\r\n" + Banner, ct);
            await c.WritePacketAsync([SshMessageNumber.ServiceAccept, 0, 0, 0, 0], ct);
        });
        // Got past the preamble to the packet layer, which then refused the early message.
        Assert.Contains("before the initial key exchange", e.Message);
    }

    [Fact]
    public async Task OversizePacketLengthIsRefusedBeforeAllocating()
    {
        var e = await ConnectExpectingAsync<SshPacketTooLargeException>(async (c, ct) =>
        {
            await c.WriteTextAsync(Banner, ct);
            await c.WriteRawAsync([0x00, 0x10, 0x00, 0x04, 10, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], ct);
        });
        Assert.Equal(0x00100004u, e.PacketLength);
    }

    [Fact]
    public async Task TruncatedPacketThenClose()
    {
        var e = await ConnectExpectingAsync<SshDisconnectedException>(async (c, ct) =>
        {
            await c.WriteTextAsync(Banner, ct);
            await c.WriteRawAsync([0, 0, 2, 0xfc, 6, 20, 1, 2, 3, 4, 5, 6], ct);
            c.Stream.Socket.Shutdown(SocketShutdown.Send);
        });
        Assert.Contains("in the middle of a packet", e.Message);
    }

    [Fact]
    public async Task UnexpectedMessageDuringStrictKex()
    {
        var e = await ConnectExpectingAsync<SshProtocolException>(async (c, ct) =>
        {
            await c.WriteTextAsync(Banner, ct);
            await c.WritePacketAsync(FakeConnection.KexInit(strict: true), ct);
            await c.WritePacketAsync([SshMessageNumber.Ignore, 0, 0, 0, 0], ct);
        });
        Assert.Contains("strict key exchange", e.Message);
    }

    [Fact]
    public async Task WrongMessageInPlaceOfTheKexReply()
    {
        var e = await ConnectExpectingAsync<SshProtocolException>(async (c, ct) =>
        {
            await c.WriteTextAsync(Banner, ct);
            await c.WritePacketAsync(FakeConnection.KexInit(strict: false), ct);
            await c.WritePacketAsync([SshMessageNumber.KexDhGexReply, 0, 0, 0, 0], ct);
        });
        Assert.Contains("unexpected message 33", e.Message);
    }

    [Fact]
    public async Task NoCommonKeyExchangeNamesCategoryOffersAndHint()
    {
        var e = await ConnectExpectingAsync<SshAlgorithmNegotiationException>(async (c, ct) =>
        {
            await c.WriteTextAsync(Banner, ct);
            await c.WritePacketAsync(FakeConnection.KexInit(["diffie-hellman-group1-sha1"]), ct);
        });
        Assert.Equal("key exchange algorithm", e.Category);
        Assert.Equal(["diffie-hellman-group1-sha1"], e.ServerOffer);
        Assert.Contains("curve25519-sha256", e.ClientOffer);
        Assert.Contains("Legacy = true or -o KexAlgorithms=+diffie-hellman-group1-sha1", e.Message);
    }

    [Fact]
    public async Task DisconnectMessageIsReportedWithReasonAndDescription()
    {
        var e = await ConnectExpectingAsync<SshDisconnectedException>(async (c, ct) =>
        {
            await c.WriteTextAsync(Banner, ct);
            using var w = new Vty.Ssh.Wire.SshWriter();
            w.WriteByte(SshMessageNumber.Disconnect);
            w.WriteUInt32((uint)SshDisconnectReason.TooManyConnections);
            w.WriteString("too many sessions\u0007");
            w.WriteString("en");
            await c.WritePacketAsync(w.ToArray(), ct);
        });
        Assert.Equal((uint)SshDisconnectReason.TooManyConnections, e.ReasonCode);
        Assert.Contains("too many sessions", e.Message);
        Assert.DoesNotContain("\u0007", e.Message);
    }

    [Fact]
    public async Task IgnoreAndDebugAreSkippedWithoutStrictKex()
    {
        var e = await ConnectExpectingAsync<SshAlgorithmNegotiationException>(async (c, ct) =>
        {
            await c.WriteTextAsync(Banner, ct);
            await c.WritePacketAsync([SshMessageNumber.Ignore, 0, 0, 0, 3, 1, 2, 3], ct);
            await c.WritePacketAsync([SshMessageNumber.Debug, 1, 0, 0, 0, 2, (byte)'h', (byte)'i', 0, 0, 0, 0], ct);
            await c.WritePacketAsync(FakeConnection.KexInit(["no-such-kex"], strict: false), ct);
        });
        // Reaching negotiation proves both messages were read and skipped.
        Assert.Equal(["no-such-kex"], e.ServerOffer);
    }

    [Fact]
    public async Task ServerThatStallsAfterIdentificationTimesOut()
    {
        var e = await ConnectExpectingAsync<SshTimeoutException>((c, ct) => c.WriteTextAsync(Banner, ct), TimeSpan.FromSeconds(1));
        Assert.Contains("exchanging keys", e.Message);
    }

    [Fact]
    public async Task ServerThatSendsNothingTimesOut()
    {
        var e = await ConnectExpectingAsync<SshTimeoutException>((_, _) => Task.CompletedTask, TimeSpan.FromSeconds(1));
        Assert.Contains("timed out", e.Message);
    }

    [Fact]
    public async Task CorruptedEncryptedPacketFailsTheMacCheck()
    {
        await using var sshd = await OpenSshServer.StartAsync();
        await using var proxy = new CorruptingProxy(sshd.Port, corruptAt: 20_000);
        var options = new SshClientOptions
        {
            Host = "127.0.0.1",
            Port = proxy.Port,
            Username = SshTestUser.Name,
            Password = SshTestUser.Password,
            HostKeyPolicy = HostKeyPolicy.Off,
        };
        CancellationToken ct = TestTimeouts.ShortToken();
        await using var client = await SshClient.ConnectAsync(options, ct);
        await Assert.ThrowsAsync<SshMacException>(() => client.ExecuteAsync("head -c 1000000 /dev/zero", ct));
        Assert.False(client.IsConnected);
    }

    /// <summary>Forwards TCP both ways and flips one bit of the server's stream at a given offset.</summary>
    private sealed class CorruptingProxy : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public CorruptingProxy(int targetPort, long corruptAt)
        {
            _listener.Start();
            _run = Task.Run(async () =>
            {
                using TcpClient inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
                using var outbound = new TcpClient();
                await outbound.ConnectAsync(IPAddress.Loopback, targetPort, _stop.Token);
                Task up = PumpAsync(inbound.GetStream(), outbound.GetStream(), -1, _stop.Token);
                Task down = PumpAsync(outbound.GetStream(), inbound.GetStream(), corruptAt, _stop.Token);
                await Task.WhenAny(up, down);
            });
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        private static async Task PumpAsync(Stream from, Stream to, long corruptAt, CancellationToken ct)
        {
            byte[] buffer = new byte[16 * 1024];
            long offset = 0;
            try
            {
                int n;
                while ((n = await from.ReadAsync(buffer, ct)) > 0)
                {
                    if (corruptAt >= offset && corruptAt < offset + n) buffer[corruptAt - offset] ^= 0x01;
                    offset += n;
                    await to.WriteAsync(buffer.AsMemory(0, n), ct);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            try { await _run.WaitAsync(TimeSpan.FromSeconds(5)); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or TimeoutException or IOException) { }
        }
    }
}
