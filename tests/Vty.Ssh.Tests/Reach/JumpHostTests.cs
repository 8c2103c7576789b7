using System.Collections.Concurrent;
using System.Text;
using Vty.Ssh.Server;
using Vty.Ssh.Tests.Server.Support;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Reach;

/// <summary>
/// ProxyJump: the client runs over a "direct-tcpip" channel of the previous hop. Real OpenSSH
/// bastions in front of OpenSSH and Dropbear targets, and our own server as a bastion.
/// </summary>
public sealed class JumpHostTests
{
    [Fact]
    public async Task Two_OpenSSH_bastions_reach_an_OpenSSH_target_each_hop_with_its_own_check_and_credentials()
    {
        await using OpenSshServer bastion1 = await OpenSshServer.StartAsync(authorizedKeys: ["ed25519"]);
        await using OpenSshServer bastion2 = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["PubkeyAuthentication"] = "no" });
        await using OpenSshServer target = await OpenSshServer.StartAsync(authorizedKeys: ["ecdsa256"]);
        using var dir = new TempDirectory("vty-jump");
        var checkedHosts = new ConcurrentQueue<string>();
        CancellationToken ct = TestTimeouts.LongToken();

        SshClientOptions options = await ReachOptions.KeyAsync(target.Port, dir, checkedHosts, key: "ecdsa256");
        options.JumpHosts = [await ReachOptions.KeyAsync(bastion1.Port, dir, checkedHosts), ReachOptions.Password(bastion2.Port, dir, checkedHosts)];
        await using SshClient client = await SshClient.ConnectAsync(options, ct);

        // Each hop's host key was checked under its own name, in chain order.
        Assert.Equal([$"127.0.0.1:{bastion1.Port}", $"127.0.0.1:{bastion2.Port}", $"127.0.0.1:{target.Port}"], checkedHosts.ToArray());
        Assert.Equal(2, client.JumpHosts.Count);
        SshExecResult result = await client.ExecuteAsync("echo $SSH_CONNECTION", ct);
        Assert.Equal(0, result.ExitStatus);
        // sshd on the target saw the connection arrive at its own port from the second bastion.
        string[] connection = Encoding.UTF8.GetString(result.StandardOutput).Trim().Split(' ');
        Assert.Equal(target.Port.ToString(), connection[3]);
        Assert.Contains("Accepted publickey", target.Log);
        Assert.Contains("Accepted password", bastion2.Log);
    }

    [Fact]
    public async Task A_refused_host_key_on_the_second_hop_fails_the_connect_and_closes_the_first()
    {
        await using OpenSshServer bastion1 = await OpenSshServer.StartAsync();
        await using OpenSshServer bastion2 = await OpenSshServer.StartAsync();
        await using OpenSshServer target = await OpenSshServer.StartAsync();
        using var dir = new TempDirectory("vty-jump");
        CancellationToken ct = TestTimeouts.LongToken();

        SshClientOptions second = ReachOptions.Password(bastion2.Port, dir);
        second.HostKeyPolicy = HostKeyPolicy.Callback;
        second.HostKeyCallback = (_, _) => ValueTask.FromResult(false);
        SshClientOptions options = ReachOptions.Password(target.Port, dir);
        options.JumpHosts = [ReachOptions.Password(bastion1.Port, dir), second];

        var e = await Assert.ThrowsAnyAsync<SshException>(() => SshClient.ConnectAsync(options, ct));
        Assert.Contains(bastion2.Port.ToString(), e.Message + e.InnerException?.Message);
        Assert.DoesNotContain("Accepted", target.Log);
    }

    [Fact]
    public async Task A_Dropbear_target_behind_an_OpenSSH_bastion()
    {
        await using OpenSshServer bastion = await OpenSshServer.StartAsync();
        await using DropbearServer target = await DropbearServer.StartAsync();
        using var dir = new TempDirectory("vty-jump");
        CancellationToken ct = TestTimeouts.LongToken();

        SshClientOptions options = ReachOptions.Password(target.Port, dir);
        options.JumpHosts = [ReachOptions.Password(bastion.Port, dir)];
        await using SshClient client = await SshClient.ConnectAsync(options, ct);

        Assert.Contains("dropbear", client.ServerVersion, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("OpenSSH", client.JumpHosts[0].ServerVersion);
        SshExecResult result = await client.ExecuteAsync("echo through-the-bastion", ct);
        Assert.Equal("through-the-bastion\n", Encoding.UTF8.GetString(result.StandardOutput));
    }

    [Fact]
    public async Task An_unreachable_next_hop_names_the_jump_host_and_the_target()
    {
        await using OpenSshServer bastion = await OpenSshServer.StartAsync();
        using var dir = new TempDirectory("vty-jump");
        int closedPort = FreePort.Next();
        SshClientOptions options = ReachOptions.Password(closedPort, dir);
        options.JumpHosts = [ReachOptions.Password(bastion.Port, dir)];

        var e = await Assert.ThrowsAsync<SshConnectionException>(() => SshClient.ConnectAsync(options, TestTimeouts.LongToken()));
        Assert.Contains($"jump host 127.0.0.1:{bastion.Port} could not reach 127.0.0.1:{closedPort}", e.Message);
    }

    [Fact]
    public async Task Our_server_as_a_bastion_with_tcp_forwarding_enabled()
    {
        await using TestServer bastion = await TestServer.StartAsync(o => o.DirectTcpipHandler = SshServerForwarding.ConnectTcp());
        await using OpenSshServer target = await OpenSshServer.StartAsync();
        using var dir = new TempDirectory("vty-jump");
        CancellationToken ct = TestTimeouts.LongToken();

        SshClientOptions options = ReachOptions.Password(target.Port, dir);
        options.JumpHosts = [new SshClientOptions
        {
            Host = "127.0.0.1", Port = bastion.Port, Username = TestServer.User, Password = TestServer.Password,
            KnownHostsPath = bastion.KnownHostsPath,
        }];
        await using SshClient client = await SshClient.ConnectAsync(options, ct);
        SshExecResult result = await client.ExecuteAsync("whoami", ct);
        Assert.Equal(SshTestUser.Name + "\n", Encoding.UTF8.GetString(result.StandardOutput));
    }

    [Fact]
    public async Task Jump_hosts_and_a_proxy_command_together_are_refused_before_connecting()
    {
        using var dir = new TempDirectory("vty-jump");
        SshClientOptions options = ReachOptions.Password(22, dir);
        options.JumpHosts = [ReachOptions.Password(22, dir)];
        options.ProxyCommand = "nc %h %p";
        var e = await Assert.ThrowsAsync<ArgumentException>(() => SshClient.ConnectAsync(options, TestTimeouts.ShortToken()));
        Assert.Contains("either JumpHosts", e.Message);
    }
}
