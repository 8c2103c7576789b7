using System.Text.Json;
using Vty.Lab.Serving;
using Vty.TestSupport.Ssh;
using Vty.TestSupport.Telnet;

namespace Vty.Cli.Tests;

/// <summary>
/// <c>vty run</c> end to end over real sockets: real OpenSSH sshd, Dropbear and busybox telnetd
/// (logging in through /bin/login) in one inventory, and a lab served by vty's own SSH and Telnet servers.
/// </summary>
public sealed class RealHostsRunTests
{
    [Fact]
    public async Task Run_reaches_OpenSsh_Dropbear_and_busybox_telnetd_in_one_inventory()
    {
        await using OpenSshServer sshd = await OpenSshServer.StartAsync().WaitAsync(CliRunner.TestTimeout);
        await using DropbearServer dropbear = await DropbearServer.StartAsync().WaitAsync(CliRunner.TestTimeout);
        await using TelnetdFixture telnetd = await TelnetdFixture.StartBusyboxAsync().WaitAsync(CliRunner.TestTimeout);
        string dir = CliRunner.TempDir();
        try
        {
            string inventory = Path.Combine(dir, "hosts.yaml");
            await File.WriteAllTextAsync(inventory, $$"""
                defaults: { username: {{SshTestUser.Name}}, password: {{SshTestUser.Password}}, driver: linux }
                hosts:
                  openssh: { url: "ssh://127.0.0.1:{{sshd.Port}}" }
                  dropbear: { url: "ssh://127.0.0.1:{{dropbear.Port}}" }
                  busybox: { url: "telnet://127.0.0.1:{{telnetd.Port}}" }
                """);

            CliRunner.Outcome run = await CliRunner.RunAsync("run", "--inventory", inventory,
                "-c", "echo vty-$((6*7))", "-c", "id -un", "--json",
                "-o", "StrictHostKeyChecking=accept-new", "-o", $"UserKnownHostsFile={Path.Combine(dir, "known_hosts")}", "-o", "HashKnownHosts=no");

            string[] lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var byHost = lines.Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("host").GetString()!);
            Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr + sshd.Log + dropbear.Log);
            Assert.Equal(["busybox", "dropbear", "openssh"], byHost.Keys.Order());
            foreach (JsonElement host in byHost.Values)
            {
                JsonElement[] results = [.. host.GetProperty("results").EnumerateArray()];
                Assert.Equal("vty-42", results[0].GetProperty("output").GetString()!.Trim());
                Assert.Equal(SshTestUser.Name, results[1].GetProperty("output").GetString()!.Trim());
            }
            // accept-new stored both SSH servers' host keys.
            string knownHosts = await File.ReadAllTextAsync(Path.Combine(dir, "known_hosts"));
            Assert.Contains($"[127.0.0.1]:{sshd.Port}", knownHosts);
            Assert.Contains($"[127.0.0.1]:{dropbear.Port}", knownHosts);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Run_and_config_against_a_served_lab_over_ssh_and_telnet()
    {
        await using LabHost lab = await LabHost.StartAsync(new LabHostOptions { Devices = 2, Profiles = ["ios", "eos"] })
            .WaitAsync(CliRunner.TestTimeout);
        string dir = CliRunner.TempDir();
        try
        {
            string inventory = Path.Combine(dir, "lab.yaml");
            await lab.WriteInventoryAsync(inventory);
            string[] connection = ["-o", "StrictHostKeyChecking=accept-new", "-o", $"UserKnownHostsFile={Path.Combine(dir, "known_hosts")}"];

            CliRunner.Outcome config = await CliRunner.RunAsync(["config", "--inventory", inventory, "--group", "lab-telnet",
                // The lab's enable password equals its login password, which --enable falls back to.
                "--enable", "-c", "interface Loopback9", "-c", "description from-vty-config", .. connection]);
            CliRunner.Outcome run = await CliRunner.RunAsync(["run", "--inventory", inventory, "--enable",
                "-c", "show running-config", "--json", .. connection]);

            Assert.True(config.ExitCode == 0, config.Stdout + config.Stderr);
            Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
            JsonElement[] hosts = [.. run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
            Assert.Equal(4, hosts.Length);   // two devices, each over SSH and over Telnet
            // The change made over Telnet shows over SSH too: both transports reach the same device.
            foreach (JsonElement host in hosts)
                Assert.Contains("from-vty-config", host.GetProperty("results")[0].GetProperty("output").GetString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
