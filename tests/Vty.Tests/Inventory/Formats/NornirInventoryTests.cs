using Vty.Inventory;
using Vty.Inventory.Formats;
using Vty.TestSupport;

namespace Vty.Tests.Inventory.Formats;

public sealed class NornirInventoryTests
{
    private static TempDirectory Write(string hosts, string? groups = null, string? defaults = null)
    {
        var dir = new TempDirectory("vty-nornir");
        File.WriteAllText(dir.File("hosts.yaml"), hosts);
        if (groups is not null) File.WriteAllText(dir.File("groups.yaml"), groups);
        if (defaults is not null) File.WriteAllText(dir.File("defaults.yaml"), defaults);
        return dir;
    }

    private const string Hosts = """
        ---
        r1:
          hostname: 192.0.2.1
          groups: [paris, cisco]
          data: { role: edge, site: { rack: A3 } }
        r2:
          hostname: 192.0.2.2
          port: 2222
          platform: juniper_junos
          groups: [cisco, paris]
          password: hunter2
        r3:
          groups: [lab]
        """;

    private const string Groups = """
        cisco:
          platform: cisco_ios
          username: ciscoops
          data: { role: access, vendor: cisco }
        paris:
          username: parisops
          groups: [europe]
        europe:
          platform: cisco_xr
          data: { region: eu }
        lab:
          hostname: 127.0.0.1
          platform: linux
        """;

    private const string Defaults = """
        username: netops
        port: 22
        data: { ntp: 10.0.0.1 }
        """;

    [Fact]
    public void TheFirstGroupWinsHostBeatsGroupsAndDefaultsLieBeneath()
    {
        using TempDirectory dir = Write(Hosts, Groups, Defaults);
        HostInventory inventory = HostInventory.Load(dir.Path, null);

        InventoryHost r1 = inventory.Hosts.Single(h => h.Name == "r1");
        // paris (first) beats cisco for the user; paris's parent europe beats cisco for the platform.
        Assert.Equal("ssh://parisops@192.0.2.1:22", r1.Url);
        Assert.Equal("ios_xr", r1.Driver);
        Assert.Equal("edge", r1.Variables["role"]);
        Assert.Equal("A3", r1.Variables["site.rack"]);
        Assert.Equal("cisco", r1.Variables["vendor"]);
        Assert.Equal("eu", r1.Variables["region"]);
        Assert.Equal("10.0.0.1", r1.Variables["ntp"]);

        InventoryHost r2 = inventory.Hosts.Single(h => h.Name == "r2");
        Assert.Equal("ssh://ciscoops@192.0.2.2:2222", r2.Url);
        Assert.Equal("junos", r2.Driver);
        Assert.Equal("access", r2.Variables["role"]);

        InventoryHost r3 = inventory.Hosts.Single(h => h.Name == "r3");
        Assert.Equal("ssh://netops@127.0.0.1:22", r3.Url);
        Assert.Equal("shell", r3.Driver);
        Assert.Equal(["r1", "r2"], inventory.Select("europe").Select(h => h.Name));
    }

    [Fact]
    public void TheHostsFileFindsItsSiblingsAndThePasswordIsDroppedWithAWarning()
    {
        using TempDirectory dir = Write(Hosts, Groups, Defaults);
        HostInventory inventory = HostInventory.Load(dir.File("hosts.yaml"), null);

        Assert.Equal(3, inventory.Hosts.Count);
        Assert.Null(inventory.Hosts.Single(h => h.Name == "r2").Settings.Password);
        Assert.DoesNotContain(inventory.Hosts.SelectMany(h => h.Variables.Values), v => v.Contains("hunter2"));
        Assert.Contains(inventory.Warnings, w => w.Contains("password") && w.Contains("VTY_PASSWORD"));
    }

    [Fact]
    public void UnknownGroupsAndKeysAreNamed()
    {
        using TempDirectory missing = Write("r1: { groups: [nowhere] }\n", Groups);
        var unknownGroup = Assert.Throws<InventoryException>(() => HostInventory.Load(missing.Path, null));
        Assert.Contains("'nowhere'", unknownGroup.Message);
        Assert.Contains("groups: cisco, europe, lab, paris", unknownGroup.Message);

        using TempDirectory typo = Write("r1: { hostnme: 10.0.0.1 }\n");
        var unknownKey = Assert.Throws<InventoryException>(() => HostInventory.Load(typo.File("hosts.yaml"), new InventoryLoadOptions { Format = InventoryFormat.Nornir }));
        Assert.Contains("unknown key 'hostnme'", unknownKey.Message);
        Assert.Contains("line 1", unknownKey.Message);
    }
}
