using System.Net;
using System.Net.Sockets;
using System.Text;
using Vty.Telnet.Tests.Infrastructure;

namespace Vty.Telnet.Tests.Malformed;

/// <summary>
/// Issue 9 item 5: idle connections that never log in are cut off after the login grace time, and
/// past MaxStartups new ones are dropped at once, so a flood of them cannot lock a well-behaved
/// client out for longer than the grace time.
/// </summary>
public sealed class LoginFloodTests
{
    private const string User = "operator";

    // A login dialog as a device has one: only the right user name counts as logged in.
    private static async Task LoginThenEchoAsync(TelnetServerConnection connection, CancellationToken token)
    {
        var stream = connection.Stream;
        await stream.WriteAsync("login: "u8.ToArray(), token);
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, token) == 0)
            {
                return;
            }

            if (one[0] == '\n' || one[0] == '\r')
            {
                if (line.ToString() == User)
                {
                    break;
                }

                line.Clear();
                await stream.WriteAsync("login: "u8.ToArray(), token);
                continue;
            }

            line.Append((char)one[0]);
        }

        connection.LoginSucceeded();
        await stream.WriteAsync("welcome\r\n"u8.ToArray(), token);
        await stream.CopyToAsync(stream, token);
    }

    private static async Task<Socket> ConnectRawAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(Timeouts.Step);
        return socket;
    }

    /// <summary>Everything the server sends until it closes the connection (or until the timeout).</summary>
    private static async Task<(string Text, bool Closed)> ReadUntilClosedAsync(Socket socket, TimeSpan timeout)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            int n;
            while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0)
            {
                received.Write(buffer, 0, n);
            }

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

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }

    [Fact]
    public async Task A_client_that_does_not_log_in_is_told_and_disconnected_after_the_grace_time()
    {
        await using var server = new LoopbackServer(LoginThenEchoAsync, new TelnetServerOptions { LoginGraceTime = TimeSpan.FromSeconds(1), NegotiationTimeout = TimeSpan.Zero });
        using var idle = await ConnectRawAsync(server.Port);

        var (text, closed) = await ReadUntilClosedAsync(idle, Timeouts.Login);

        Assert.True(closed, $"the server kept an idle connection open past its login grace time; it sent: {text}");
        Assert.Contains("login: ", text);
        Assert.Contains("Login timed out after 1 seconds.", text);
        Assert.Equal(1, server.Server.ExpiredLogins);
        await WaitUntilAsync(() => server.Server.ActiveConnections == 0, Timeouts.Step);
        Assert.Equal(0, server.Server.UnauthenticatedConnections);
    }

    [Fact]
    public async Task A_client_that_logs_in_is_not_cut_off_by_the_grace_time()
    {
        // 3 s: long enough for a loaded machine to finish the login inside it, short enough to wait past.
        await using var server = new LoopbackServer(LoginThenEchoAsync, new TelnetServerOptions { LoginGraceTime = TimeSpan.FromSeconds(3), NegotiationTimeout = TimeSpan.Zero });
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", server.Port, null, Timeouts.Token());
        var waiter = new TextWaiter(client);
        await client.Stream.WriteAsync(Encoding.ASCII.GetBytes(User + "\r\n"), Timeouts.Token());
        await waiter.ReadUntilAsync("welcome");
        Assert.Equal(0, server.Server.UnauthenticatedConnections);

        // Past the grace time (a wait, not a timed assertion) the session still answers.
        await Task.Delay(TimeSpan.FromSeconds(4));
        await client.Stream.WriteAsync("still here"u8.ToArray(), Timeouts.Token());
        await waiter.ReadUntilAsync("still here");
        Assert.Equal(0, server.Server.ExpiredLogins);
    }

    [Fact]
    public async Task A_flood_of_idle_connections_is_held_to_MaxStartups_and_a_real_client_still_logs_in()
    {
        const int Flood = 300;
        var options = new TelnetServerOptions { LoginGraceTime = TimeSpan.FromSeconds(5), NegotiationTimeout = TimeSpan.Zero };
        Assert.Equal("10:30:100", options.MaxStartups.ToString());
        await using var server = new LoopbackServer(LoginThenEchoAsync, options);

        var flood = new List<Socket>();
        int peakUnauthenticated = 0;
        try
        {
            for (int i = 0; i < Flood; i++)
            {
                flood.Add(await ConnectRawAsync(server.Port));
                peakUnauthenticated = Math.Max(peakUnauthenticated, server.Server.UnauthenticatedConnections);
            }

            // Each flood connection either got the login prompt (served, later cut off by the
            // grace time) or was dropped at once with a line saying why.
            var outcomes = await Task.WhenAll(flood.Select(s => ReadUntilClosedAsync(s, Timeouts.Login)));
            int served = outcomes.Count(o => o.Text.Contains("login: ", StringComparison.Ordinal));
            int dropped = outcomes.Count(o => o.Text.StartsWith("Too many connections are logging in", StringComparison.Ordinal));
            Assert.All(outcomes, o => Assert.True(o.Closed, $"an idle connection was never closed: {o.Text}"));
            Assert.Equal(Flood, served + dropped);
            Assert.InRange(peakUnauthenticated, 1, 100);
            Assert.InRange(served, 10, Flood - 1);
            Assert.Equal(dropped, server.Server.DroppedStartups);
            Assert.Equal(served, server.Server.ExpiredLogins);
            Assert.All(outcomes.Where(o => o.Text.Contains("login: ", StringComparison.Ordinal)),
                o => Assert.True(o.Text.Contains("Login timed out after 5 seconds.", StringComparison.Ordinal), $"a served connection closed without the timeout line: {o.Text}"));
        }
        finally
        {
            foreach (var socket in flood)
            {
                socket.Dispose();
            }
        }

        // The flood is gone from the server's count; a real client gets in at the first attempt.
        await WaitUntilAsync(() => server.Server.UnauthenticatedConnections == 0, Timeouts.Step);
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", server.Port, null, Timeouts.Token());
        await client.Stream.WriteAsync(Encoding.ASCII.GetBytes(User + "\r\n"), Timeouts.Token());
        await new TextWaiter(client).ReadUntilAsync("welcome");
    }

    [Fact]
    public async Task While_a_flood_holds_its_connections_a_real_client_gets_in_within_the_grace_time()
    {
        var options = new TelnetServerOptions { LoginGraceTime = TimeSpan.FromSeconds(8), NegotiationTimeout = TimeSpan.Zero };
        await using var server = new LoopbackServer(LoginThenEchoAsync, options);
        var flood = new List<Socket>();
        try
        {
            // Fill MaxStartups completely: from 100 connections logging in on, every new one is dropped.
            while (server.Server.UnauthenticatedConnections < options.MaxStartups.Full && flood.Count < 2000)
            {
                flood.Add(await ConnectRawAsync(server.Port));
            }

            Assert.Equal(100, server.Server.UnauthenticatedConnections);

            // A well-behaved client retries as a person would; it is in once the flood's grace
            // time has run out, however many times it was dropped before.
            int attempts = 0;
            string? loggedIn = null;
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (loggedIn is null)
            {
                attempts++;
                try
                {
                    await using var client = await TelnetClient.ConnectAsync("127.0.0.1", server.Port, null, deadline.Token);
                    await client.Stream.WriteAsync(Encoding.ASCII.GetBytes(User + "\r\n"), deadline.Token);
                    loggedIn = await new TextWaiter(client).ReadUntilAsync("welcome");
                }
                catch (Exception ex) when (ex is TelnetException or IOException or SocketException or TimeoutException)
                {
                    await Task.Delay(200, deadline.Token);
                }
            }

            Assert.Contains("welcome", loggedIn);
            Assert.True(server.Server.DroppedStartups >= 1, "nothing was dropped although MaxStartups was full");
        }
        finally
        {
            foreach (var socket in flood)
            {
                socket.Dispose();
            }
        }
    }
}
