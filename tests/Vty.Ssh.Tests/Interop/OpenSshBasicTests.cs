using System.Text;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Interop;

/// <summary>Connect, authenticate and run commands against a real OpenSSH sshd with its default algorithms.</summary>
public sealed class OpenSshBasicTests
{
    [Fact]
    public async Task PasswordLoginAndExec()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync();
        await using var client = await SshClient.ConnectAsync(ClientOptionsFactory.ForPassword(server.Port, dir), TestTimeouts.ShortToken());
        Assert.StartsWith("SSH-2.0-OpenSSH", client.ServerVersion);
        Assert.True(client.Transport.IsStrictKex);
        SshExecResult result = await client.ExecuteAsync("echo out; echo err 1>&2; exit 3", TestTimeouts.ShortToken());
        Assert.Equal("out\n", Encoding.UTF8.GetString(result.StandardOutput));
        Assert.Equal("err\n", Encoding.UTF8.GetString(result.StandardError));
        Assert.Equal(3, result.ExitStatus);
    }
}
