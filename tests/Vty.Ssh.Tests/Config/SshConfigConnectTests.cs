using System.Text;
using Vty.Ssh.Config;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Config;

/// <summary>An alias from an ssh_config file is all it takes to reach a real sshd with a key.</summary>
public sealed class SshConfigConnectTests
{
    [Fact]
    public async Task An_alias_resolves_to_host_port_user_and_key_and_logs_in()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["PasswordAuthentication"] = "no" },
            authorizedKeys: ["ed25519"]);
        string config = dir.File("config");
        await File.WriteAllTextAsync(config, $"""
            Host lab-box
              HostName 127.0.0.1
              Port {server.Port}
              User {SshTestUser.Name}
              IdentityFile {await SshTestKeys.GetAsync("ed25519")}
              IdentitiesOnly yes
              UserKnownHostsFile {dir.File("known_hosts")}
              StrictHostKeyChecking accept-new
              PreferredAuthentications publickey
              KexAlgorithms sntrup761x25519-sha512@openssh.com
            """);
        SshResolvedConfig resolved = SshConfig.FromFile(config).Resolve("lab-box");
        SshClientOptions options = SshConfigClientOptions.Create(resolved);
        await using SshClient client = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());
        SshExecResult result = await client.ExecuteAsync("id -un", TestTimeouts.ShortToken());
        Assert.Equal(SshTestUser.Name + "\n", Encoding.UTF8.GetString(result.StandardOutput));
        Assert.Equal("sntrup761x25519-sha512@openssh.com", client.Algorithms.Kex);
        Assert.Contains($"[127.0.0.1]:{server.Port}", await File.ReadAllTextAsync(dir.File("known_hosts")));
    }

    [Fact]
    public async Task HostKeyAlias_files_the_key_under_the_alias()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync();
        SshResolvedConfig resolved = SshConfig.FromText($"""
            Host aliased
              HostName 127.0.0.1
              Port {server.Port}
              User {SshTestUser.Name}
              HostKeyAlias lab-core
              UserKnownHostsFile {dir.File("known_hosts")}
            """).Resolve("aliased");
        SshClientOptions options = SshConfigClientOptions.Create(resolved);
        options.Password = SshTestUser.Password;
        await using (SshClient client = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken())) { }
        string known = await File.ReadAllTextAsync(dir.File("known_hosts"));
        Assert.StartsWith("lab-core ", known);
        // Strict now: the alias entry is what makes the second connection trusted.
        options.HostKeyPolicy = HostKeyPolicy.Strict;
        await using (SshClient again = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken())) { }
    }
}

/// <summary>ProxyJump from ssh_config: each hop resolved through the same config, through a real sshd.</summary>
public sealed class SshConfigJumpTests
{
    [Fact]
    public async Task A_proxyjump_alias_reaches_the_target_through_the_bastion_block()
    {
        using var dir = new TempDirectory();
        await using var bastion = await OpenSshServer.StartAsync();
        await using var target = await OpenSshServer.StartAsync();
        var config = SshConfig.FromText($"""
            Host inner
              HostName 127.0.0.1
              Port {target.Port}
              ProxyJump jumpbox
            Host jumpbox
              HostName 127.0.0.1
              Port {bastion.Port}
            Host *
              User {SshTestUser.Name}
              UserKnownHostsFile {dir.File("known_hosts")}
              StrictHostKeyChecking no
            """);
        SshClientOptions options = config.CreateClientOptions("inner", new SshConfigQuery { LocalUser = "nobody", HomeDirectory = dir.Path });
        Assert.Equal(bastion.Port, Assert.Single(options.JumpHosts).Port);
        options.Password = SshTestUser.Password;
        options.JumpHosts[0].Password = SshTestUser.Password;
        await using SshClient client = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());
        SshExecResult result = await client.ExecuteAsync("echo through", TestTimeouts.ShortToken());
        Assert.Equal("through\n", Encoding.UTF8.GetString(result.StandardOutput));
        Assert.Contains("Accepted password", bastion.Log);
        Assert.Contains("Accepted password", target.Log);
    }
}
