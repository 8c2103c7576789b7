using Vty.Inventory.Formats;

namespace Vty.Tests.Inventory.Formats;

public sealed class InventoryFormatDetectionTests
{
    [Theory]
    [InlineData("fleet.yaml", "defaults: { driver: ios }\nhosts:\n  r1: ssh://10.0.0.1\n", InventoryFormat.Vty)]
    [InlineData("inventory.yml", "all:\n  hosts:\n    r1:\n", InventoryFormat.AnsibleYaml)]
    [InlineData("inventory", "routers:\n  children:\n    core:\n", InventoryFormat.AnsibleYaml)]
    [InlineData("hosts", "[routers]\nr1 ansible_host=10.0.0.1\n", InventoryFormat.AnsibleIni)]
    [InlineData("hosts", "r1\nr2\n", InventoryFormat.AnsibleIni)]
    [InlineData("inventory.ini", "r1: oops\n", InventoryFormat.AnsibleIni)]
    [InlineData("hosts.yaml", "r1:\n  hostname: 10.0.0.1\n  platform: cisco_ios\n", InventoryFormat.Nornir)]
    [InlineData("devices.csv", "name,ip\n", InventoryFormat.Csv)]
    [InlineData("router.db", "r1:ios\n", InventoryFormat.RouterDb)]
    public void TheFormatComesFromTheNameAndTheShape(string file, string text, InventoryFormat expected)
    {
        Assert.Equal(expected, InventoryFormatDetector.Detect(file, text));
    }

    [Fact]
    public void FormatNamesParseAndAnUnknownOneSaysWhichExist()
    {
        Assert.Equal(InventoryFormat.AnsibleIni, InventoryLoadOptions.ParseFormat("ansible-ini"));
        Assert.Equal(InventoryFormat.RouterDb, InventoryLoadOptions.ParseFormat("oxidized"));
        var e = Assert.Throws<ArgumentException>(() => InventoryLoadOptions.ParseFormat("netbox"));
        Assert.Contains("nornir", e.Message);
    }
}
