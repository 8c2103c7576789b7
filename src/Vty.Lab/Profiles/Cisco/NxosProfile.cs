using System.Globalization;
using System.Text;
using Vty.Lab.Profiles.Cisco;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>Cisco NX-OS 9.3 on a Nexus 93180YC-FX.</summary>
internal static class NxosProfile
{
    public static DeviceProfile Create()
    {
        var interfaces = new List<(string, string[])>();
        for (int i = 1; i <= 8; i++)
            interfaces.Add(($"Ethernet1/{i}", []));
        interfaces.Add(("mgmt0", ["vrf member management", "ip address 192.0.2.3/24"]));

        var flavor = new CiscoFlavor
        {
            FlashName = "bootflash:",
            Interfaces = interfaces,
            CreatableTypes = ["loopback", "Vlan", "port-channel", "Tunnel"],
            IsSwitchPort = name => name.StartsWith("Ethernet", StringComparison.Ordinal),
            GlobalLines =
            [
                "version 9.3(8) Bios:version 05.45",
                "feature ssh",
                "feature telnet",
                "feature interface-vlan",
                "username admin password 5 $5$LABLAB$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA  role network-admin",
                "username lab password 5 $5$LABLAB$BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB  role network-admin",
                "ip domain-lookup",
                "copp profile strict",
                "vrf context management\n  ip route 0.0.0.0/0 192.0.2.254",
            ],
            TrailerLines =
            [
                "line console",
                "line vty",
                "boot nxos bootflash:/nxos.9.3.8.bin",
            ],
            ShowVersion = ShowVersion,
            ShowInventory =
                "NAME: \"Chassis\",  DESCR: \"Nexus9000 C93180YC-FX Chassis\"         \n" +
                "PID: N9K-C93180YC-FX    ,  VID: V03 ,  SN: FDO00000AAA          \n\n" +
                "NAME: \"Slot 1\",  DESCR: \"48x10/25G + 6x40/100G Ethernet Module\"  \n" +
                "PID: N9K-C93180YC-FX    ,  VID: V03 ,  SN: FDO00000AAA          \n\n" +
                "NAME: \"Power Supply 1\",  DESCR: \"Nexus9000 C93180YC-FX Chassis Power Supply\"\n" +
                "PID: NXA-PAC-500W-PE    ,  VID: V01 ,  SN: LIT00000BBB          \n\n",
            RunningHeader = (state, _) =>
                "\n!Command: show running-config\n" +
                $"!Running configuration last done at: {state.LastChange:ddd MMM d HH:mm:ss yyyy}\n" +
                $"!Time: {state.Now:ddd MMM d HH:mm:ss yyyy}\n\n",
            ShortName = name => name.StartsWith("Ethernet", StringComparison.Ordinal) ? "Eth" + name[8..] : IosProfile.ShortName(name),
            Separator = "",
            RenderEnd = false,
            IpInterfaceBrief = IpInterfaceBrief,
            ShowsLegacyVlans = false,
            Hardware = "100/1000/10000/25000 Ethernet",
        };
        var dialect = new CiscoDialect
        {
            UserMode = false,
            ConfigureAsks = false,
            ConfigureMessage = "Enter configuration commands, one per line. End with CNTL/Z.\n",
            CopyQuestion = null,
            SaveMessage = "[########################################] 100%\nCopy complete, now saving to disk (please wait)...\nCopy complete.\n",
            HasWriteMemory = false,
            CidrAddresses = true,
            Clock = t => t.ToString("HH:mm:ss.fff 'UTC' ddd MMM dd yyyy", CultureInfo.InvariantCulture) + "\nTime source is NTP\n",
            ReloadQuestion = "This command will reboot the system. (y/n)?  [n] ",
        };
        return new DeviceProfile
        {
            Name = "nxos",
            Description = "Cisco NX-OS 9.3(8) (Nexus 93180YC-FX)",
            DefaultHostname = "switch",
            Login = new LabLoginDialog
            {
                Banner = "Cisco Nexus Operating System (NX-OS) Software\nTAC support: http://www.cisco.com/tac\nCopyright (c) 2002-2021, Cisco Systems, Inc. All rights reserved.\n",
                DialogIntro = "\nUser Access Verification\n",
                UsernamePrompt = "{host} login: ",
                PasswordPrompt = "Password: ",
                FailureMessage = "Login incorrect\n",
                PasswordOnlyFinalFailureMessage = "Login incorrect\n",
            },
            Modes =
            [
                new("privileged", "{host}# "),
                new("config", "{host}(config)# ") { IsConfig = true, EndMode = "privileged" },
                new("config-if", "{host}(config-if)# ") { IsConfig = true, EndMode = "privileged" },
                new("config-vlan", "{host}(config-vlan)# ") { IsConfig = true, EndMode = "privileged" },
            ],
            LoginMode = "privileged",
            FileSystemName = flavor.FlashName,
            Commands = CiscoCommands.Build(flavor, dialect),
            Filters = TextFilters.Cisco(noMore: true),
            Pager = LabPager.CarriageReturn(" --More-- "),
            Errors = LabErrorStyle.Nxos,
            InterfaceTypes = ["Ethernet", "loopback", "mgmt", "Vlan", "port-channel", "Tunnel"],
            InitialConfig = state => CiscoConfig.Initial(flavor, state),
        };
    }

    private static string IpInterfaceBrief(ConfigNode root)
    {
        var sb = new StringBuilder();
        sb.Append("IP Interface Status for VRF \"default\"(1)\n");
        sb.Append("Interface            IP Address      Interface Status\n");
        foreach (ConfigNode iface in CiscoConfig.Interfaces(root))
        {
            if (iface.Find("vrf member management") is not null || CiscoConfig.Address(iface) is not { } a)
                continue;
            bool down = CiscoConfig.IsShutdown(iface);
            string name = IosProfile.ShortName(CiscoConfig.InterfaceName(iface).Replace("loopback", "Loopback", StringComparison.Ordinal));
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-21}{1,-16}{2}\n", name, a.Address,
                down ? "protocol-down/link-down/admin-down" : "protocol-up/link-up/admin-up"));
        }
        return sb.ToString();
    }

    private static string ShowVersion(LabDeviceState s) =>
        "Cisco Nexus Operating System (NX-OS) Software\n" +
        "TAC support: http://www.cisco.com/tac\n" +
        "Copyright (C) 2002-2021, Cisco and/or its affiliates.\n" +
        "All rights reserved.\n\n" +
        "Software\n" +
        "  BIOS: version 05.45\n" +
        " NXOS: version 9.3(8)\n" +
        "  BIOS compile time:  05/17/2021\n" +
        "  NXOS image file is: bootflash:///nxos.9.3.8.bin\n" +
        "  NXOS compile time:  8/18/2021 14:00:00 [08/18/2021 21:41:10]\n\n\n" +
        "Hardware\n" +
        "  cisco Nexus9000 C93180YC-FX Chassis \n" +
        "  Intel(R) Xeon(R) CPU  D-1528 @ 1.90GHz with 24569356 kB of memory.\n" +
        "  Processor Board ID FDO00000AAA\n\n" +
        $"  Device name: {s.Hostname}\n" +
        "  bootflash:  115805708 kB\n" +
        "Kernel uptime is 41 day(s), 3 hour(s), 12 minute(s), 9 second(s)\n\n" +
        "Last reset at 0 usecs after Mon Feb  3 06:14:44 2025\n" +
        "  Reason: Reset Requested by CLI command reload\n" +
        "  System version: 9.3(8)\n" +
        "  Service: \n\n" +
        "plugin\n" +
        "  Core Plugin, Ethernet Plugin\n\n" +
        "Active Package(s):\n";
}
