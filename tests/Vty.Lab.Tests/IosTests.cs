namespace Vty.Lab.Tests;

public class IosTests
{
    [Fact]
    public async Task LoginEnableAndShowVersion()
    {
        await using TestTerminal t = await Lab.LoginAsync("ios", "Router>");
        Assert.Contains("User Access Verification", t.All);
        await t.SendAsync("enable\r");
        await t.ExpectAsync("Password: ");
        await t.SendAsync("lab\r");
        await t.ExpectAsync("Router#");
        await t.RunAsync("terminal length 0", "Router#");
        string output = await t.RunAsync("sh ver", "Router#");
        Assert.StartsWith("sh ver\r\nCisco IOS Software, C1900 Software", output);
        Assert.Contains("Configuration register is 0x2102\r\nRouter#", output);
    }

    [Theory]
    [InlineData("show foo", "            ^\r\n% Invalid input detected at '^' marker.\r\n\r\n")]
    [InlineData("show ip foo", "               ^\r\n% Invalid input detected at '^' marker.\r\n\r\n")]
    [InlineData("sh  interfaces  Gi9/9", "                       ^\r\n% Invalid input detected at '^' marker.\r\n\r\n")]
    [InlineData("show", "% Incomplete command.\r\n\r\n")]
    [InlineData("sh i", "% Ambiguous command:  \"sh i\"\r\n")]
    [InlineData("conf", "Configuring from terminal, memory, or network [terminal]? ")]
    public async Task ErrorsAreWordedAndPlacedAsIosDoes(string command, string expected)
    {
        await using TestTerminal t = await Lab.IosPrivilegedAsync();
        await t.SendAsync(command + "\r");
        string output = await t.ExpectAsync(expected);
        Assert.Equal(command + "\r\n" + expected, output);
    }

    [Fact]
    public async Task UserModeHidesPrivilegedCommands()
    {
        await using TestTerminal t = await Lab.OpenAsync("ios", "Router>");
        string output = await t.RunAsync("show running-config", "Router>");
        Assert.Contains("            ^\r\n% Invalid input detected at '^' marker.", output);
    }

    [Theory]
    [InlineData("show clock\r")]
    [InlineData("show clock\n")]
    [InlineData("show clock\r\n")]
    [InlineData("show clock\r\0")]
    public async Task CrLfAndCrLfLineEndsAreAllOneLine(string typed)
    {
        await using TestTerminal t = await Lab.IosPrivilegedAsync();
        await t.SendAsync(typed + "show privilege\r");
        string output = await t.ExpectAsync("Current privilege level is 15\r\nRouter#");
        Assert.Equal("show clock\r\n*09:26:53.000 UTC Fri Mar 14 2025\r\nRouter#show privilege\r\nCurrent privilege level is 15\r\nRouter#", output);
    }

    [Fact]
    public async Task BackspaceEditsTheLineAndIsEchoed()
    {
        await using TestTerminal t = await Lab.IosPrivilegedAsync();
        await t.SendAsync("show clocx\b\u007fck\r");
        string output = await t.ExpectAsync("Router#");
        Assert.StartsWith("show clocx\b \b\b \bck\r\n*09:26:53.000 UTC", output);
    }

    [Fact]
    public async Task LongOutputPagesUntilTerminalLengthZero()
    {
        await using TestTerminal t = await Lab.OpenAsync("ios", "Router>", new LabDeviceOptions { EnablePassword = null, PagerLines = 10 });
        await t.RunAsync("enable", "Router#");
        await t.SendAsync("show running-config\r");
        string page = await t.ExpectAsync(" --More-- ");
        Assert.Equal(1 + 9 + 1, page.Split("\r\n").Length);   // echo line, 9 output lines, then the pager prompt
        await t.SendAsync(" ");
        string next = await t.ExpectAsync(" --More-- ");
        Assert.StartsWith(new string('\b', 10) + new string(' ', 10) + new string('\b', 10), next);
        await t.SendAsync("\r");
        string oneLine = await t.ExpectAsync(" --More-- ");
        Assert.Equal(2, oneLine.Split("\r\n").Length);   // Enter shows one more line
        await t.SendAsync("q");
        await t.ExpectAsync("Router#");
        await t.RunAsync("terminal length 0", "Router#");
        string all = await t.RunAsync("show running-config", "Router#");
        Assert.DoesNotContain("--More--", all);
        Assert.EndsWith("end\r\nRouter#", all);
    }

    [Fact]
    public async Task OutputModifiersFilterLines()
    {
        await using TestTerminal t = await Lab.IosPrivilegedAsync();
        string output = await t.RunAsync("show running-config | include ^hostname|^interface Loop", "Router#");
        Assert.Equal("show running-config | include ^hostname|^interface Loop\r\nhostname Router\r\nRouter#", output);
        string section = await t.RunAsync("sh run | section line vty", "Router#");
        Assert.Equal("sh run | section line vty\r\nline vty 0 4\r\n login local\r\n transport input telnet ssh\r\nRouter#", section);
        string bad = await t.RunAsync("show clock | foo", "Router#");
        Assert.Contains("                   ^\r\n% Invalid input detected at '^' marker.", bad);
    }

    [Fact]
    public async Task ConfigurationChangesShowInRunningConfigAndTheHostnameChangesThePrompt()
    {
        await using TestTerminal t = await Lab.IosPrivilegedAsync();
        Assert.Contains("Enter configuration commands, one per line.  End with CNTL/Z.\r\nRouter(config)#", await t.RunAsync("conf t", "Router(config)#"));
        await t.RunAsync("hostname edge1", "edge1(config)#");
        await t.RunAsync("interface lo 0", "edge1(config-if)#");
        await t.RunAsync("description management loopback", "edge1(config-if)#");
        await t.RunAsync("ip address 10.0.0.1 255.255.255.255", "edge1(config-if)#");
        await t.RunAsync("interface GigabitEthernet0/1", "edge1(config-if)#");
        await t.RunAsync("no shutdown", "edge1(config-if)#");
        string bad = await t.RunAsync("ip address 10.0.0.300 255.0.0.0", "edge1(config-if)#");
        Assert.Contains("                  ^\r\n% Invalid input", bad);
        await t.RunAsync("exit", "edge1(config)#");
        await t.RunAsync("ip route 0.0.0.0 0.0.0.0 192.0.2.254", "edge1(config)#");
        await t.RunAsync("end", "edge1#");
        string run = await t.RunAsync("show running-config", "edge1#");
        Assert.Contains("hostname edge1\r\n", run);
        Assert.Contains("!\r\ninterface Loopback0\r\n description management loopback\r\n ip address 10.0.0.1 255.255.255.255\r\n!\r\n", run);
        Assert.Contains("interface GigabitEthernet0/1\r\n no ip address\r\n duplex auto\r\n", run);
        Assert.Contains("ip route 0.0.0.0 0.0.0.0 192.0.2.254\r\n", run);
        string brief = await t.RunAsync("show ip interface brief", "edge1#");
        Assert.Contains("GigabitEthernet0/1     unassigned      YES unset  up                    up\r\n", brief);
        Assert.Contains("Loopback0              10.0.0.1        YES manual up                    up\r\n", brief);
        string one = await t.RunAsync("show running-config interface Lo0", "edge1#");
        Assert.EndsWith("!\r\ninterface Loopback0\r\n description management loopback\r\n ip address 10.0.0.1 255.255.255.255\r\nend\r\nedge1#", one);
    }

    [Fact]
    public async Task VlansAreCreatedNamedAndListed()
    {
        await using TestTerminal t = await Lab.IosPrivilegedAsync();
        await t.RunAsync("configure terminal", "Router(config)#");
        for (int v = 2; v <= 5; v++)
        {
            await t.RunAsync($"vlan {v}", "Router(config-vlan)#");
            await t.RunAsync($"name VLAN_{v}", "Router(config-vlan)#");
        }
        await t.RunAsync("exit", "Router(config)#");
        await t.RunAsync("interface Gi0/1/2", "Router(config-if)#");
        await t.RunAsync("switchport access vlan 3", "Router(config-if)#");
        Assert.Contains("^", await t.RunAsync("vlan 5000", "Router(config-if)#"));
        await t.RunAsync("end", "Router#");
        string brief = Lab.Body(await t.RunAsync("show vlan brief", "Router#"), "show vlan brief", "Router#");
        Assert.Equal(
            "\r\nVLAN Name                             Status    Ports\r\n" +
            "---- -------------------------------- --------- -------------------------------\r\n" +
            "1    default                          active    Gi0/1/0, Gi0/1/1, Gi0/1/3\r\n" +
            "2    VLAN_2                           active\r\n" +
            "3    VLAN_3                           active    Gi0/1/2\r\n" +
            "4    VLAN_4                           active\r\n" +
            "5    VLAN_5                           active\r\n" +
            "1002 fddi-default                     act/unsup\r\n" +
            "1003 token-ring-default               act/unsup\r\n" +
            "1004 fddinet-default                  act/unsup\r\n" +
            "1005 trnet-default                    act/unsup\r\n", brief);
        string run = await t.RunAsync("show running-config | section ^vlan", "Router#");
        Assert.Contains("vlan 2\r\n name VLAN_2\r\nvlan 3\r\n name VLAN_3\r\n", run);
    }

    [Fact]
    public async Task SavingAsksForTheDestinationAndFillsTheStartupConfig()
    {
        await using TestTerminal t = await Lab.IosPrivilegedAsync();
        Assert.Contains("startup-config is not present", await t.RunAsync("show startup-config", "Router#"));
        await t.SendAsync("copy running-config startup-config\r");
        await t.ExpectAsync("Destination filename [startup-config]? ");
        await t.SendAsync("\r");
        string saved = await t.ExpectAsync("Router#");
        Assert.Equal("\r\nBuilding configuration...\r\n[OK]\r\nRouter#", saved);
        Assert.Contains("hostname Router", await t.RunAsync("show startup-config", "Router#"));
        Assert.Equal("write memory\r\nBuilding configuration...\r\n[OK]\r\nRouter#", await t.RunAsync("write memory", "Router#"));
    }

    [Fact]
    public async Task DoRunsExecCommandsAndCtrlZEndsConfiguration()
    {
        await using TestTerminal t = await Lab.IosPrivilegedAsync();
        await t.RunAsync("conf t", "Router(config)#");
        Assert.Contains("Current privilege level is 15", await t.RunAsync("do show privilege", "Router(config)#"));
        await t.RunAsync("interface Loopback7", "Router(config-if)#");
        await t.SendAsync("\x1a");
        await t.ExpectAsync("^Z\r\nRouter#");
        await t.RunAsync("conf t", "Router(config)#");
        Assert.Contains("            ^\r\n% Invalid input", await t.RunAsync("show version", "Router(config)#"));
    }

    [Fact]
    public async Task SessionsOfOneDeviceShareItsConfiguration()
    {
        var device = new EmulatedDevice(DeviceProfiles.Get("ios"), new LabDeviceOptions { EnablePassword = null });
        await using TestTerminal a = await Lab.IosPrivilegedAsync(device: device);
        await using TestTerminal b = await Lab.IosPrivilegedAsync(device: device);
        await a.RunAsync("conf t", "Router(config)#");
        await a.RunAsync("hostname shared", "shared(config)#");
        Assert.EndsWith("shared#", await b.RunAsync("show clock", "shared#"));
    }
}

public class CustomProfileTests
{
    [Fact]
    public async Task ProfilesExtendWithRegexAndKeywordCommands()
    {
        DeviceProfile ios = DeviceProfiles.Get("ios");
        DeviceProfile custom = ios with
        {
            Name = "ios-custom",
            Commands =
            [
                new LabCommand(new System.Text.RegularExpressions.Regex(@"^show (?:env|environment) (?<what>temp|power)$"), ["exec", "privileged"],
                    ctx => LabOutput.Of($"{ctx.Arg("what")}: OK\n")),
                new LabCommand("show lab counter", ["exec", "privileged"],
                    ctx => LabOutput.Of(ctx.Device.Extra("counter", () => new int[1])[0]++.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n")),
                .. ios.Commands,
            ],
        };
        var device = new EmulatedDevice(custom, new LabDeviceOptions());
        await using TestTerminal t = await Lab.OpenAsync("ios", "Router>", device: device);
        Assert.Equal("show env power\r\npower: OK\r\nRouter>", await t.RunAsync("show env power", "Router>"));
        Assert.Equal("show environment temp | include OK\r\ntemp: OK\r\nRouter>", await t.RunAsync("show environment temp | include OK", "Router>"));
        Assert.Equal("sh lab c\r\n0\r\nRouter>", await t.RunAsync("sh lab c", "Router>"));
        Assert.Equal("sh lab c\r\n1\r\nRouter>", await t.RunAsync("sh lab c", "Router>"));
        Assert.Contains("% Invalid input", await t.RunAsync("show env fans", "Router>"));
        Assert.Same(ios, DeviceProfiles.Get("ios"));
    }
}
