using Vty.Lab.Profiles.Cisco;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>Cisco IOS 15 on an ISR router with an integrated four-port switch module.</summary>
internal static class IosProfile
{
    private static readonly string[] Types = ["GigabitEthernet", "Loopback", "Vlan", "Tunnel", "Port-channel", "Serial"];

    public static DeviceProfile Create()
    {
        var flavor = new CiscoFlavor
        {
            Interfaces =
            [
                ("GigabitEthernet0/0", ["ip address 192.0.2.1 255.255.255.0", "duplex auto", "speed auto"]),
                ("GigabitEthernet0/1", ["no ip address", "shutdown", "duplex auto", "speed auto"]),
                ("GigabitEthernet0/1/0", []),
                ("GigabitEthernet0/1/1", []),
                ("GigabitEthernet0/1/2", []),
                ("GigabitEthernet0/1/3", []),
                ("Vlan1", ["no ip address"]),
            ],
            CreatableTypes = ["Loopback", "Vlan", "Tunnel", "Port-channel"],
            IsSwitchPort = name => name.StartsWith("GigabitEthernet0/1/", StringComparison.Ordinal),
            GlobalLines =
            [
                "version 15.7",
                "service timestamps debug datetime msec",
                "service timestamps log datetime msec",
                "no service password-encryption",
                "boot-start-marker",
                "boot-end-marker",
                "no aaa new-model",
                "ip cef",
                "no ipv6 cef",
                "no ip domain lookup",
                "ip domain-name lab.example",
                "username lab privilege 15 secret 9 $9$labLABlabLABlab$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            ],
            TrailerLines =
            [
                "ip forward-protocol nd",
                "no ip http server",
                "no ip http secure-server",
                "control-plane",
                "line con 0\n logging synchronous",
                "line aux 0",
                "line vty 0 4\n login local\n transport input telnet ssh",
            ],
            ShowVersion = ShowVersion,
            ShowInventory =
                "NAME: \"CISCO1921/K9 chassis\", DESCR: \"CISCO1921/K9 chassis, Hw Serial#: FGL000000AA, Hw Revision: 1.0\"\n" +
                "PID: CISCO1921/K9      , VID: V07 , SN: FGL000000AA\n\n" +
                "NAME: \"module 0\", DESCR: \"C1921 Mother board 2GE, integrated VPN and 2W\"\n" +
                "PID: CISCO1921/K9      , VID: V07 , SN: FOC000000BB\n\n" +
                "NAME: \"EHWIC-4ESG on Slot 0 SubSlot 1\", DESCR: \"Four port Gigabit Ethernet EHWIC\"\n" +
                "PID: EHWIC-4ESG        , VID: V01 , SN: FOC000000CC\n\n",
            RunningHeader = (state, bytes) =>
                "Building configuration...\n\n" +
                $"Current configuration : {bytes} bytes\n!\n" +
                $"! Last configuration change at {state.LastChange:HH:mm:ss} UTC {state.LastChange:ddd MMM d yyyy} by {state.Options.Username}\n!\n",
            ShortName = ShortName,
            Hardware = "CN Gigabit Ethernet",
        };
        var dialect = new CiscoDialect();
        return new DeviceProfile
        {
            Name = "ios",
            Description = "Cisco IOS 15.7 (ISR 1921 with a 4-port switch module)",
            DefaultHostname = "Router",
            Login = new LabLoginDialog
            {
                DialogIntro = "\nUser Access Verification\n\n",
                UsernamePrompt = "Username: ",
                PasswordPrompt = "Password: ",
                FailureMessage = "% Login invalid\n\n",
                PasswordOnlyFailureMessage = "",
                PasswordOnlyFinalFailureMessage = "% Bad passwords\n",
            },
            Enable = new LabEnableDialog { PasswordPrompt = "Password: ", FinalFailureMessage = "% Bad secrets\n\n" },
            Modes = CiscoModes(),
            LoginMode = "exec",
            ExecMode = "privileged",
            FileSystemName = flavor.FlashName,
            Commands = CiscoCommands.Build(flavor, dialect),
            Filters = TextFilters.Cisco(noMore: false),
            Pager = LabPager.Backspacing(" --More-- "),
            Errors = LabErrorStyle.Ios,
            InterfaceTypes = Types,
            InitialConfig = state => CiscoConfig.Initial(flavor, state),
        };
    }

    /// <summary>The IOS/IOS-XE modes and prompts.</summary>
    public static LabMode[] CiscoModes(string vlanPrompt = "{host}(config-vlan)#", string ifPrompt = "{host}(config-if)#") =>
    [
        new("exec", "{host}>"),
        new("privileged", "{host}#"),
        new("config", "{host}(config)#") { IsConfig = true, EndMode = "privileged" },
        new("config-if", ifPrompt) { IsConfig = true, EndMode = "privileged" },
        new("config-vlan", vlanPrompt) { IsConfig = true, EndMode = "privileged" },
    ];

    /// <summary>GigabitEthernet0/1 → Gi0/1, as <c>show vlan brief</c> lists ports.</summary>
    public static string ShortName(string name)
    {
        (string Long, string Short)[] map =
        [
            ("TenGigabitEthernet", "Te"), ("GigabitEthernet", "Gi"), ("FastEthernet", "Fa"), ("Ethernet", "Et"),
            ("Loopback", "Lo"), ("Port-channel", "Po"), ("Tunnel", "Tu"), ("Vlan", "Vl"), ("Serial", "Se"),
        ];
        foreach ((string l, string s) in map)
        {
            if (name.StartsWith(l, StringComparison.Ordinal))
                return s + name[l.Length..];
        }
        return name;
    }

    private static string ShowVersion(LabDeviceState s) =>
        "Cisco IOS Software, C1900 Software (C1900-UNIVERSALK9-M), Version 15.7(3)M8, RELEASE SOFTWARE (fc1)\n" +
        "Technical Support: http://www.cisco.com/techsupport\n" +
        "Copyright (c) 1986-2021 by Cisco Systems, Inc.\n" +
        "Compiled Thu 28-Jan-21 12:11 by prod_rel_team\n\n" +
        "ROM: System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)\n\n" +
        $"{s.Hostname} uptime is {Common.UptimeText.Cisco(s.Uptime(new TimeSpan(87, 4, 7, 0)))}\n" +
        "System returned to ROM by power-on\n" +
        "System image file is \"flash0:c1900-universalk9-mz.SPA.157-3.M8.bin\"\n" +
        "Last reload type: Normal Reload\n\n" +
        "Cisco CISCO1921/K9 (revision 1.0) with 491520K/32768K bytes of memory.\n" +
        "Processor board ID FGL000000AA\n" +
        "6 Gigabit Ethernet interfaces\n" +
        "1 terminal line\n" +
        "DRAM configuration is 64 bits wide with parity disabled.\n" +
        "255K bytes of non-volatile configuration memory.\n" +
        "250880K bytes of ATA System CompactFlash 0 (Read/Write)\n\n" +
        "Technology Package License Information for Module:'c1900' \n\n" +
        "-----------------------------------------------------------------\n" +
        "Technology    Technology-package           Technology-package\n" +
        "              Current       Type           Next reboot  \n" +
        "------------------------------------------------------------------\n" +
        "ipbase        ipbasek9      Permanent      ipbasek9\n" +
        "security      None          None           None\n" +
        "data          None          None           None\n\n" +
        "Configuration register is 0x2102\n";
}
