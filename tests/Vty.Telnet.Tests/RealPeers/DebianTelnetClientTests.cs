using System.Text;
using Vty.Telnet.Tests.Infrastructure;
using Vty.TestSupport;
using Vty.TestSupport.Telnet;

namespace Vty.Telnet.Tests.RealPeers;

public sealed class DebianTelnetClientTests
{
    [Fact]
    public async Task Inetutils_telnet_on_a_pty_negotiates_with_our_server_and_data_flows_both_ways()
    {
        var resized = new TaskCompletionSource<(int, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new LoopbackServer(async (c, token) =>
        {
            c.WindowSizeChanged += (cols, rows) =>
            {
                if ((cols, rows) == (132, 50))
                {
                    resized.TrySetResult((cols, rows));
                }
            };
            await c.Stream.WriteAsync(Encoding.ASCII.GetBytes("welcome-from-server\r\n"), token);

            // Read what is typed until the marker arrives, then answer.
            var typed = new StringBuilder();
            var buffer = new byte[256];
            while (!typed.ToString().Contains("ping-from-client\r", StringComparison.Ordinal))
            {
                var n = await c.Stream.ReadAsync(buffer, token);
                if (n == 0)
                {
                    break;
                }

                typed.Append(Encoding.Latin1.GetString(buffer, 0, n));
            }

            received.TrySetResult(typed.ToString());
            await c.Stream.WriteAsync(Encoding.ASCII.GetBytes("\r\npong-from-server\r\n"), token);
            // Keep the connection open for the resize until the client goes away.
            while (await c.Stream.ReadAsync(buffer, token) > 0)
            {
            }
        });

        using var work = new TempDirectory("vty-telnet-pty");
        await using var telnet = PtyTelnetClient.Start(server.Port, "vt220", 100, 40, 132, 50, work.Path);

        var connection = await server.FirstConnection;
        Assert.Equal("VT220", connection.TerminalType?.ToUpperInvariant());
        Assert.Equal((100, 40), connection.WindowSize);

        await telnet.WaitForScreenAsync("welcome-from-server", Timeouts.Step);
        await telnet.TypeAsync("ping-from-client\r");
        var typed = await received.Task.WaitAsync(Timeouts.Step);
        Assert.Contains("ping-from-client\r", typed, StringComparison.Ordinal);
        await telnet.WaitForScreenAsync("pong-from-server", Timeouts.Step);

        // The server offered WILL ECHO: the client must not echo locally what we typed.
        Assert.True(connection.Echo);
        Assert.DoesNotContain("ping-from-client", telnet.Screen, StringComparison.Ordinal);

        telnet.Resize();
        Assert.Equal((132, 50), await resized.Task.WaitAsync(Timeouts.Step));
        Assert.Equal((132, 50), connection.WindowSize);
    }
}
