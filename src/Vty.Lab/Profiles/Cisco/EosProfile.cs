using System.Globalization;
using System.Text;
using Vty.Lab.Profiles.Cisco;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>Arista EOS 4.29 on a DCS-7050SX3.</summary>
internal static class EosProfile
{
    public static DeviceProfile Create()
    {
        var interfaces = new List<(string, string[])>();
        for (int i = 1; i <= 8; i++)
            interfaces.Add(($"Ethernet{i}", []));
        interfaces.Add(("Management1", ["ip address 192.0.2.4/24"]));

        var flavor = new CiscoFlavor
        {
            Interfaces = interfaces,
            CreatableTypes = ["Loopback", "Vlan", "Port-Channel", "Tunnel"],
            IsSwitchPort = name => name.StartsWith("Ethernet", StringComparison.Ordinal),
            GlobalLines =
            [
                "terminal width 200",
                "no aaa root",
                "username admin privilege 15 role network-admin secret sha512 $6$LABLAB$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "username lab privilege 15 role network-admin secret sha512 $6$LABLAB$BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
                "transceiver qsfp default-mode 4x10G",
                "service routing protocols model multi-agent",
                "spanning-tree mode mstp",
            ],
            TrailerLines =
            [
                "ip routing",
                "ip route 0.0.0.0/0 192.0.2.254",
                "management api http-commands\n no shutdown",
                "management telnet\n no shutdown",
            ],
            ShowVersion = ShowVersion,
            ShowInventory =
                "System information\n" +
                "  Model                    Description\n" +
                "  ------------------------ ----------------------------------------------------\n" +
                "  DCS-7050SX3-48YC8        48x25GbE SFP & 8x100GbE QSFP switch\n\n" +
                "  HW Version  Serial Number  Mfg Date   Epoch\n" +
                "  ----------- -------------- ---------- -----\n" +
                "  11.00       JPE00000AAA    2021-06-01 02.00\n\n" +
                "System has 2 power supply slots\n" +
                "  Slot Model            Serial Number       \n" +
                "  ---- ---------------- ----------------    \n" +
                "  1    PWR-500AC-R      EEWT0000000A        \n" +
                "  2    PWR-500AC-R      EEWT0000000B        \n",
            RunningHeader = (state, _) =>
                "! Command: show running-config\n" +
                $"! device: {state.Hostname} (DCS-7050SX3-48YC8, EOS-4.29.2F)\n!\n" +
                "! boot system flash:/EOS-4.29.2F.swi\n!\n",
            ShortName = name => name.StartsWith("Ethernet", StringComparison.Ordinal) ? "Et" + name[8..]
                : name.StartsWith("Management", StringComparison.Ordinal) ? "Ma" + name[10..]
                : IosProfile.ShortName(name),
            IpInterfaceBrief = IpInterfaceBrief,
            ShowsLegacyVlans = false,
            Hardware = "Ethernet",
            DeleteAsks = false,
        };
        var dialect = new CiscoDialect
        {
            ConfigureMessage = "",
            ConfigureAsks = false,
            CopyQuestion = null,
            SaveMessage = "Copy completed successfully.\n",
            CidrAddresses = true,
            Clock = t => t.ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture) + "\nTimezone: UTC\nClock source: local\n",
            NoStartupMessage = "% startup-config is not present\n",
        };
        return new DeviceProfile
        {
            Name = "eos",
            Description = "Arista EOS 4.29.2F (DCS-7050SX3-48YC8)",
            DefaultHostname = "switch",
            Login = new LabLoginDialog
            {
                UsernamePrompt = "{host} login: ",
                PasswordPrompt = "Password: ",
                FailureMessage = "\nLogin incorrect\n",
                PasswordOnlyFinalFailureMessage = "\nLogin incorrect\n",
                Motd = "Last login: Fri Mar 14 09:20:11 2025 from 192.0.2.254\n",
            },
            Enable = new LabEnableDialog { FailureMessage = "% Access denied\n", FinalFailureMessage = "% Access denied\n" },
            Modes = [.. IosProfile.CiscoModes(vlanPrompt: "{host}(config-vlan-{arg})#", ifPrompt: "{host}(config-if-{arg})#"), EosConfigSessions.Mode],
            LoginMode = "exec",
            ExecMode = "privileged",
            FileSystemName = flavor.FlashName,
            Commands = [.. CiscoCommands.Build(flavor, dialect), .. EosConfigSessions.Commands(flavor),
                new LabCommand("terminal dont-ask", ["exec", "privileged"], _ => LabOutput.None)],
            Filters = TextFilters.Cisco(noMore: true),
            Pager = LabPager.CarriageReturn(" --More-- "),
            Errors = LabErrorStyle.Eos,
            InterfaceTypes = ["Ethernet", "Management", "Loopback", "Vlan", "Port-Channel", "Tunnel"],
            InitialConfig = state => CiscoConfig.Initial(flavor, state),
        };
    }

    private static string IpInterfaceBrief(ConfigNode root)
    {
        var sb = new StringBuilder();
        sb.Append("                                                                              Address\n");
        sb.Append("Interface         IP Address            Status       Protocol          MTU    Owner  \n");
        sb.Append("----------------- --------------------- ------------ -------------- --------- -------\n");
        foreach (ConfigNode iface in CiscoConfig.Interfaces(root))
        {
            if (CiscoConfig.Address(iface) is not { } a)
                continue;
            bool down = CiscoConfig.IsShutdown(iface);
            string cidr = $"{a.Address}/{CiscoConfig.MaskLength(a.Mask)}";
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-18}{1,-22}{2,-13}{3,-15}{4,9}\n",
                CiscoConfig.InterfaceName(iface), cidr, down ? "adminDown" : "up", down ? "down" : "up",
                iface.Name().StartsWith("Loopback", StringComparison.Ordinal) ? 65535 : 1500));
        }
        return sb.ToString();
    }

    private static string Name(this ConfigNode iface) => CiscoConfig.InterfaceName(iface);

    private static string ShowVersion(LabDeviceState s) =>
        "Arista DCS-7050SX3-48YC8\n" +
        "Hardware version: 11.00\n" +
        "Serial number: JPE00000AAA\n" +
        "Hardware MAC address: 5254.0000.4a00\n" +
        "System MAC address: 5254.0000.4a00\n\n" +
        "Software image version: 4.29.2F\n" +
        "Architecture: x86_64\n" +
        "Internal build version: 4.29.2F-30640331.4292F\n" +
        "Internal build ID: 2e8b7e58-0000-0000-0000-000000000000\n" +
        "Image format version: 3.0\n" +
        "Image optimization: Strata-4GB\n\n" +
        "Uptime: 6 weeks, 1 day, 2 hours and 3 minutes\n" +
        "Total memory: 8098984 kB\n" +
        "Free memory: 5613924 kB\n";
}
