using System.Globalization;
using Vty.Lab.Profiles.Cisco;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>Cisco ASA 9.16 on an ASA 5516-X: IOS-style modes, "ERROR: %" messages and the &lt;--- More ---&gt; pager.</summary>
internal static class AsaProfile
{
    public static DeviceProfile Create()
    {
        var flavor = new CiscoFlavor
        {
            Interfaces =
            [
                ("GigabitEthernet1/1", ["nameif outside", "security-level 0", "ip address 192.0.2.20 255.255.255.0"]),
                ("GigabitEthernet1/2", ["nameif inside", "security-level 100", "ip address 198.51.100.1 255.255.255.0"]),
                ("GigabitEthernet1/3", ["shutdown", "no nameif", "no security-level", "no ip address"]),
                ("Management1/1", ["management-only", "nameif management", "security-level 100", "ip address 192.0.2.21 255.255.255.0"]),
            ],
            CreatableTypes = ["Port-channel", "Redundant"],
            IsSwitchPort = _ => false,
            GlobalLines =
            [
                "ASA Version 9.16(4)",
                "enable password ***** pbkdf2",
                "service-module 0 keepalive-timeout 4",
                "service-module 0 keepalive-counter 6",
                "names",
                "no mac-address auto",
            ],
            TrailerLines =
            [
                "ftp mode passive",
                "pager lines 24",
                "logging enable",
                "mtu outside 1500",
                "mtu inside 1500",
                "route outside 0.0.0.0 0.0.0.0 192.0.2.254 1",
                "aaa authentication ssh console LOCAL",
                "ssh 192.0.2.0 255.255.255.0 management",
                "username lab password ***** pbkdf2 privilege 15",
            ],
            ShowVersion = ShowVersion,
            ShowInventory =
                "Name: \"Chassis\", DESCR: \"ASA 5516-X with FirePOWER services, 8GE, AC, DES\"\n" +
                "PID: ASA5516           , VID: V06     , SN: JAD000000AA\n\n" +
                "Name: \"Storage Device 1\", DESCR: \"ASA 5516-X SSD\"\n" +
                "PID: N/A               , VID: N/A     , SN: MSA000000BB\n\n",
            RunningHeader = (state, _) => ": Saved\n\n: \n: Serial Number: JAD000000AA\n: Hardware:   ASA5516, 8192 MB RAM, CPU Atom C2000 series 2416 MHz, 1 CPU (8 cores)\n:\n",
            ShortName = IosProfile.ShortName,
            ShowsLegacyVlans = false,
            Hardware = "Accelerator rev01",
        };
        var dialect = new CiscoDialect
        {
            ConfigureMessage = "",
            ConfigureAsks = false,
            CopyQuestion = "Source filename [running-config]? ",
            SaveMessage = "Building configuration...\nCryptochecksum: 1a2b3c4d 5e6f7a8b 9c0d1e2f 3a4b5c6d \n\n[OK]\n",
            HasVlans = false,
            Clock = t => t.ToString("HH:mm:ss 'UTC' ddd MMM d yyyy", CultureInfo.InvariantCulture) + "\n",
            NoStartupMessage = "ERROR: startup-config does not exist\n",
        };
        return new DeviceProfile
        {
            Name = "asa",
            Description = "Cisco ASA 9.16(4) (ASA 5516-X)",
            DefaultHostname = "ciscoasa",
            Login = new LabLoginDialog
            {
                DialogIntro = "\nUser Access Verification\n\n",
                UsernamePrompt = "Username: ",
                PasswordPrompt = "Password: ",
                FailureMessage = "Login invalid\n\n",
                PasswordOnlyFinalFailureMessage = "Login invalid\n",
                Motd = "Type help or '?' for a list of available commands.\n",
            },
            Enable = new LabEnableDialog { PasswordPrompt = "Password: ", FinalFailureMessage = "Invalid password\n" },
            Modes = IosProfile.CiscoModes(),
            LoginMode = "exec",
            ExecMode = "privileged",
            Commands = [.. CiscoCommands.Build(flavor, dialect),
                new LabCommand("terminal pager <lines:number>", ["exec", "privileged"], ctx =>
                    CommonHandlers.SetPageLength(ctx, int.Parse(ctx.Arg("lines"), CultureInfo.InvariantCulture))),
                new LabCommand("show nameif", ["exec", "privileged"], ctx => LabOutput.Of(ShowNameif(ctx.Device.Running)))],
            Filters = TextFilters.Cisco(noMore: false),
            Pager = LabPager.Backspacing("<--- More --->"),
            Errors = LabErrorStyle.Asa,
            InterfaceTypes = ["GigabitEthernet", "Management", "Port-channel", "Redundant"],
            InitialConfig = state => CiscoConfig.Initial(flavor, state),
        };
    }

    private static string ShowNameif(ConfigNode root)
    {
        var sb = new System.Text.StringBuilder("Interface                Name                     Security\n");
        foreach (ConfigNode iface in CiscoConfig.Interfaces(root))
        {
            if (iface.StartingWith("nameif").FirstOrDefault() is not { } n)
                continue;
            string level = iface.StartingWith("security-level").FirstOrDefault()?.Text[15..] ?? "0";
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-25}{1,-25}{2,3}\n", CiscoConfig.InterfaceName(iface), n.Text[7..], level));
        }
        return sb.ToString();
    }

    private static string ShowVersion(LabDeviceState s) =>
        "\nCisco Adaptive Security Appliance Software Version 9.16(4)\n" +
        "SSP Operating System Version 2.10(1.162)\n" +
        "Device Manager Version 7.18(1)\n\n" +
        "Compiled on Thu 15-Sep-22 10:21 GMT by builders\n" +
        "System image file is \"disk0:/asa9-16-4-lfbff-k8.SPA\"\n" +
        "Config file at boot was \"startup-config\"\n\n" +
        $"{s.Hostname} up 41 days 3 hours\n\n" +
        "Hardware:   ASA5516, 8192 MB RAM, CPU Atom C2000 series 2416 MHz, 1 CPU (8 cores)\n" +
        "Internal ATA Compact Flash, 8192MB\n" +
        "BIOS Flash M25P64 @ 0xfed01000, 16384KB\n\n" +
        " 1: Ext: GigabitEthernet1/1  : address is 5254.0000.aa01, irq 255\n" +
        " 2: Ext: GigabitEthernet1/2  : address is 5254.0000.aa02, irq 255\n" +
        " 3: Ext: GigabitEthernet1/3  : address is 5254.0000.aa03, irq 255\n" +
        " 4: Ext: Management1/1       : address is 5254.0000.aa04, irq 0\n\n" +
        "Licensed features for this platform:\n" +
        "Maximum Physical Interfaces       : Unlimited      perpetual\n" +
        "Maximum VLANs                     : 150            perpetual\n\n" +
        "Serial Number: JAD000000AA\n" +
        "Configuration register is 0x1\n" +
        "Configuration last modified by lab at 09:12:01.123 UTC Fri Mar 14 2025\n";
}
