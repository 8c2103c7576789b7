using System.Text;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Reach;

/// <summary>Agent forwarding (-A): with a real ssh-agent holding a key, ssh-add -l on the OpenSSH target lists it through the forwarded channel.</summary>
public sealed class AgentForwardingTests
{
    [Fact]
    public async Task The_target_sees_the_local_agents_key_only_when_forwarding_is_on()
    {
        await using OpenSshServer server = await OpenSshServer.StartAsync();
        using var dir = new TempDirectory("vty-agent");
        CancellationToken ct = TestTimeouts.LongToken();
        string socket = dir.File("agent.sock");
        await using ManagedProcess agent = ManagedProcess.Start("/usr/bin/ssh-agent", ["-D", "-a", socket]);
        for (int i = 0; i < 100 && !File.Exists(socket); i++) await Task.Delay(50, ct);
        Assert.True(File.Exists(socket), $"ssh-agent did not start: {agent.Output}");
        // The agent is reached by the sshd child running as the test user through our relay, not directly.
        string key = await SshTestKeys.GetAsync("ed25519");
        var (addExit, addOutput) = await RunWithAgentAsync("/usr/bin/ssh-add", [key], socket);
        Assert.True(addExit == 0, addOutput);
        var (_, localList) = await RunWithAgentAsync("/usr/bin/ssh-add", ["-l"], socket);
        string fingerprint = localList.Split(' ')[1];
        Assert.StartsWith("SHA256:", fingerprint);

        SshClientOptions options = ReachOptions.Password(server.Port, dir);
        options.ForwardAgent = true;
        options.AgentSocketPath = socket;
        await using (SshClient client = await SshClient.ConnectAsync(options, ct))
        {
            SshExecResult listed = await client.ExecuteAsync("ssh-add -l", ct);
            Assert.True(listed.ExitStatus == 0, Encoding.UTF8.GetString(listed.StandardError) + server.Log);
            Assert.Contains(fingerprint, Encoding.UTF8.GetString(listed.StandardOutput));
        }

        options.ForwardAgent = false;
        await using (SshClient client = await SshClient.ConnectAsync(options, ct))
        {
            SshExecResult listed = await client.ExecuteAsync("ssh-add -l", ct);
            Assert.Equal(2, listed.ExitStatus); // "Could not open a connection to your authentication agent"
            Assert.DoesNotContain(fingerprint, Encoding.UTF8.GetString(listed.StandardOutput));
        }
    }

    private static async Task<(int ExitCode, string Output)> RunWithAgentAsync(string program, string[] arguments, string socket)
    {
        await using ManagedProcess process = ManagedProcess.Start(program, arguments, environment: new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = socket });
        int exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(20));
        return (exit, process.Output);
    }
}
