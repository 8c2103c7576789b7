using Vty.Telnet.Tests.Infrastructure;
using Vty.TestSupport.Telnet;

namespace Vty.Telnet.Tests.RealPeers;

public sealed class BusyboxTelnetdTests
{
    [Fact]
    public async Task Logs_in_through_bin_login_and_runs_commands()
    {
        var log = new RecordingLogger();
        await using var telnetd = await TelnetdFixture.StartBusyboxAsync();
        await using var client = await TelnetClient.ConnectAsync("127.0.0.1", telnetd.Port,
            new TelnetClientOptions { TerminalType = "vt100", Columns = 132, Rows = 43, Logger = log }, Timeouts.Token());

        var waiter = await LoginScript.LoginAsync(client);
        Assert.True(client.RemoteEcho, "busybox telnetd offers WILL ECHO: " + string.Join("\n", log.Entries.Select(e => e.Message)));
        Assert.True(client.SuppressGoAhead);

        var marker = Random.Shared.Next(100000, 999999);
        var output = await LoginScript.RunAsync(client, waiter, $"echo hello-$(({marker}+1))");
        Assert.Contains($"hello-{marker + 1}", output, StringComparison.Ordinal);

        output = await LoginScript.RunAsync(client, waiter, "echo user=$(id -un)");
        Assert.Contains("user=" + TelnetdFixture.User, output, StringComparison.Ordinal);

        // busybox passes NAWS on to the pty; stty reports it.
        output = await LoginScript.RunAsync(client, waiter, "stty size");
        Assert.Contains("43 132", output, StringComparison.Ordinal);

        await client.SetWindowSizeAsync(100, 30, Timeouts.Token());
        output = await LoginScript.RunAsync(client, waiter, "stty size");
        Assert.Contains("30 100", output, StringComparison.Ordinal);

        await client.WriteTextAsync("exit\r\n", Timeouts.Token());
        await client.Completion.WaitAsync(Timeouts.Step);
    }
}
