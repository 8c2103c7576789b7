using Vty.Lab.Profiles.Cisco;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>Cisco IOS-XE 17.9 on a Catalyst 9300 access switch.</summary>
internal static class IosXeProfile
{
    public static DeviceProfile Create()
    {
        var interfaces = new List<(string, string[])>
        {
            ("GigabitEthernet0/0", ["vrf forwarding Mgmt-vrf", "ip address 192.0.2.2 255.255.255.0", "negotiation auto"]),
        };
        for (int i = 1; i <= 8; i++)
            interfaces.Add(($"GigabitEthernet1/0/{i}", []));
        interfaces.Add(("TenGigabitEthernet1/1/1", ["switchport mode trunk"]));
        interfaces.Add(("TenGigabitEthernet1/1/2", ["switchport mode trunk"]));
        interfaces.Add(("Vlan1", ["no ip address", "shutdown"]));

        var flavor = new CiscoFlavor
        {
            Interfaces = interfaces,
            CreatableTypes = ["Loopback", "Vlan", "Tunnel", "Port-channel"],
            IsSwitchPort = name => name.StartsWith("GigabitEthernet1/", StringComparison.Ordinal) || name.StartsWith("TenGigabitEthernet1/", StringComparison.Ordinal),
            GlobalLines =
            [
                "version 17.9",
                "service timestamps debug datetime msec",
                "service timestamps log datetime msec",
                "platform punt-keepalive disable-kernel-core",
                "no aaa new-model",
                "switch 1 provision c9300-24t",
                "ip domain name lab.example",
                "vrf definition Mgmt-vrf\n address-family ipv4\n exit-address-family",
                "username lab privilege 15 secret 9 $9$labLABlabLABlab$BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
                "spanning-tree mode rapid-pvst",
                "spanning-tree extend system-id",
            ],
            TrailerLines =
            [
                "ip forward-protocol nd",
                "no ip http server",
                "ip ssh version 2",
                "control-plane",
                "line con 0\n stopbits 1",
                "line vty 0 4\n login local\n transport input ssh telnet",
            ],
            ShowVersion = ShowVersion,
            ShowInventory =
                "NAME: \"c93xx Stack\", DESCR: \"c93xx Stack\"\n" +
                "PID: C9300-24T         , VID: V02  , SN: FOC0000X0AA\n\n" +
                "NAME: \"Switch 1\", DESCR: \"C9300-24T\"\n" +
                "PID: C9300-24T         , VID: V02  , SN: FOC0000X0AA\n\n" +
                "NAME: \"Switch 1 - Power Supply A\", DESCR: \"Switch 1 - Power Supply A\"\n" +
                "PID: PWR-C1-350WAC-P   , VID: V01  , SN: DCC0000A0BB\n\n" +
                "NAME: \"Switch 1 FRU Uplink Module 1\", DESCR: \"2x10G Uplink Module\"\n" +
                "PID: C9300-NM-2Y       , VID: V01  , SN: FOC0000Y0CC\n\n",
            RunningHeader = (state, bytes) =>
                "Building configuration...\n\n" +
                $"Current configuration : {bytes} bytes\n!\n" +
                $"! Last configuration change at {state.LastChange:HH:mm:ss} UTC {state.LastChange:ddd MMM d yyyy} by {state.Options.Username}\n!\n",
            ShortName = IosProfile.ShortName,
            Hardware = "Gigabit Ethernet",
        };
        return new DeviceProfile
        {
            Name = "iosxe",
            Description = "Cisco IOS-XE 17.9 (Catalyst 9300-24T)",
            DefaultHostname = "Switch",
            Login = new LabLoginDialog
            {
                DialogIntro = "\nUser Access Verification\n\n",
                FailureMessage = "% Authentication failed\n\n",
                PasswordOnlyFinalFailureMessage = "% Bad passwords\n",
            },
            Enable = new LabEnableDialog { FinalFailureMessage = "% Bad secrets\n\n" },
            Modes = IosProfile.CiscoModes(),
            LoginMode = "exec",
            ExecMode = "privileged",
            FileSystemName = flavor.FlashName,
            Commands = CiscoCommands.Build(flavor, new CiscoDialect()),
            Filters = TextFilters.Cisco(noMore: false),
            Pager = LabPager.Backspacing(" --More-- "),
            Errors = LabErrorStyle.Ios,
            InterfaceTypes = ["GigabitEthernet", "TenGigabitEthernet", "Loopback", "Vlan", "Tunnel", "Port-channel"],
            InitialConfig = state => CiscoConfig.Initial(flavor, state),
        };
    }

    private static string ShowVersion(LabDeviceState s) =>
        "Cisco IOS XE Software, Version 17.09.04a\n" +
        "Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, RELEASE SOFTWARE (fc3)\n" +
        "Technical Support: http://www.cisco.com/techsupport\n" +
        "Copyright (c) 1986-2023 by Cisco Systems, Inc.\n" +
        "Compiled Fri 20-Oct-23 10:44 by mcpre\n\n" +
        "BOOTLDR: System Bootstrap, Version 17.9.1r, RELEASE SOFTWARE (P)\n\n" +
        $"{s.Hostname} uptime is {Common.UptimeText.Cisco(s.Uptime(new TimeSpan(23, 6, 41, 0)))}\n" +
        "Uptime for this control processor is 3 weeks, 2 days, 6 hours, 44 minutes\n" +
        "System returned to ROM by Reload Command\n" +
        "System image file is \"flash:packages.conf\"\n" +
        "Last reload reason: Reload Command\n\n" +
        "Technology Package License Information: \n\n" +
        "------------------------------------------------------------------------------\n" +
        "Technology-package                                     Technology-package\n" +
        "Current                        Type                       Next reboot  \n" +
        "------------------------------------------------------------------------------\n" +
        "network-advantage      Smart License                      network-advantage   \n" +
        "dna-advantage          Subscription Smart License         dna-advantage                 \n\n" +
        "cisco C9300-24T (X86) processor with 1338934K/6147K bytes of memory.\n" +
        "Processor board ID FOC0000X0AA\n" +
        "1 Virtual Ethernet interface\n" +
        "28 Gigabit Ethernet interfaces\n" +
        "2 Ten Gigabit Ethernet interfaces\n" +
        "2048K bytes of non-volatile configuration memory.\n" +
        "8388608K bytes of physical memory.\n" +
        "1638400K bytes of Crash Files at crashinfo:.\n" +
        "11264000K bytes of Flash at flash:.\n\n" +
        "Base Ethernet MAC Address          : 52:54:00:00:1a:00\n" +
        "Motherboard Assembly Number        : 73-00000-00\n" +
        "Model Revision Number              : A0\n" +
        "Model Number                       : C9300-24T\n" +
        "System Serial Number               : FOC0000X0AA\n\n\n" +
        "Switch Ports Model              SW Version        SW Image              Mode   \n" +
        "------ ----- -----              ----------        ----------            ----   \n" +
        "*    1 30    C9300-24T          17.09.04a         CAT9K_IOSXE           INSTALL\n\n\n" +
        "Configuration register is 0x102\n";
}
