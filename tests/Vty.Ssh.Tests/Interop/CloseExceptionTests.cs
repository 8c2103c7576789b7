using System.Text;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Interop;

/// <summary>
/// A normal session against a real OpenSSH sshd ends without exceptions used as signals: closing
/// must not unwind the read loop or the channel readers by throwing (each throw costs a fleet
/// host CPU), while a real failure still surfaces as its typed error (the other interop tests).
/// </summary>
public sealed class CloseExceptionTests
{
    // Only a TCP reset or broken pipe may be thrown, when the two ends' closes cross (see
    // FirstChanceExceptions.ExceptPeerRaces): a connection that meets one unwinds a few awaits.
    private const int PeerRaces = 8;

    [Fact]
    public async Task Connect_exec_and_close_throw_nothing()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync();
        SshClientOptions options = ClientOptionsFactory.ForPassword(server.Port, dir);
        var (output, thrown) = await FirstChanceExceptions.CountSecondRunAsync(() => RunExecAsync(options));
        Assert.Equal("hi\n", output);
        thrown.AssertOnlyPeerRaces(PeerRaces);
    }

    [Fact]
    public async Task Shell_open_and_close_throw_nothing()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync();
        SshClientOptions options = ClientOptionsFactory.ForPassword(server.Port, dir);
        var (seen, thrown) = await FirstChanceExceptions.CountSecondRunAsync(() => RunShellAsync(options));
        Assert.Contains("shell-42", seen, StringComparison.Ordinal);
        thrown.AssertOnlyPeerRaces(PeerRaces);
    }

    [Fact]
    public async Task A_peer_that_drops_the_connection_is_still_a_typed_error()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync();
        await using var client = await SshClient.ConnectAsync(ClientOptionsFactory.ForPassword(server.Port, dir), TestTimeouts.ShortToken());
        await server.DisposeAsync();
        var error = await Assert.ThrowsAsync<SshDisconnectedException>(() => client.Transport.Completion.WaitAsync(TestTimeouts.Short));
        Assert.Contains("closed the connection", error.Message, StringComparison.Ordinal);
        Assert.False(client.Transport.IsConnected);
        await Assert.ThrowsAsync<SshDisconnectedException>(() => client.ExecuteAsync("true", TestTimeouts.ShortToken()));
    }

    private static async Task<string> RunExecAsync(SshClientOptions options)
    {
        await using var client = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());
        SshExecResult result = await client.ExecuteAsync("echo hi", TestTimeouts.ShortToken());
        Assert.Equal(0, result.ExitStatus);
        return Encoding.UTF8.GetString(result.StandardOutput);
    }

    private static async Task<string> RunShellAsync(SshClientOptions options)
    {
        await using var client = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());
        SshShell shell = await client.OpenShellAsync(new SshPtyOptions("xterm", 80, 24), TestTimeouts.ShortToken());
        await using (shell.Stream)
        {
            await shell.Stream.WriteAsync("echo shell-$((40+2))\n"u8.ToArray(), TestTimeouts.ShortToken());
            var seen = new StringBuilder();
            var buffer = new byte[4096];
            using var limit = new CancellationTokenSource(TestTimeouts.Short);
            while (!seen.ToString().Contains("shell-42\r\n", StringComparison.Ordinal))
            {
                int n = await shell.Stream.ReadAsync(buffer, limit.Token);
                if (n == 0) break;
                seen.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }
            await shell.Channel.SendCloseAsync(TestTimeouts.ShortToken());
            return seen.ToString();
        }
    }
}
