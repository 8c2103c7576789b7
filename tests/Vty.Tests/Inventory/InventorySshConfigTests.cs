using Vty.Inventory;

namespace Vty.Tests.Inventory;

/// <summary>The inventory's ssh_config: (alias and/or file) and jump: keys, layered like every other setting.</summary>
public sealed class InventorySshConfigTests
{
    [Fact]
    public void Ssh_config_is_an_alias_or_a_map_and_jump_is_inherited_from_a_group()
    {
        HostInventory inventory = HostInventory.Parse("""
            groups:
              behind-bastion: { jump: "ops@bastion:2222,core-gw" }
            hosts:
              r1: { ssh_config: lab-r1 }
              r2: { ssh_config: { alias: lab-r2, file: ~/lab/ssh_config }, groups: [behind-bastion] }
              r3: { ssh_config: { file: /etc/vty/ssh_config }, groups: [behind-bastion], jump: none }
            """);
        HostSettings r1 = inventory.Hosts.Single(h => h.Name == "r1").Settings;
        HostSettings r2 = inventory.Hosts.Single(h => h.Name == "r2").Settings;
        HostSettings r3 = inventory.Hosts.Single(h => h.Name == "r3").Settings;
        Assert.Equal(("lab-r1", null, null), (r1.SshConfigAlias, r1.SshConfigFile, r1.Jump));
        Assert.Equal(("lab-r2", "~/lab/ssh_config", "ops@bastion:2222,core-gw"), (r2.SshConfigAlias, r2.SshConfigFile, r2.Jump));
        Assert.Equal((null, "/etc/vty/ssh_config", "none"), (r3.SshConfigAlias, r3.SshConfigFile, r3.Jump));
    }

    [Theory]
    [InlineData("hosts: { r1: { ssh_config: { host: x } } }", "unknown key 'host' in 'ssh_config' of")]
    [InlineData("hosts: { r1: { ssh_config: {} } }", "names neither alias: nor file:")]
    [InlineData("hosts: { r1: { ssh_config: [a, b] } }", "must be an ssh_config Host alias")]
    public void A_bad_ssh_config_key_says_what_is_wrong(string yaml, string expected)
    {
        var error = Assert.Throws<InventoryException>(() => HostInventory.Parse(yaml));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
