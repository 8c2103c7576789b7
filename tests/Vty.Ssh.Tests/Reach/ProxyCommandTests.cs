using System.Text;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Reach;

/// <summary>ProxyCommand: the connection runs over a child process's stdin/stdout (netcat, OpenSSH's ssh -W).</summary>
public sealed class ProxyCommandTests
{
    [Fact]
    public async Task Netcat_carries_the_connection_with_host_and_port_substituted()
    {
        await using OpenSshServer server = await OpenSshServer.StartAsync();
        using var dir = new TempDirectory("vty-proxy");
        Assert.True(File.Exists("/usr/bin/nc"), "netcat is missing: run scripts/install-test-deps.sh");
        CancellationToken ct = TestTimeouts.LongToken();
        SshClientOptions options = ReachOptions.Password(server.Port, dir);
        options.ProxyCommand = "nc %h %p";

        await using SshClient client = await SshClient.ConnectAsync(options, ct);
        SshExecResult result = await client.ExecuteAsync("echo via-netcat", ct);
        Assert.Equal("via-netcat\n", Encoding.UTF8.GetString(result.StandardOutput));
    }

    [Fact]
    public async Task Ssh_W_through_a_bastion_as_the_proxy_command()
    {
        await using OpenSshServer bastion = await OpenSshServer.StartAsync(authorizedKeys: ["ed25519"]);
        await using OpenSshServer target = await OpenSshServer.StartAsync();
        using var dir = new TempDirectory("vty-proxy");
        CancellationToken ct = TestTimeouts.LongToken();
        string key = await SshTestKeys.GetAsync("ed25519");
        SshClientOptions options = ReachOptions.Password(target.Port, dir);
        options.ProxyCommand = $"ssh -i {key} -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no " +
            $"-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p {bastion.Port} -W %h:%p {SshTestUser.Name}@127.0.0.1";

        await using SshClient client = await SshClient.ConnectAsync(options, ct);
        SshExecResult result = await client.ExecuteAsync("echo via-ssh-W", ct);
        Assert.Equal("via-ssh-W\n", Encoding.UTF8.GetString(result.StandardOutput));
        Assert.Contains("Accepted publickey", bastion.Log);
    }

    [Fact]
    public async Task A_proxy_command_that_fails_reports_its_exit_and_what_it_said()
    {
        using var dir = new TempDirectory("vty-proxy");
        SshClientOptions options = ReachOptions.Password(2222, dir);
        options.ProxyCommand = "echo 'no route to %h port %p' >&2; exit 3";
        var e = await Assert.ThrowsAsync<SshConnectionException>(() => SshClient.ConnectAsync(options, TestTimeouts.LongToken()));
        Assert.Contains("ProxyCommand", e.Message);
        Assert.Contains("no route to 127.0.0.1 port 2222", e.Message);
    }

    [Theory]
    [InlineData("nc %h %x", "%x")]
    [InlineData("nc %h %p %", "lone '%'")]
    public void Unknown_tokens_are_a_clear_error(string command, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => ProxyCommandStream.Expand(command, "h", 22, "u"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Tokens_expand_like_OpenSSH()
    {
        Assert.Equal("connect router1 2022 admin 100%", ProxyCommandStream.Expand("connect %h %p %r 100%%", "router1", 2022, "admin"));
    }
}
