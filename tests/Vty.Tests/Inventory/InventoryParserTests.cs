using Vty.Inventory;

namespace Vty.Tests.Inventory;

public sealed class InventoryParserTests
{
    [Fact]
    public void MinimalFormGivesOneHostWithItsUrlAndDriver()
    {
        HostInventory inventory = HostInventory.Parse("hosts: { r1: { url: ssh://admin@10.0.0.1, driver: ios } }");

        InventoryHost host = Assert.Single(inventory.Hosts);
        Assert.Equal("r1", host.Name);
        Assert.Equal("ssh://admin@10.0.0.1", host.Url);
        Assert.Equal("ios", host.Driver);
    }

    [Fact]
    public void MaxOutputTakesASizeAndALaterLayerWins()
    {
        HostInventory inventory = HostInventory.Parse("""
            defaults: { max_output: 16M }
            hosts:
              r1: { url: ssh://10.0.0.1 }
              r2: { url: ssh://10.0.0.2, max_output: 512K }
            """);

        Assert.Equal(16L << 20, inventory.Hosts.Single(h => h.Name == "r1").Settings.MaxOutput);
        Assert.Equal(512L << 10, inventory.Hosts.Single(h => h.Name == "r2").Settings.MaxOutput);
        var error = Assert.Throws<InventoryException>(() => HostInventory.Parse("hosts: { r1: { url: ssh://10.0.0.1, max_output: lots } }"));
        Assert.Contains("'max_output' must be a size", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsGroupsAndHostMergeInOrderWithParentsFirst()
    {
        const string yaml = """
            defaults:
              driver: ios
              username: ops
              timeout: 30
              vars: { site: hq, role: edge }
            groups:
              juniper:
                driver: junos
                vars: { role: core }
              lab:
                groups: [juniper]
                protocol: telnet
                port: 2323
            hosts:
              j1:
                url: 192.0.2.1
                groups: [lab]
                vars: { rack: "7" }
              c1:
                url: ssh://admin@192.0.2.2:2222
            """;
        HostInventory inventory = HostInventory.Parse(yaml);

        InventoryHost j1 = inventory.Hosts[0];
        Assert.Equal("telnet://ops@192.0.2.1:2323", j1.Url);
        Assert.Equal("junos", j1.Driver);
        Assert.Equal(TimeSpan.FromSeconds(30), j1.Timeout);
        Assert.Equal(["juniper", "lab"], j1.Groups);
        Assert.Equal("core", j1.Variables["role"]);
        Assert.Equal("hq", j1.Variables["site"]);
        Assert.Equal("7", j1.Variables["rack"]);
        Assert.Equal("j1", j1.Variables["host"]);

        InventoryHost c1 = inventory.Hosts[1];
        Assert.Equal("ssh://admin@192.0.2.2:2222", c1.Url);
        Assert.Equal("ios", c1.Driver);
        Assert.Empty(c1.Groups);
    }

    [Fact]
    public void HostWithoutUrlUsesItsNameAsAddressAndScalarHostIsAUrl()
    {
        HostInventory inventory = HostInventory.Parse("""
            hosts:
              core-sw1:
              r2: telnet://10.1.1.1
            """);

        Assert.Equal("ssh://core-sw1", inventory.Hosts[0].Url);
        Assert.Equal("telnet://10.1.1.1", inventory.Hosts[1].Url);
    }

    [Fact]
    public void SelectReturnsMembersOfAGroupIncludingInheritedOnes()
    {
        HostInventory inventory = HostInventory.Parse("""
            groups:
              dc: {}
              dc-east: { groups: [dc] }
              branch: {}
            hosts:
              a: { groups: [dc-east] }
              b: { groups: [branch] }
              c: { groups: [dc] }
            """);

        Assert.Equal(["a", "c"], inventory.Select("dc").Select(h => h.Name));
        Assert.Equal(["a", "b"], inventory.Select("dc-east, b").Select(h => h.Name));
        Assert.Equal(3, inventory.Select(null).Count);
        InventoryException error = Assert.Throws<InventoryException>(() => inventory.Select("dcc"));
        Assert.Contains("no group or host named 'dcc'", error.Message);
        Assert.Contains("branch, dc, dc-east", error.Message);
    }

    [Theory]
    [InlineData("hosts:\n  r1:\n    pasword_env: X\n", "line 3", "unknown key 'pasword_env'")]
    [InlineData("hosts:\n  r1: { groups: [nope] }\n", "line 2", "unknown group 'nope'")]
    [InlineData("groups:\n  a: { groups: [b] }\n  b: { groups: [a] }\nhosts:\n  r1: { groups: [a] }\n", "line", "loops")]
    [InlineData("hosts:\n  r1: { port: 70000 }\n", "line 2", "'port' must be a whole number")]
    [InlineData("hosts:\n  r1: { legacy: maybe }\n", "line 2", "'legacy' must be true or false")]
    [InlineData("hosts:\n  r1: { url: ftp://x }\n", "line 2", "unknown protocol 'ftp'")]
    [InlineData("defaults: { driver: ios }\n", "", "no 'hosts:' section")]
    [InlineData("hosts: [a, b\n", "line", "not valid YAML")]
    [InlineData("hosts:\n  r1: { timeout: -1 }\n", "line 2", "'timeout' must be a number of seconds")]
    [InlineData("", "", "empty")]
    public void InvalidInventoriesFailWithWhereAndWhat(string yaml, string where, string what)
    {
        InventoryException error = Assert.Throws<InventoryException>(() => HostInventory.Parse(yaml, "fleet.yaml"));

        Assert.StartsWith("fleet.yaml", error.Message);
        Assert.Contains(where, error.Message);
        Assert.Contains(what, error.Message);
    }

    [Fact]
    public void LoadNamesAMissingFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"vty-missing-{Guid.NewGuid():N}.yaml");

        InventoryException error = Assert.Throws<InventoryException>(() => HostInventory.Load(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void FromUrlsNamesHostsByAddressAndKeepsDuplicatesApart()
    {
        HostInventory inventory = HostInventory.FromUrls(
            ["ssh://admin@r1:2201", "telnet://r1:2301", "r3", "ssh://r3", "telnet://[2001:db8::1]:23"],
            new HostSettings { Driver = "eos", Username = "ops" });

        // A given port is part of the name; the same address twice is told apart by its scheme.
        Assert.Equal(["r1:2201", "r1:2301", "r3", "ssh://r3", "[2001:db8::1]:23"], inventory.Hosts.Select(h => h.Name));
        Assert.Equal("ssh://admin@r1:2201", inventory.Hosts[0].Url);
        Assert.Equal("telnet://ops@r1:2301", inventory.Hosts[1].Url);
        Assert.Equal("ssh://ops@r3", inventory.Hosts[2].Url);
        Assert.All(inventory.Hosts, h => Assert.Equal("eos", h.Driver));
    }

    [Fact]
    public void QueryVariablesStayOutOfTheNameAndPortGoesBeforeThem()
    {
        HostInventory inventory = HostInventory.Parse("hosts: { r1: { url: 'dummy://lab@ios-01?profile=ios', port: 7 } }");

        Assert.Equal("dummy://lab@ios-01:7?profile=ios", inventory.Hosts[0].Url);
        Assert.Equal("ios-01", InventoryHost.FromUrl("dummy://lab@ios-01?profile=ios").Name);
    }

    [Theory]
    [InlineData("ssh://[2001:db8::1]:2222", "[2001:db8::1]:2222", "ssh://ops@[2001:db8::1]:2222")]
    [InlineData("ssh://[2001:db8::1]", "2001:db8::1", "ssh://ops@[2001:db8::1]")]
    [InlineData("2001:db8::7", "2001:db8::7", "ssh://ops@2001:db8::7")]
    [InlineData("telnet://r9", "r9", "telnet://ops@r9")]
    public void AddressesKeepTheirShape(string given, string name, string url)
    {
        InventoryHost host = InventoryHost.FromUrl(given, new HostSettings { Username = "ops" });

        Assert.Equal(name, host.Name);
        Assert.Equal(url, host.Url);
    }

    [Fact]
    public void SettingsToStringNeverShowsTheLiteralPassword()
    {
        HostInventory inventory = HostInventory.Parse("hosts: { r1: { password: s3cret-pw } }");

        Assert.DoesNotContain("s3cret-pw", inventory.Hosts[0].Settings.ToString());
        Assert.DoesNotContain("s3cret-pw", inventory.Hosts[0].ToString());
    }
}
