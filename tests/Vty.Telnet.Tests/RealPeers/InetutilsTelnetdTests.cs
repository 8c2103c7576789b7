using Vty.Telnet.Tests.Infrastructure;
using Vty.TestSupport.Telnet;

namespace Vty.Telnet.Tests.RealPeers;

public sealed class InetutilsTelnetdTests
{
    [Fact]
    public async Task Logs_in_through_bin_login_under_tcpserver_and_runs_commands()
    {
        await using var telnetd = await TelnetdFixture.StartInetutilsAsync();
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", telnetd.Port,
            new TelnetClientOptions { TerminalType = "xterm", Columns = 120, Rows = 33 }, Timeouts.Token());

        var waiter = await LoginScript.LoginAsync(client);
        Assert.True(client.RemoteEcho);
        Assert.True(client.TerminalTypeNegotiated, "inetutils telnetd asks for the terminal type");

        var marker = Random.Shared.Next(100000, 999999);
        var output = await LoginScript.RunAsync(client, waiter, $"echo hello-$(({marker}+1))");
        Assert.Contains($"hello-{marker + 1}", output, StringComparison.Ordinal);

        output = await LoginScript.RunAsync(client, waiter, "echo user=$(id -un) term=$TERM");
        Assert.Contains("user=" + TelnetdFixture.User, output, StringComparison.Ordinal);
        Assert.Contains("term=xterm", output, StringComparison.Ordinal);

        output = await LoginScript.RunAsync(client, waiter, "stty size");
        Assert.Contains("33 120", output, StringComparison.Ordinal);

        await client.SetWindowSizeAsync(90, 20, Timeouts.Token());
        output = await LoginScript.RunAsync(client, waiter, "stty size");
        Assert.Contains("20 90", output, StringComparison.Ordinal);

        // A line with 0xFF passes through IAC doubling both ways (latin-1 ÿ).
        output = await LoginScript.RunAsync(client, waiter, "printf 'x\\377y\\n'");
        Assert.Contains("x\u00ffy", output, StringComparison.Ordinal);

        await client.WriteTextAsync("exit\r\n", Timeouts.Token());
        await client.Completion.WaitAsync(Timeouts.Step);
    }

    [Fact]
    public async Task Binary_mode_with_inetutils_telnetd_passes_every_byte_through()
    {
        await using var telnetd = await TelnetdFixture.StartInetutilsAsync();
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", telnetd.Port,
            new TelnetClientOptions { RequestBinary = true }, Timeouts.Token());

        var waiter = await LoginScript.LoginAsync(client, lineEnd: "\r");
        Assert.True(client.BinarySend, "inetutils telnetd agrees to DO BINARY");

        // telnetd agrees to WILL BINARY too, then withdraws it (WONT) once the pty is not in raw
        // 8-bit mode; the Q method acknowledges that without a loop.
        Assert.False(client.BinaryReceive);

        // printf sends raw 0xFF and NUL back: 0xFF travels as IAC IAC, NUL stays data in binary mode.
        var output = await LoginScript.RunAsync(client, waiter, "printf '\\377\\000\\377-done\\n'", lineEnd: "\r");
        Assert.Contains("\u00ff\0\u00ff-done", output, StringComparison.Ordinal);
    }
}
