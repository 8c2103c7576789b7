namespace Vty.Lab.Tests;

public class OtherCliTests
{
    [Fact]
    public async Task NxosErrorsAndSave()
    {
        await using TestTerminal t = await Lab.OpenAsync("nxos", "switch# ");
        Assert.Equal("show foo\r\n             ^\r\n% Invalid command at '^' marker.\r\nswitch# ", await t.RunAsync("show foo", "switch# "));
        Assert.Equal("show\r\n             ^\r\n% Incomplete command at '^' marker.\r\nswitch# ", await t.RunAsync("show", "switch# "));
        string save = await t.RunAsync("copy running-config startup-config", "switch# ");
        Assert.Contains("[########################################] 100%\r\nCopy complete, now saving to disk (please wait)...\r\nCopy complete.\r\n", save);
    }

    [Fact]
    public async Task NxosVlansAndAddresses()
    {
        await using TestTerminal t = await Lab.OpenAsync("nxos", "switch# ");
        await t.RunAsync("terminal length 0", "switch# ");
        await t.RunAsync("configure terminal", "switch(config)# ");
        await t.RunAsync("vlan 20", "switch(config-vlan)# ");
        await t.RunAsync("name servers", "switch(config-vlan)# ");
        await t.RunAsync("interface Ethernet1/3", "switch(config-if)# ");
        await t.RunAsync("switchport access vlan 20", "switch(config-if)# ");
        await t.RunAsync("interface loopback0", "switch(config-if)# ");
        await t.RunAsync("ip address 10.1.1.1/32", "switch(config-if)# ");
        await t.RunAsync("end", "switch# ");
        Assert.Contains("20   servers                          active    Eth1/3\r\n", await t.RunAsync("show vlan brief", "switch# "));
        Assert.Contains("Lo0                  10.1.1.1        protocol-up/link-up/admin-up\r\n", await t.RunAsync("show ip interface brief", "switch# "));
        Assert.Contains("interface loopback0\r\n ip address 10.1.1.1/32\r\n", await t.RunAsync("show running-config", "switch# "));
    }

    [Fact]
    public async Task EosModesErrorsAndVlans()
    {
        await using TestTerminal t = await Lab.OpenAsync("eos", "switch>", new LabDeviceOptions { EnablePassword = null });
        await t.RunAsync("enable", "switch#");
        Assert.Equal("show foo\r\n% Invalid input (at token 1: 'foo')\r\nswitch#", await t.RunAsync("show foo", "switch#"));
        Assert.Equal("show\r\n% Incomplete command\r\nswitch#", await t.RunAsync("show", "switch#"));
        await t.RunAsync("configure", "switch(config)#");
        await t.RunAsync("interface Ethernet3", "switch(config-if-Et3)#");
        await t.RunAsync("description uplink", "switch(config-if-Et3)#");
        await t.RunAsync("vlan 30", "switch(config-vlan-30)#");
        await t.RunAsync("name dmz", "switch(config-vlan-30)#");
        await t.RunAsync("end", "switch#");
        Assert.Contains("30   dmz                              active\r\n", await t.RunAsync("show vlan brief", "switch#"));
        Assert.Contains("interface Ethernet3\r\n description uplink\r\n", await t.RunAsync("show running-config | no-more", "switch#"));
        Assert.Equal("write memory\r\nCopy completed successfully.\r\nswitch#", await t.RunAsync("write memory", "switch#"));
    }

    [Fact]
    public async Task VrpViewsErrorsAndConfiguration()
    {
        await using TestTerminal t = await Lab.OpenAsync("vrp", "<HUAWEI>");
        Assert.Equal("display foo\r\n                ^\r\nError: Unrecognized command found at '^' position.\r\n<HUAWEI>", await t.RunAsync("display foo", "<HUAWEI>"));
        await t.RunAsync("screen-length 0 temporary", "<HUAWEI>");
        Assert.Contains("Enter system view", await t.RunAsync("system-view", "[HUAWEI]"));
        await t.RunAsync("sysname AR1", "[AR1]");
        await t.RunAsync("interface GigabitEthernet0/0/1", "[AR1-GigabitEthernet0/0/1]");
        await t.RunAsync("undo shutdown", "[AR1-GigabitEthernet0/0/1]");
        await t.RunAsync("ip address 203.0.113.1 24", "[AR1-GigabitEthernet0/0/1]");
        await t.RunAsync("quit", "[AR1]");
        await t.RunAsync("vlan batch 10 20", "[AR1]");
        await t.RunAsync("return", "<AR1>");
        string config = await t.RunAsync("dis cur", "<AR1>");
        Assert.Contains("#\r\n sysname AR1\r\n#", config);
        Assert.Contains("vlan batch 10 20\r\n#", config);
        Assert.Contains("interface GigabitEthernet0/0/1\r\n ip address 203.0.113.1 255.255.255.0\r\n#", config);
        await t.SendAsync("save\r");
        await t.ExpectAsync("Continue? [Y/N]:");
        await t.SendAsync("y\r");
        Assert.Contains("Info: Save the configuration successfully.", await t.ExpectAsync("<AR1>"));
    }

    [Fact]
    public async Task VrpPagerUsesItsOwnPrompt()
    {
        await using TestTerminal t = await Lab.OpenAsync("vrp", "<HUAWEI>", new LabDeviceOptions { PagerLines = 8 });
        await t.SendAsync("display current-configuration\r");
        await t.ExpectAsync("  ---- More ----");
        await t.SendAsync("q");
        await t.ExpectAsync("<HUAWEI>");
    }
}
