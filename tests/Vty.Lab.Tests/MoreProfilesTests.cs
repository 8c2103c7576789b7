namespace Vty.Lab.Tests;

/// <summary>
/// The ten profiles added for issue 11: each one's login, prompts and modes, a show command, its own
/// error wording, and a configuration change that the running configuration then shows.
/// </summary>
public class MoreProfilesTests
{
    [Fact]
    public async Task FortiOsBlocksApplyAtEndAndErrorsAreFortiOs()
    {
        await using TestTerminal t = await Lab.LoginAsync("fortios", "FGT60F # ");
        Assert.Contains("Virtual domain configuration: disable", await t.RunAsync("get system status | grep Virtual", "FGT60F # "));
        Assert.Contains("output              : more", await t.RunAsync("get system console", "FGT60F # "));
        Assert.Equal("foo\r\nUnknown action 0\r\nCommand fail. Return code -1\r\nFGT60F # ", await t.RunAsync("foo", "FGT60F # "));
        await t.RunAsync("config system interface", "FGT60F (interface) # ");
        await t.RunAsync("edit internal5", "FGT60F (internal5) # ");
        await t.RunAsync("set alias \"lab port\"", "FGT60F (internal5) # ");
        await t.RunAsync("next", "FGT60F (interface) # ");
        Assert.DoesNotContain("lab port", await t.RunAsync("show system interface internal5", "FGT60F (interface) # "));
        await t.RunAsync("end", "FGT60F # ");
        Assert.Contains("    edit \"internal5\"\r\n        set vdom \"root\"\r\n        set type physical\r\n        set alias \"lab port\"\r\n    next\r\n",
            await t.RunAsync("show system interface internal5", "FGT60F # "));
        await t.RunAsync("config system global", "FGT60F (global) # ");
        await t.RunAsync("set hostname FW1", "FGT60F (global) # ");
        await t.RunAsync("end", "FW1 # ");
        Assert.Contains("set hostname \"FW1\"", await t.RunAsync("show full-configuration system global", "FW1 # "));
    }

    [Fact]
    public async Task PanOsCommitsTheCandidate()
    {
        await using TestTerminal t = await Lab.OpenAsync("panos", "lab@PA-VM> ");
        await t.RunAsync("set cli pager off", "lab@PA-VM> ");
        Assert.Equal("foo\r\nUnknown command: foo\r\nlab@PA-VM> ", await t.RunAsync("foo", "lab@PA-VM> "));
        Assert.Contains("sw-version: 10.2.4", await t.RunAsync("show system info", "lab@PA-VM> "));
        Assert.Contains("[edit]\r\nlab@PA-VM# ", await t.RunAsync("configure", "lab@PA-VM# "));
        await t.RunAsync("set network interface ethernet ethernet1/3 comment dmz-port", "lab@PA-VM# ");
        await t.RunAsync("set deviceconfig system hostname FW2", "lab@PA-VM# ");
        Assert.Contains("Invalid syntax.", await t.RunAsync("set bogus thing", "lab@PA-VM# "));
        Assert.DoesNotContain("dmz-port", await t.RunAsync("run show config running", "lab@PA-VM# "));
        string commit = await t.RunAsync("commit", "lab@FW2# ");
        Assert.Contains("100%\r\nConfiguration committed successfully", commit);
        await t.RunAsync("exit", "lab@FW2> ");
        string running = await t.RunAsync("show config running", "lab@FW2> ");
        Assert.Contains("      ethernet1/3 {\r\n        layer3 {\r\n        }\r\n        comment dmz-port;\r\n", running);
        Assert.Contains("    hostname FW2;\r\n", running);
    }

    [Fact]
    public async Task VyosRefusesToExitWithUncommittedChanges()
    {
        await using TestTerminal t = await Lab.LoginAsync("vyos", "lab@vyos:~$ ");
        await t.RunAsync("set terminal length 0", "lab@vyos:~$ ");
        Assert.Contains("Version:          VyOS 1.3.4", await t.RunAsync("show version", "lab@vyos:~$ "));
        Assert.Contains("Invalid command: [show] [bogus]", await t.RunAsync("show bogus", "lab@vyos:~$ "));
        await t.RunAsync("configure", "[edit]\r\nlab@vyos# ");
        await t.RunAsync("set interfaces ethernet eth1 description 'lab link'", "lab@vyos# ");
        await t.RunAsync("set system host-name vy2", "lab@vyos# ");
        Assert.Contains("Cannot exit: configuration modified.", await t.RunAsync("exit", "lab@vyos# "));
        await t.RunAsync("commit", "lab@vy2# ");
        Assert.Contains("Saving configuration to '/config/config.boot'...", await t.RunAsync("save", "lab@vy2# "));
        await t.RunAsync("exit", "lab@vy2:~$ ");
        string commands = await t.RunAsync("show configuration commands", "lab@vy2:~$ ");
        Assert.True(commands.Contains("set interfaces ethernet eth1 description 'lab link'", StringComparison.Ordinal), commands);
        Assert.Contains("    ethernet eth1 {\r\n        hw-id 52:54:00:00:50:02\r\n        description \"lab link\"\r\n    }", await t.RunAsync("show configuration", "lab@vy2:~$ "));
    }

    [Fact]
    public async Task RouterOsMenusAndExport()
    {
        await using TestTerminal t = await Lab.LoginAsync("routeros", "[lab@MikroTik] > ");
        Assert.Contains("board-name: RB5009UG+S+", await t.RunAsync("/system resource print", "[lab@MikroTik] > "));
        Assert.Equal("/foo\r\nbad command name foo (line 1 column 2)\r\n[lab@MikroTik] > ", await t.RunAsync("/foo", "[lab@MikroTik] > "));
        await t.RunAsync("/ip address", "[lab@MikroTik] /ip address> ");
        await t.RunAsync("add address=198.51.100.1/24 interface=ether2 comment=lan", "[lab@MikroTik] /ip address> ");
        Assert.Contains("expected end of command", await t.RunAsync("add address=10.0.0.1/24 colour=red", "[lab@MikroTik] /ip address> "));
        Assert.Contains("1   198.51.100.1/24   198.51.100.0  ether2", await t.RunAsync("print", "[lab@MikroTik] /ip address> "));
        await t.RunAsync("/system identity set name=edge1", "[lab@edge1] /ip address> ");
        await t.RunAsync("/", "[lab@edge1] > ");
        string export = await t.RunAsync("/export", "[lab@edge1] > ");
        Assert.Contains("/ip address\r\nadd address=192.0.2.40/24 interface=ether1 network=192.0.2.0\r\nadd address=198.51.100.1/24 interface=ether2 comment=lan network=198.51.100.0\r\n", export);
        Assert.Contains("/system identity\r\nset name=edge1\r\n", export);
    }

    [Fact]
    public async Task RouterOsLoginNamesCarryTerminalOptions()
    {
        DeviceProfile p = DeviceProfiles.Get("routeros");
        await using TestTerminal t = TestTerminal.Start("routeros");
        await t.ExpectAsync(p.Login.UsernamePrompt);
        await t.SendAsync("lab+cetw511h4098\r");
        await t.ExpectAsync(p.Login.PasswordPrompt);
        await t.SendAsync("lab\r");
        await t.ExpectAsync("[lab@MikroTik] > ");
    }

    [Fact]
    public async Task ComwareViewsAndSave()
    {
        await using TestTerminal t = await Lab.LoginAsync("comware", "<HPE>");
        Assert.Equal("display foo\r\n             ^\r\n% Unrecognized command found at '^' position.\r\n<HPE>", await t.RunAsync("display foo", "<HPE>"));
        await t.RunAsync("screen-length disable", "<HPE>");
        await t.RunAsync("system-view", "[HPE]");
        await t.RunAsync("sysname SW5130", "[SW5130]");
        await t.RunAsync("vlan 10", "[SW5130-vlan10]");
        await t.RunAsync("interface GigabitEthernet1/0/3", "[SW5130-GigabitEthernet1/0/3]");
        await t.RunAsync("description to-server", "[SW5130-GigabitEthernet1/0/3]");
        await t.RunAsync("port access vlan 10", "[SW5130-GigabitEthernet1/0/3]");
        await t.RunAsync("return", "<SW5130>");
        Assert.Contains("interface GigabitEthernet1/0/3\r\n port link-mode bridge\r\n description to-server\r\n port access vlan 10\r\n#", await t.RunAsync("display current-configuration", "<SW5130>"));
        Assert.Contains("Saved the current configuration to mainboard device successfully.", await t.RunAsync("save force", "<SW5130>"));
    }

    [Fact]
    public async Task SrosStarsUnsavedChangesAndShowsContexts()
    {
        await using TestTerminal t = await Lab.LoginAsync("sros", "A:sr1# ");
        await t.RunAsync("environment no more", "A:sr1# ");
        Assert.Contains("TiMOS-B-23.3.R1", await t.RunAsync("show version", "A:sr1# "));
        Assert.Contains("Error: Bad command.", await t.RunAsync("show bogus", "A:sr1# "));
        await t.RunAsync("configure", "A:sr1>config# ");
        await t.RunAsync("router", "A:sr1>config>router# ");
        await t.RunAsync("interface \"to-edge\"", "A:sr1>config>router>if# ");
        await t.RunAsync("address 198.51.100.1/31", "*A:sr1>config>router>if# ");
        await t.RunAsync("no shutdown", "*A:sr1>config>router>if# ");
        Assert.Contains("address 198.51.100.1/31", await t.RunAsync("info", "*A:sr1>config>router>if# "));
        await t.RunAsync("exit all", "*A:sr1# ");
        Assert.Contains("        interface \"to-edge\"\r\n            address 198.51.100.1/31\r\n            no shutdown\r\n        exit\r\n", await t.RunAsync("admin display-config", "*A:sr1# "));
        await t.RunAsync("admin save", "A:sr1# ");
    }

    [Fact]
    public async Task ExosCountsCommandsAndStarsUnsavedChanges()
    {
        await using TestTerminal t = await Lab.LoginAsync("exos", "X460-G2.1 # ");
        await t.RunAsync("disable clipaging", "X460-G2.2 # ");
        Assert.Contains("%% Invalid input detected at '^' marker.", await t.RunAsync("show bogus", "X460-G2.3 # "));
        await t.RunAsync("create vlan servers tag 20", "* X460-G2.4 # ");
        await t.RunAsync("configure vlan servers add ports 5-8 untagged", "* X460-G2.5 # ");
        Assert.Contains("servers         20", await t.RunAsync("show vlan", "* X460-G2.6 # "));
        Assert.Contains("create vlan \"servers\"\r\nconfigure vlan servers tag 20\r\nconfigure vlan servers add ports 5-8 untagged\r\n", await t.RunAsync("show configuration vlan", "* X460-G2.7 # "));
        await t.RunAsync("save configuration", "(y/N) ");
        await t.RunAsync("y", "X460-G2.8 # ");
    }

    [Fact]
    public async Task ProCurveWaitsForAKeyAndNamesPortsByNumber()
    {
        await using TestTerminal t = TestTerminal.Start("procurve", new LabDeviceOptions { EnablePassword = null }, new LabSessionStart(PreAuthenticated: true));
        await t.ExpectAsync("Press any key to continue");
        await t.SendAsync("\r");
        await t.ExpectAsync("HP-2920-24G> ");
        await t.RunAsync("enable", "HP-2920-24G# ");
        await t.RunAsync("no page", "HP-2920-24G# ");
        Assert.Contains("Invalid input: bogus", await t.RunAsync("show bogus", "HP-2920-24G# "));
        await t.RunAsync("configure terminal", "HP-2920-24G(config)# ");
        await t.RunAsync("interface 5", "HP-2920-24G(eth-5)# ");
        await t.RunAsync("name \"printer\"", "HP-2920-24G(eth-5)# ");
        await t.RunAsync("disable", "HP-2920-24G(eth-5)# ");
        await t.RunAsync("end", "HP-2920-24G# ");
        Assert.Contains("interface 5\r\n   name \"printer\"\r\n   disable\r\n   exit\r\n", await t.RunAsync("show running-config", "HP-2920-24G# "));
    }

    [Fact]
    public async Task AosCxLandsPrivilegedAndRendersFourSpaceIndents()
    {
        await using TestTerminal t = await Lab.OpenAsync("aoscx", "switch# ");
        await t.RunAsync("no page", "switch# ");
        Assert.Contains("Version      : FL.10.10.1010", await t.RunAsync("show version", "switch# "));
        Assert.Contains("Invalid input: bogus", await t.RunAsync("show bogus", "switch# "));
        await t.RunAsync("configure terminal", "switch(config)# ");
        await t.RunAsync("interface 1/1/3", "switch(config-if)# ");
        await t.RunAsync("description to-ap", "switch(config-if)# ");
        await t.RunAsync("vlan access 20", "switch(config-if)# ");
        await t.RunAsync("end", "switch# ");
        Assert.Contains("interface 1/1/3\r\n    no shutdown\r\n    vlan access 20\r\n    description to-ap\r\n", await t.RunAsync("show running-config", "switch# "));
    }

    [Fact]
    public async Task IcxPromptSaysTelnetOrSshAndTakesEthernetPorts()
    {
        await using TestTerminal telnet = await Lab.LoginAsync("icx", "telnet@ICX7150-24>", new LabDeviceOptions { EnablePassword = null });
        await using TestTerminal t = await Lab.OpenAsync("icx", "SSH@ICX7150-24>", new LabDeviceOptions { EnablePassword = null });
        await t.RunAsync("enable", "SSH@ICX7150-24#");
        await t.RunAsync("skip-page-display", "SSH@ICX7150-24#");
        Assert.Contains("Invalid input -> bogus", await t.RunAsync("show bogus", "SSH@ICX7150-24#"));
        await t.RunAsync("configure terminal", "SSH@ICX7150-24(config)#");
        await t.RunAsync("interface ethernet 1/1/3", "SSH@ICX7150-24(config-if-e1000-1/1/3)#");
        await t.RunAsync("port-name camera", "SSH@ICX7150-24(config-if-e1000-1/1/3)#");
        await t.RunAsync("end", "SSH@ICX7150-24#");
        Assert.Contains("interface ethernet 1/1/3\r\n port-name camera\r\n!", await t.RunAsync("show running-config", "SSH@ICX7150-24#"));
        Assert.Contains("Write startup-config done.", await t.RunAsync("write memory", "SSH@ICX7150-24#"));
    }
}
