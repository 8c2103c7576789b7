using System.Globalization;
using Vty.Lab.Profiles.Cisco;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>Dell EMC SmartFabric OS10 10.5 on an S5248F-ON: Linux-style login, IOS-like CLI without a user mode.</summary>
internal static class Os10Profile
{
    public static DeviceProfile Create()
    {
        var interfaces = new List<(string, string[])>();
        for (int i = 1; i <= 4; i++)
            interfaces.Add(($"ethernet1/1/{i}", ["no shutdown", "switchport access vlan 1", "flowcontrol receive on"]));
        interfaces.Add(("mgmt1/1/1", ["no shutdown", "no ip address dhcp", "ip address 192.0.2.30/24", "ipv6 address autoconfig"]));
        interfaces.Add(("vlan1", ["no shutdown"]));
        var flavor = new CiscoFlavor
        {
            Interfaces = interfaces,
            CreatableTypes = ["loopback", "vlan", "port-channel"],
            IsSwitchPort = name => name.StartsWith("ethernet", StringComparison.Ordinal),
            GlobalLines =
            [
                "ip vrf default",
                "iscsi target port 860",
                "iscsi target port 3260",
                "system-user linuxadmin password ****",
                "username admin password **** role sysadmin priv-lvl 15",
                "username lab password **** role sysadmin priv-lvl 15",
                "aaa authentication login default local",
                "aaa authentication login console local",
            ],
            TrailerLines =
            [
                "management route 0.0.0.0/0 192.0.2.254",
                "snmp-server contact \"Contact Support\"",
                "telemetry",
            ],
            ShowVersion = ShowVersion,
            ShowInventory =
                "Product               : S5248F-ON\n" +
                "Description           : S5248F-ON 48x25GbE SFP28, 4x100GbE QSFP28, 2x200GbE QSFP28-DD\n" +
                "Software version      : 10.5.4.1\n" +
                "Product Base          : \n" +
                "Product Serial Number : TH000000AA\n" +
                "Product Part Number   : 0AAAAA\n",
            RunningHeader = (_, _) => "! Version 10.5.4.1\n! Last configuration change at Mar  14 09:12:01 2025\n!\n",
            ShortName = name => name.StartsWith("ethernet", StringComparison.Ordinal) ? "Eth " + name[8..] : name,
            ShowsLegacyVlans = false,
            Hardware = "Eth",
        };
        var dialect = new CiscoDialect
        {
            UserMode = false,
            ConfigureMessage = "",
            ConfigureAsks = false,
            CopyQuestion = null,
            SaveMessage = "",
            CidrAddresses = true,
            Clock = t => t.ToString("yyyy-MM-dd HH:mm:ss.ff", CultureInfo.InvariantCulture) + "+00:00\n",
            NoStartupMessage = "% Error: Startup configuration does not exist.\n",
        };
        List<LabCommand> commands = CiscoCommands.Build(flavor, dialect);
        // OS10 spells the configuration "running-configuration"; the shared table knows the IOS words.
        commands.Add(new LabCommand("show running-configuration", ["privileged"], ctx => LabOutput.Of(CiscoConfig.Render(flavor, ctx.Device, ctx.Device.Running))));
        commands.Add(new LabCommand("show startup-configuration", ["privileged"], ctx => ctx.Device.Startup is { } s
            ? LabOutput.Of(CiscoConfig.Render(flavor, ctx.Device, s))
            : LabOutput.Fail(dialect.NoStartupMessage)));
        commands.Add(new LabCommand("copy running-configuration startup-configuration", ["privileged"], ctx =>
        {
            ctx.Device.Startup = ctx.Device.Running.Clone();
            return LabOutput.None;
        }));
        return new DeviceProfile
        {
            Name = "os10",
            Description = "Dell EMC SmartFabric OS10 10.5.4.1 (S5248F-ON)",
            DefaultHostname = "OS10",
            Login = new LabLoginDialog
            {
                UsernamePrompt = "{host} login: ",
                PasswordPrompt = "Password: ",
                FailureMessage = "\nLogin incorrect\n",
                PasswordOnlyFinalFailureMessage = "\nLogin incorrect\n",
                Motd = "Last login: Fri Mar 14 09:20:11 2025 from 192.0.2.254\n" +
                       "Linux OS10 4.19.0-17-amd64 #1 SMP Debian 4.19.194-3 x86_64\n\n" +
                       "-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-\n" +
                       "-*-*-*-*-*-*    Dell EMC Networking OS10 Enterprise   *-*-*-*-*-*\n" +
                       "-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-\n\n",
            },
            Modes = IosProfile.CiscoModes(vlanPrompt: "{host}(conf-vlan{arg})#", ifPrompt: "{host}(conf-if-{arg})#"),
            LoginMode = "privileged",
            ExecMode = "privileged",
            Commands = commands,
            Filters = TextFilters.Cisco(noMore: true),
            Pager = LabPager.CarriageReturn("--more--"),
            Errors = LabErrorStyle.Os10,
            InterfaceTypes = ["ethernet", "mgmt", "loopback", "vlan", "port-channel"],
            InitialConfig = state => CiscoConfig.Initial(flavor, state),
        };
    }

    private static string ShowVersion(LabDeviceState s) =>
        "Dell EMC Networking OS10 Enterprise\n" +
        "Copyright (c) 1999-2023 by Dell Inc. All Rights Reserved.\n" +
        "OS Version: 10.5.4.1\n" +
        "Build Version: 10.5.4.1.114\n" +
        "Build Time: 2023-01-11T19:22:19+0000\n" +
        "System Type: S5248F-ON\n" +
        "Architecture: x86_64\n" +
        $"Up Time: 6 weeks 1 day 02:03:04\n";
}
