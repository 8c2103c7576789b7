using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Fixtures;

/// <summary>The test servers themselves work, checked with the OpenSSH client.</summary>
public sealed class ServerFixtureTests
{
    private static async Task<string> SshPasswordAsync(int port, string command)
    {
        var (code, output) = await ManagedProcess.RunAsync("sshpass", ["-p", SshTestUser.Password, "ssh",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=no",
            "-o", "PubkeyAuthentication=no", "-p", port.ToString(), $"{SshTestUser.Name}@127.0.0.1", command], TimeSpan.FromSeconds(30));
        Assert.True(code == 0, output);
        return output;
    }

    [Fact]
    public async Task OpenSshServerAcceptsPasswordLogin()
    {
        await using var server = await OpenSshServer.StartAsync();
        string output = await SshPasswordAsync(server.Port, "echo fixture-ok");
        Assert.Contains("fixture-ok", output);
    }

    [Fact]
    public async Task DropbearServerAcceptsPasswordLogin()
    {
        await using var server = await DropbearServer.StartAsync();
        string output = await SshPasswordAsync(server.Port, "echo fixture-ok");
        Assert.Contains("fixture-ok", output);
    }
}
