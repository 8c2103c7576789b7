using Vty.Inventory;
using Vty.Inventory.Formats;
using Vty.TestSupport;

namespace Vty.Tests.Inventory.Formats;

public sealed class AnsibleInventoryTests
{
    private static HostInventory Load(string name, string text, InventoryFormat format = InventoryFormat.Auto)
    {
        using var dir = new TempDirectory("vty-ansible");
        File.WriteAllText(dir.File(name), text);
        return HostInventory.Load(dir.File(name), new InventoryLoadOptions { Format = format });
    }

    private const string Ini = """
        # edge routers and their core
        jump1 ansible_host=192.0.2.10

        [edge]
        r1 ansible_host=192.0.2.1 ansible_network_os=cisco.ios.ios site=paris
        r2:2222 ansible_host=192.0.2.2 ansible_network_os=junipernetworks.junos.junos ansible_password=hunter2
        sw[01:03] ansible_network_os=arista.eos.eos

        [core]
        c1 ansible_connection=telnet ansible_network_os=iosxr

        [core:vars]
        ansible_user=coreops
        ntp="10.0.0.1"

        [network:children]
        edge
        core

        [network:vars]
        ansible_user=netops
        ansible_connection=ansible.netcommon.network_cli
        site=lyon

        [all:vars]
        ansible_port=22
        """;

    [Fact]
    public void IniGroupsChildrenAndVarsMergeAsInAnsible()
    {
        HostInventory inventory = Load("hosts", Ini);

        Assert.Equal(["jump1", "r1", "r2", "sw01", "sw02", "sw03", "c1"], inventory.Hosts.Select(h => h.Name));
        InventoryHost r1 = inventory.Hosts.Single(h => h.Name == "r1");
        Assert.Equal("ssh://netops@192.0.2.1:22", r1.Url);
        Assert.Equal("ios", r1.Driver);
        Assert.Equal("paris", r1.Variables["site"]); // host beats its group's parent
        Assert.Contains("network", r1.Groups);
        Assert.Contains("edge", r1.Groups);

        InventoryHost r2 = inventory.Hosts.Single(h => h.Name == "r2");
        Assert.Equal("ssh://netops@192.0.2.2:2222", r2.Url);
        Assert.Equal("junos", r2.Driver);
        Assert.Equal("lyon", r2.Variables["site"]);

        InventoryHost c1 = inventory.Hosts.Single(h => h.Name == "c1");
        Assert.Equal("telnet://coreops@c1:22", c1.Url); // the child group's user beats the parent's
        Assert.Equal("ios_xr", c1.Driver);
        Assert.Equal("10.0.0.1", c1.Variables["ntp"]);

        Assert.Equal("eos", inventory.Hosts.Single(h => h.Name == "sw02").Driver);
        Assert.Equal("ssh://192.0.2.10:22", inventory.Hosts.Single(h => h.Name == "jump1").Url);
        Assert.Equal(["r1", "r2", "sw01", "sw02", "sw03", "c1"], inventory.Select("network").Select(h => h.Name));
        Assert.Equal(["jump1"], inventory.Select("ungrouped").Select(h => h.Name));
        Assert.Equal(7, inventory.Select("all").Count);
    }

    [Fact]
    public void APasswordInTheFileIsDroppedWithAWarningAndNeverBecomesAVariable()
    {
        HostInventory inventory = Load("hosts", Ini);

        InventoryHost r2 = inventory.Hosts.Single(h => h.Name == "r2");
        Assert.DoesNotContain(r2.Variables.Values, v => v.Contains("hunter2"));
        Assert.Null(r2.Settings.Password);
        string warning = Assert.Single(inventory.Warnings, w => w.Contains("ansible_password"));
        Assert.Contains("VTY_PASSWORD", warning);
        Assert.DoesNotContain("hunter2", warning);
    }

    [Fact]
    public void YamlGroupsChildrenAndVarsMergeAsInAnsible()
    {
        HostInventory inventory = Load("inventory.yml", """
            all:
              vars:
                ansible_user: admin
                region: eu
              hosts:
                bastion:
                  ansible_host: 198.51.100.5
              children:
                routers:
                  vars:
                    ansible_network_os: cisco.ios.ios
                    ansible_connection: network_cli
                  children:
                    core:
                      vars: { ansible_network_os: cisco.nxos.nxos, tier: core }
                      hosts:
                        n1: { ansible_host: 198.51.100.11, ansible_port: 2022 }
                    access:
                      hosts:
                        a[1:2]:
                          ansible_become_password: !vault |
                            $ANSIBLE_VAULT;1.1;AES256
                            3331
                linux:
                  hosts:
                    web1: { ansible_connection: local }
                    web2: { ansible_user: deploy }
            """);

        Assert.Equal(["bastion", "n1", "a1", "a2", "web2"], inventory.Hosts.Select(h => h.Name));
        InventoryHost n1 = inventory.Hosts.Single(h => h.Name == "n1");
        Assert.Equal("ssh://admin@198.51.100.11:2022", n1.Url);
        Assert.Equal("nxos", n1.Driver); // core beats routers
        Assert.Equal("core", n1.Variables["tier"]);
        Assert.Equal("eu", n1.Variables["region"]);
        Assert.Equal(["all", "routers", "core"], n1.Groups);
        Assert.Equal("ios", inventory.Hosts.Single(h => h.Name == "a2").Driver);
        Assert.Equal("ssh://deploy@web2", inventory.Hosts.Single(h => h.Name == "web2").Url);
        Assert.Equal(["n1", "a1", "a2"], inventory.Select("routers").Select(h => h.Name));
        Assert.Contains(inventory.Warnings, w => w.Contains("web1") && w.Contains("local"));
        Assert.Contains(inventory.Warnings, w => w.Contains("ansible_become_password"));
    }

    [Fact]
    public void AnUnknownNetworkOsWarnsAndLeavesTheDriverToGuessing()
    {
        HostInventory inventory = Load("hosts.ini", "[x]\nd1 ansible_network_os=acme.widget.widgetos\n");

        Assert.Null(inventory.Hosts.Single().Driver);
        Assert.Contains(inventory.Warnings, w => w.Contains("acme.widget.widgetos") && w.Contains("guessing"));
    }

    [Fact]
    public void MistakesAreNamedWithTheirLine()
    {
        var badPort = Assert.Throws<InventoryException>(() => Load("hosts", "[x]\nr1 ansible_port=twenty\n"));
        Assert.Contains("ansible_port", badPort.Message);
        Assert.Contains("twenty", badPort.Message);

        var badHeader = Assert.Throws<InventoryException>(() => Load("hosts", "[x:hosts]\nr1\n"));
        Assert.Contains("line 1", badHeader.Message);

        var badVar = Assert.Throws<InventoryException>(() => Load("hosts", "[x]\nr1 notavar\n"));
        Assert.Contains("line 2", badVar.Message);
        Assert.Contains("name=value", badVar.Message);

        var badYaml = Assert.Throws<InventoryException>(() => Load("inv.yaml", "all:\n  hostz:\n    r1:\n", InventoryFormat.AnsibleYaml));
        Assert.Contains("unknown key 'hostz'", badYaml.Message);
        Assert.Contains("line 2", badYaml.Message);
    }

    [Fact]
    public void ChildrenLoopsAreRefused()
    {
        var loop = Assert.Throws<InventoryException>(() => Load("hosts", "[a]\nr1\n[a:children]\nb\n[b:children]\na\n"));
        Assert.Contains("loops", loop.Message);
    }
}
