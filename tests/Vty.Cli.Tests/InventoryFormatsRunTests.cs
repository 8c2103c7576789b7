using System.Text.Json;
using Vty.Lab;
using Vty.Lab.Serving;
using Vty.TestSupport;

namespace Vty.Cli.Tests;

/// <summary><c>vty run --inventory</c> with Ansible and Nornir inventories against lab devices served over SSH and Telnet.</summary>
public sealed class InventoryFormatsRunTests
{
    private static readonly string[] NoKnownHosts = ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"];

    private static Dictionary<string, JsonElement> ByHost(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("host").GetString()!);

    [Fact]
    public async Task Ansible_ini_and_nornir_inventories_run_on_lab_devices()
    {
        await using LabHost lab = await LabHost.StartAsync(new LabHostOptions { Devices = 2, Profiles = ["ios", "junos"] });
        LabHostDevice ios = lab.Devices[0];
        LabHostDevice junos = lab.Devices[1];
        using var dir = new TempDirectory("vty-inv-run");
        await File.WriteAllTextAsync(dir.File("hosts"), $"""
            [routers]
            edge1 ansible_host=127.0.0.1 ansible_port={ios.SshPort} ansible_network_os=cisco.ios.ios
            edge2 ansible_host=127.0.0.1 ansible_port={junos.TelnetPort} ansible_connection=telnet ansible_network_os=junipernetworks.junos.junos
            spare ansible_host=127.0.0.1 ansible_port=1

            [routers:vars]
            ansible_user=lab
            ansible_password=lab

            [lab:children]
            routers
            """);
        var env = new Dictionary<string, string> { ["VTY_PASSWORD"] = "lab" };

        CliRunner.Outcome ansible = await VtyProcess.RunAsync(
            ["run", "--inventory", dir.File("hosts"), "--group", "edge1,edge2", "-c", "show version", "--json", .. NoKnownHosts], env);

        Assert.True(ansible.ExitCode == 0, ansible.Stdout + ansible.Stderr);
        Dictionary<string, JsonElement> hosts = ByHost(ansible.Stdout);
        Assert.Equal(["edge1", "edge2"], hosts.Keys.Order());
        Assert.Equal("ios", hosts["edge1"].GetProperty("driver").GetString());
        Assert.Contains("Cisco IOS Software", hosts["edge1"].GetProperty("results")[0].GetProperty("output").GetString());
        Assert.Equal("junos", hosts["edge2"].GetProperty("driver").GetString());
        Assert.Contains("JUNOS", hosts["edge2"].GetProperty("results")[0].GetProperty("output").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("warning:", ansible.Stderr);
        Assert.Contains("ansible_password", ansible.Stderr);

        Directory.CreateDirectory(dir.File("nornir"));
        await File.WriteAllTextAsync(dir.File("nornir/hosts.yaml"), $"""
            core1:
              hostname: 127.0.0.1
              port: {ios.SshPort}
              groups: [cisco]
              data: {"{"} role: core {"}"}
            """);
        await File.WriteAllTextAsync(dir.File("nornir/groups.yaml"), "cisco:\n  platform: cisco_ios\n  username: lab\n");

        CliRunner.Outcome nornir = await VtyProcess.RunAsync(
            ["run", "--inventory", dir.File("nornir"), "--group", "cisco", "-c", "show clock", "--json", .. NoKnownHosts], env);

        Assert.True(nornir.ExitCode == 0, nornir.Stdout + nornir.Stderr);
        JsonElement core1 = Assert.Single(ByHost(nornir.Stdout)).Value;
        Assert.Equal("ios", core1.GetProperty("driver").GetString());
        Assert.True(core1.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task A_bad_inventory_format_is_a_usage_error()
    {
        CliRunner.Outcome run = await CliRunner.RunAsync("run", "--inventory", "/nonexistent", "--inventory-format", "netbox", "-c", "show clock");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown inventory format 'netbox'", run.Stderr);
    }
}
