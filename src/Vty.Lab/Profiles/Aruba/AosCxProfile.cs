using System.Globalization;
using System.Text;
using Vty.Lab.Profiles.Cisco;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>
/// HPE Aruba CX 6300 (AOS-CX FL.10.10): administrators land in <c>switch#</c>, ports named <c>1/1/1</c>,
/// "Invalid input:" errors, <c>no page</c>, and a running configuration indented by four spaces.
/// Shares the IOS-style command table.
/// </summary>
internal static class AosCxProfile
{
    public static DeviceProfile Create()
    {
        var interfaces = new List<(string, string[])> { ("mgmt", ["no shutdown", "ip static 192.0.2.150/24", "default-gateway 192.0.2.254"]) };
        for (int i = 1; i <= 4; i++)
            interfaces.Add(($"1/1/{i}", ["no shutdown", "vlan access 1"]));
        var flavor = new CiscoFlavor
        {
            Interfaces = interfaces,
            FlashName = null,
            CreatableTypes = ["vlan", "loopback", "lag"],
            IsSwitchPort = name => name.StartsWith("1/", StringComparison.Ordinal),
            GlobalLines = ["user admin group administrators password ciphertext AQBapLABLABLABAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "user lab group administrators password ciphertext AQBapLABLABLABBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "ntp server 192.0.2.254", "ssh server vrf mgmt"],
            TrailerLines = [],
            ShowVersion = _ =>
                "-----------------------------------------------------------------------------\n" +
                "ArubaOS-CX\n(c) Copyright 2017-2022 Hewlett Packard Enterprise Development LP\n" +
                "-----------------------------------------------------------------------------\n" +
                "Version      : FL.10.10.1010\n" +
                "Build Date   : 2022-08-25 18:14:11 UTC\n" +
                "Build ID     : ArubaOS-CX:FL.10.10.1010:5d1f1c2b3a4e:202208251745\n" +
                "Build SHA    : 5d1f1c2b3a4e5f60718293a4b5c6d7e8f9012345\n" +
                "Active Image : primary\n\n" +
                "Service OS Version : FL.01.09.0003\n" +
                "BIOS Version       : FL.01.0002\n",
            ShowInventory = "",
            RunningHeader = (_, _) => "",
            ShortName = n => n,
            ShowsLegacyVlans = false,
            Hardware = "6300M 48G",
        };
        var dialect = new CiscoDialect
        {
            UserMode = false,
            ConfigureMessage = "",
            ConfigureAsks = false,
            CopyQuestion = null,
            SaveMessage = "Copying configuration: [Success]\n",
            CidrAddresses = true,
            NoStartupMessage = "No startup configuration found.\n",
            Clock = t => t.ToString("ddd MMM d HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture) + "\n",
        };
        List<LabCommand> commands = CiscoCommands.Build(flavor, dialect);
        string[] all = ["privileged", "config", "config-if", "config-vlan"];
        commands.Add(new LabCommand(ProCurveProfile.ShowRun(), all, ctx => LabOutput.Of(Render(ctx.Device))));
        commands.Add(new LabCommand("no page", ["privileged"], ctx => CommonHandlers.SetPageLength(ctx, 0)));
        commands.Add(new LabCommand("page", ["privileged"], ctx => CommonHandlers.SetPageLength(ctx, ctx.Device.Options.PagerLines)));
        commands.Add(new LabCommand("vlan access <id:number>", ["config-if"], ctx => { ctx.ModeNode!.SetLine("vlan access " + ctx.Arg("id"), 2); return LabOutput.None; }));
        commands.Add(new LabCommand("show system", ["privileged"], ctx => LabOutput.Of(
            $"Hostname                        : {ctx.Device.Hostname}\nSystem Description              : FL.10.10.1010\nSystem Contact                  : \nSystem Location                 : \n\n" +
            "Vendor                          : Aruba\nProduct Name                    : JL662A 6300M 24SR5 CL6 PoE 4SFP56 Swch\nChassis Serial Nbr              : SG00000000\nBase MAC Address                : 9020c2-000000\nAOS-CX Version                  : FL.10.10.1010\n\n" +
            "Up Time                         : 5 weeks, 6 days, 3 hours, 12 minutes\n")));
        return new DeviceProfile
        {
            Name = "aoscx",
            Description = "HPE Aruba CX 6300M (AOS-CX FL.10.10.1010)",
            DefaultHostname = "switch",
            Login = new LabLoginDialog
            {
                UsernamePrompt = "{host} login: ",
                PasswordPrompt = "Password: ",
                FailureMessage = "Login incorrect\n",
                PasswordOnlyFinalFailureMessage = "Login incorrect\n",
                Motd = "\nLast login: 2025-03-14 09:20:11 from 192.0.2.254\nUser \"{user}\" has logged in 3 times in the past 30 days\n",
            },
            Modes =
            [
                new("privileged", "{host}# "),
                new("config", "{host}(config)# ") { IsConfig = true, EndMode = "privileged" },
                new("config-if", "{host}(config-if)# ") { IsConfig = true, EndMode = "privileged" },
                new("config-vlan", "{host}(config-vlan-{arg})# ") { IsConfig = true, EndMode = "privileged" },
            ],
            LoginMode = "privileged",
            ExecMode = "privileged",
            Commands = commands,
            Filters = TextFilters.Cisco(noMore: false),
            Pager = LabPager.Backspacing("-- MORE --, next page: Space, next line: Enter, quit: q"),
            Errors = new LabErrorStyle(e => e.Kind switch
            {
                LabParseErrorKind.Incomplete => LabOutput.Fail("% Command incomplete.\n"),
                LabParseErrorKind.Ambiguous => LabOutput.Fail($"% Ambiguous command: {e.Token}\n"),
                _ => LabOutput.Fail($"Invalid input: {e.Token}\n"),
            }),
            InterfaceTypes = ["", "mgmt", "vlan", "loopback", "lag"],
            InitialConfig = state => CiscoConfig.Initial(flavor, state),
        };
    }

    private static string Render(LabDeviceState state)
    {
        var sb = new StringBuilder("Current configuration:\n!\n!Version ArubaOS-CX FL.10.10.1010\n!export-password: default\n");
        foreach (ConfigNode n in state.Running.Children)
        {
            sb.Append(n.Text).Append('\n');
            foreach (ConfigNode c in n.Children)
                sb.Append("    ").Append(c.Text).Append('\n');
        }
        return sb.ToString();
    }
}
