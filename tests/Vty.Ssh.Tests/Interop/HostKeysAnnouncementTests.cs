using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Interop;

/// <summary>
/// OpenSSH's sshd announces its host keys (hostkeys-00@openssh.com) right after authentication;
/// the client answers with an SSH_MSG_IGNORE so sshd's Nagle-held reply to the channel open is
/// released by that packet's acknowledgement instead of a 40 ms delayed one.
/// </summary>
public sealed class HostKeysAnnouncementTests
{
    [Fact]
    public async Task The_client_acknowledges_sshds_host_key_announcement_with_an_ignore_message()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["LogLevel"] = "DEBUG3" });
        CancellationToken ct = TestTimeouts.LongToken();
        await using (var client = await SshClient.ConnectAsync(ClientOptionsFactory.ForPassword(server.Port, dir), ct))
        {
            SshExecResult result = await client.ExecuteAsync("echo ok", ct);
            Assert.Equal("ok\n", System.Text.Encoding.UTF8.GetString(result.StandardOutput));
        }
        string log = server.Log;
        int announced = log.IndexOf("notify_hostkeys: sent", StringComparison.Ordinal);
        Assert.True(announced >= 0, "sshd (DEBUG3) did not log its host key announcement:\n" + log);
        int ignored = log.IndexOf("Received SSH2_MSG_IGNORE", announced, StringComparison.Ordinal);
        Assert.True(ignored > announced, "no SSH_MSG_IGNORE reached sshd after its host key announcement:\n" + log[announced..]);
    }
}
