using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Vty.Cli.Commands;
using Vty.TestSupport.Ssh;

namespace Vty.Cli.Tests;

/// <summary>
/// Inventory hosts that name an ssh_config alias (and file) or jump hosts, run against real sshd
/// instances; and vty shell taking ssh's connection options.
/// </summary>
public sealed class ReachInventoryRunTests
{
    [Fact]
    public async Task Run_reaches_a_host_through_its_ssh_config_alias_and_another_through_its_jump_host()
    {
        await using OpenSshServer bastion = await OpenSshServer.StartAsync().WaitAsync(CliRunner.TestTimeout);
        await using OpenSshServer target = await OpenSshServer.StartAsync(authorizedKeys: ["ed25519"]).WaitAsync(CliRunner.TestTimeout);
        string dir = CliRunner.TempDir();
        try
        {
            string config = Path.Combine(dir, "ssh_config");
            await File.WriteAllTextAsync(config, $"""
                Host lab-target
                  HostName 127.0.0.1
                  Port {target.Port}
                  User {SshTestUser.Name}
                  IdentityFile {await SshTestKeys.GetAsync("ed25519")}
                  PreferredAuthentications publickey
                """);
            string inventory = Path.Combine(dir, "hosts.yaml");
            await File.WriteAllTextAsync(inventory, $$"""
                defaults: { driver: linux }
                hosts:
                  by-alias: { ssh_config: { alias: lab-target, file: "{{config}}" } }
                  by-jump:
                    url: "ssh://127.0.0.1:{{target.Port}}"
                    username: {{SshTestUser.Name}}
                    password: {{SshTestUser.Password}}
                    jump: "{{SshTestUser.Name}}@127.0.0.1:{{bastion.Port}}"
                """);
            CliRunner.Outcome run = await CliRunner.RunAsync("run", "--inventory", inventory, "-c", "echo reached-$((6*7))", "--json",
                "-o", "StrictHostKeyChecking=accept-new", "-o", $"UserKnownHostsFile={Path.Combine(dir, "known_hosts")}",
                "-o", "IdentityAgent=none");
            Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr + target.Log);
            foreach (string line in run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using JsonDocument result = JsonDocument.Parse(line);
                if (!result.RootElement.TryGetProperty("results", out JsonElement results)) continue;
                Assert.Equal("reached-42", results[0].GetProperty("output").GetString()!.Trim());
            }
            Assert.Equal(2, run.Stdout.Split("reached-42").Length - 1);
            // The key from the alias logged in to the target; the jump host was logged in to with the password.
            Assert.Contains("Accepted publickey", target.Log);
            Assert.Contains("Accepted password", bastion.Log);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Shell_takes_F_and_reaches_the_alias_with_its_key()
    {
        await using OpenSshServer server = await OpenSshServer.StartAsync(
            new Dictionary<string, string> { ["PasswordAuthentication"] = "no" }, authorizedKeys: ["ecdsa256"]).WaitAsync(CliRunner.TestTimeout);
        string dir = CliRunner.TempDir();
        try
        {
            string config = Path.Combine(dir, "ssh_config");
            await File.WriteAllTextAsync(config, $"""
                Host shell-box
                  HostName 127.0.0.1
                  Port {server.Port}
                  User {SshTestUser.Name}
                  IdentityFile {await SshTestKeys.GetAsync("ecdsa256")}
                  UserKnownHostsFile {Path.Combine(dir, "known_hosts")}
                  IdentityAgent none
                """);
            var keys = new Pipe();
            var root = new System.CommandLine.RootCommand { ShellCommand.Create(() => keys.Reader.AsStream()) };
            Task<CliRunner.Outcome> shell = CliRunner.RunAsync(root, CancellationToken.None, "shell", "-F", config, "--driver", "linux", "shell-box");
            await keys.Writer.WriteAsync(Encoding.ASCII.GetBytes("echo shell-$((6*7))\rexit\r"));
            CliRunner.Outcome run = await shell;
            Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
            Assert.Contains("shell-42", run.Stdout);
            Assert.Contains("Accepted publickey", server.Log);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
