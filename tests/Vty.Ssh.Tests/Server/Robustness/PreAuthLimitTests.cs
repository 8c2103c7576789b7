using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Vty.Ssh.Server;
using Vty.Ssh.Tests.Server.Support;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Tests.Server.Robustness;

/// <summary>
/// Issue 9 item 6: before authentication a client's packets are held to 35000 bytes and at most
/// MaxStartups (10:30:100) such connections are served; a flood of unauthenticated connections
/// stalled in the middle of a packet is bounded, and our client and OpenSSH's still log in.
/// </summary>
public sealed class PreAuthLimitTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static Task<TestServer> StartAsync(TimeSpan handshakeTimeout) => TestServer.StartAsync(o =>
    {
        o.HandshakeTimeout = handshakeTimeout;
        o.MaxStartups = SshMaxStartups.Default;
    });

    private static async Task<Socket> ConnectRawAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(Timeout);
        return socket;
    }

    /// <summary>An identification line, then the start of a packet that announces <paramref name="announced"/> bytes and carries <paramref name="sent"/>.</summary>
    private static byte[] PartialPacket(int announced, int sent)
    {
        byte[] ident = Encoding.ASCII.GetBytes("SSH-2.0-Flood_1.0\r\n");
        var bytes = new byte[ident.Length + 4 + sent];
        ident.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(ident.Length), (uint)announced);
        bytes.AsSpan(ident.Length + 4).Fill(0x41);
        return bytes;
    }

    private static async Task<(string Text, bool Closed)> ReadUntilClosedAsync(Socket socket, TimeSpan timeout)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            int n;
            while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0) received.Write(buffer, 0, n);
            return (Encoding.Latin1.GetString(received.ToArray()), true);
        }
        catch (SocketException)
        {
            return (Encoding.Latin1.GetString(received.ToArray()), true);
        }
        catch (OperationCanceledException)
        {
            return (Encoding.Latin1.GetString(received.ToArray()), false);
        }
    }

    [Fact]
    public async Task A_packet_over_35000_bytes_before_authentication_is_answered_with_a_disconnect()
    {
        await using TestServer server = await StartAsync(TimeSpan.FromSeconds(10));
        using Socket socket = await ConnectRawAsync(server.Port);
        await socket.SendAsync(PartialPacket(39_996, 100));

        var (text, closed) = await ReadUntilClosedAsync(socket, Timeout);

        Assert.True(closed, "the server waited for the rest of a 39996-byte packet before authentication");
        Assert.StartsWith("SSH-2.0-Vty", text);
        // The DISCONNECT (reason 2, protocol error) goes out in clear text before any key exchange.
        Assert.Contains("packet of 39996 bytes before authenticating, more than the 35000 accepted", text);
        await server.Log.WaitForAsync(Timeout, "disconnecting", "35000");
    }

    [Fact]
    public async Task After_login_packets_up_to_256_KiB_are_accepted_again()
    {
        await using TestServer server = await StartAsync(TimeSpan.FromSeconds(20));
        using var cts = new CancellationTokenSource(Timeout);
        await using RawSshClient client = await RawSshClient.ConnectAsync(server.Port, TestServer.User, TestServer.Password, cts.Token);

        await client.SendAsync(w => { w.WriteByte(SshMessageNumber.Ignore); w.WriteString(new byte[100_000]); }, cts.Token);
        await client.SendAsync(w => { w.WriteByte(SshMessageNumber.GlobalRequest); w.WriteString("no-such-request@vty"); w.WriteBoolean(true); }, cts.Token);

        await client.ExpectAsync(SshMessageNumber.RequestFailure, cts.Token);
        Assert.True(client.Transport.IsConnected);
    }

    [Fact]
    public async Task A_flood_of_stalled_unauthenticated_connections_is_bounded_and_clients_still_log_in()
    {
        const int Flood = 300;
        await using TestServer server = await StartAsync(TimeSpan.FromSeconds(6));
        var flood = new List<Socket>();
        int peak = 0;
        try
        {
            for (int i = 0; i < Flood; i++)
            {
                Socket socket = await ConnectRawAsync(server.Port);
                flood.Add(socket);
                try
                {
                    // A 33996-byte packet (a multiple of the block size with its length field), 1000 bytes of it sent: legal in size, stalled forever.
                    await socket.SendAsync(PartialPacket(33_996, 1000));
                }
                catch (SocketException)
                {
                    // dropped before we finished sending
                }
                peak = Math.Max(peak, server.Server.UnauthenticatedConnections);
            }

            // While the flood holds its connections our client and OpenSSH's ssh keep retrying as
            // a person would; each is in once the flood's connections reach the handshake timeout.
            await LogInWithRetriesAsync(async ct =>
            {
                await using SshClient client = await SshClient.ConnectAsync(new SshClientOptions
                {
                    Host = "127.0.0.1",
                    Port = server.Port,
                    Username = TestServer.User,
                    Password = TestServer.Password,
                    HostKeyPolicy = HostKeyPolicy.Off,
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                }, ct);
                SshExecResult result = await client.ExecuteAsync("echo vty client in", ct);
                return Encoding.UTF8.GetString(result.StandardOutput) == "vty client in\n";
            });
            OpenSshClient.EnsureInstalled(needSshPass: true);
            await LogInWithRetriesAsync(async _ =>
            {
                OpenSshResult result = await server.OpenSsh().RunAsync("echo openssh client in");
                return result.ExitCode == 0 && result.StandardOutput == "openssh client in\n";
            });

            // Each flood connection was either dropped at once (nothing sent back) or served and
            // later cut off by the handshake timeout.
            var outcomes = await Task.WhenAll(flood.Select(s => ReadUntilClosedAsync(s, Timeout)));
            Assert.All(outcomes, o => Assert.True(o.Closed, $"a stalled connection was never closed: {o.Text}"));
            int served = outcomes.Count(o => o.Text.StartsWith("SSH-2.0-Vty", StringComparison.Ordinal));
            Assert.InRange(peak, 1, 100);
            Assert.InRange(served, 10, Flood - 1);
            Assert.True(server.Server.DroppedStartups >= Flood - served, $"{server.Server.DroppedStartups} dropped, {served} of {Flood} served");
            await server.Log.WaitForAsync(Timeout, "dropped connection", "MaxStartups 10:30:100");
            await server.Log.WaitForAsync(Timeout, "handshake timeout");
        }
        finally
        {
            foreach (Socket socket in flood) socket.Dispose();
        }
    }

    private static async Task LogInWithRetriesAsync(Func<CancellationToken, Task<bool>> attempt)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var failures = new List<string>();
        while (true)
        {
            try
            {
                using var one = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                one.CancelAfter(TimeSpan.FromSeconds(20));
                if (await attempt(one.Token)) return;
                failures.Add("attempt returned the wrong output");
            }
            catch (Exception e) when (e is SshException or IOException or SocketException or OperationCanceledException)
            {
                failures.Add(e.Message);
            }
            if (deadline.IsCancellationRequested)
                Assert.Fail($"no login within 90 s; {failures.Count} attempts: {string.Join(" | ", failures.TakeLast(5))}");
            await Task.Delay(250, CancellationToken.None);
        }
    }
}
