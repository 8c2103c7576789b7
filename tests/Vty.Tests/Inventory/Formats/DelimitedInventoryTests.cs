using Vty.Inventory;
using Vty.Inventory.Formats;
using Vty.TestSupport;

namespace Vty.Tests.Inventory.Formats;

public sealed class DelimitedInventoryTests
{
    private static HostInventory Load(string name, string text, InventoryLoadOptions? options = null)
    {
        using var dir = new TempDirectory("vty-csv");
        File.WriteAllText(dir.File(name), text);
        return HostInventory.Load(dir.File(name), options);
    }

    [Fact]
    public void CsvWithAHeaderGivesGroupsDriversAndVariables()
    {
        HostInventory inventory = Load("devices.csv", """
            name,ip,platform,protocol,port,username,groups,site,password
            r1,192.0.2.1,cisco_ios,ssh,,admin,core;paris,"Paris, FR",secret1
            r2,192.0.2.2,juniper_junos,telnet,2323,,edge,Lyon,
            # a comment
            r3,,linux,,,,edge|paris,,
            """);

        Assert.Equal(["r1", "r2", "r3"], inventory.Hosts.Select(h => h.Name));
        InventoryHost r1 = inventory.Hosts[0];
        Assert.Equal("ssh://admin@192.0.2.1", r1.Url);
        Assert.Equal("ios", r1.Driver);
        Assert.Equal("Paris, FR", r1.Variables["site"]);
        Assert.Equal(["core", "paris"], r1.Groups);
        Assert.Equal("telnet://192.0.2.2:2323", inventory.Hosts[1].Url);
        Assert.Equal("ssh://r3", inventory.Hosts[2].Url);
        Assert.Equal(["r1", "r3"], inventory.Select("paris").Select(h => h.Name));
        Assert.DoesNotContain(inventory.Hosts.SelectMany(h => h.Variables.Values), v => v.Contains("secret1"));
        Assert.Contains(inventory.Warnings, w => w.Contains("column 'password'"));
    }

    [Fact]
    public void RouterDbIsNameColonModelAndTakesOtherColumnsAndSeparators()
    {
        HostInventory plain = Load("router.db", "core1.example.net:ios\n# retired\nedge1.example.net:junos:extra:fields\n");
        Assert.Equal(["core1.example.net", "edge1.example.net"], plain.Hosts.Select(h => h.Name));
        Assert.Equal("ssh://core1.example.net", plain.Hosts[0].Url);
        Assert.Equal(["ios", "junos"], plain.Hosts.Select(h => h.Driver));

        HostInventory mapped = Load("router.db", "core1|192.0.2.1|nxos|dc1|ops\nedge1|192.0.2.2|eos|dc2|ops\n", new InventoryLoadOptions
        {
            Separator = '|',
            Columns = ["name", "ip", "model", "group", "username"],
        });
        Assert.Equal("ssh://ops@192.0.2.1", mapped.Hosts[0].Url);
        Assert.Equal("nxos", mapped.Hosts[0].Driver);
        Assert.Equal(["edge1"], mapped.Select("dc2").Select(h => h.Name));
    }

    [Fact]
    public void MistakesAreNamedWithTheirLine()
    {
        var noHeader = Assert.Throws<InventoryException>(() => Load("d.csv", "foo,bar\n1,2\n"));
        Assert.Contains("names no host column", noHeader.Message);
        Assert.Contains("--inventory-columns", noHeader.Message);

        var twice = Assert.Throws<InventoryException>(() => Load("router.db", "r1:ios\nr1:eos\n"));
        Assert.Contains("line 2", twice.Message);
        Assert.Contains("listed twice", twice.Message);

        var port = Assert.Throws<InventoryException>(() => Load("d.csv", "name,port\nr1,http\n"));
        Assert.Contains("line 2", port.Message);
        Assert.Contains("'http'", port.Message);
    }
}
