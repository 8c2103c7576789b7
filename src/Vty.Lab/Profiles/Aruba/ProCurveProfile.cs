using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Vty.Lab.Profiles.Cisco;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>
/// HPE Aruba 2920 (ProCurve / ArubaOS-Switch WB.16.10): banner and "Press any key to continue" after login,
/// ports named by number (<c>interface 1</c>), <c>name</c> for port descriptions, "Invalid input:" errors,
/// the "-- MORE --" pager and <c>no page</c>. Shares the IOS-style command table for the rest.
/// </summary>
internal static partial class ProCurveProfile
{
    public static DeviceProfile Create()
    {
        var interfaces = new List<(string, string[])>();
        for (int i = 1; i <= 24; i++)
            interfaces.Add((i.ToString(CultureInfo.InvariantCulture), i == 24 ? ["description uplink"] : []));
        var flavor = new CiscoFlavor
        {
            Interfaces = interfaces,
            FlashName = null,
            CreatableTypes = ["vlan"],
            IsSwitchPort = _ => true,
            GlobalLines = ["module 1 type j9727a", "snmp-server community \"public\" unrestricted"],
            TrailerLines = ["vlan 1\n name DEFAULT_VLAN\n untagged 1-24\n ip address 192.0.2.140 255.255.255.0", "ip default-gateway 192.0.2.254", "password manager"],
            ShowVersion = _ => "Image stamp:    /ws/swbuildm/rel_ukiah_qaoff/code/build/lvm(swbuildm_rel_ukiah_qaoff_rel_ukiah)\n" +
                               "                Jun  3 2020 11:18:01\n                WB.16.10.0009\n                1351\n" +
                               "Boot Image:     Primary\n\nBoot ROM Version:    WB.16.03\nActive Boot ROM:     Primary\n",
            ShowInventory = "",
            RunningHeader = (_, _) => "",
            ShortName = n => n,
            ShowsLegacyVlans = false,
            Hardware = "HP J9727A",
        };
        var dialect = new CiscoDialect
        {
            ConfigureMessage = "",
            ConfigureAsks = false,
            CopyQuestion = null,
            SaveMessage = "",
            NoStartupMessage = "Configuration file does not exist.\n",
            Clock = t => t.ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture) + "\n",
        };
        List<LabCommand> commands = CiscoCommands.Build(flavor, dialect);
        string[] anyMode = ["exec", "privileged", "config", "config-if", "config-vlan"];
        commands.Add(new LabCommand(ShowRun(), ["privileged", "config", "config-if", "config-vlan"], ctx => LabOutput.Of(Render(ctx.Device))));
        commands.Add(new LabCommand("no page", anyMode, ctx => CommonHandlers.SetPageLength(ctx, 0)));
        commands.Add(new LabCommand("page", anyMode, ctx => CommonHandlers.SetPageLength(ctx, ctx.Device.Options.PagerLines)));
        commands.Add(new LabCommand("name <text...>", ["config-if"], ctx => { ctx.ModeNode!.SetLine("description " + ctx.Arg("text").Trim('"')); return LabOutput.None; }));
        commands.Add(new LabCommand("disable", ["config-if"], ctx => { ctx.ModeNode!.SetLine("shutdown"); return LabOutput.None; }));
        commands.Add(new LabCommand("enable", ["config-if"], ctx => { ctx.ModeNode!.RemoveStartingWith("shutdown"); return LabOutput.None; }));
        commands.Add(new LabCommand("show system", ["exec", "privileged"], ctx => LabOutput.Of(ShowSystem(ctx.Device))));
        return new DeviceProfile
        {
            Name = "procurve",
            Description = "HPE Aruba 2920-24G-PoE+ (ProCurve / ArubaOS-Switch WB.16.10.0009)",
            DefaultHostname = "HP-2920-24G",
            Login = new LabLoginDialog
            {
                UsernamePrompt = "Username: ",
                PasswordPrompt = "Password: ",
                FailureMessage = "Invalid password\n",
                PasswordOnlyFailureMessage = "Invalid password\n",
                PasswordOnlyFinalFailureMessage = "Invalid password\n",
                Motd = "HP J9727A 2920-24G-PoE+ Switch\nSoftware revision WB.16.10.0009\n\n" +
                       "(C) Copyright 2020 Hewlett Packard Enterprise Development LP\n\n" +
                       "                       RESTRICTED RIGHTS LEGEND\n" +
                       " Confidential computer software. Valid license from Hewlett Packard Enterprise\n" +
                       " Development LP required for possession, use or copying.\n\n" +
                       "We'd like to keep you up to date about:\n  * Software feature updates\n  * New product announcements\n  * Special events\n\n" +
                       "Please register your products now at:  www.hpe.com/networking/register\n\n\n",
                PressAnyKey = "Press any key to continue",
            },
            Enable = new LabEnableDialog { PasswordPrompt = "Password: ", FailureMessage = "Invalid password\n", FinalFailureMessage = "Invalid password\n" },
            Modes =
            [
                new("exec", "{host}> "),
                new("privileged", "{host}# "),
                new("config", "{host}(config)# ") { IsConfig = true, EndMode = "privileged" },
                new("config-if", "{host}(eth-{arg})# ") { IsConfig = true, EndMode = "privileged" },
                new("config-vlan", "{host}(vlan-{arg})# ") { IsConfig = true, EndMode = "privileged" },
            ],
            LoginMode = "exec",
            ExecMode = "privileged",
            Commands = commands,
            Filters = TextFilters.Cisco(noMore: false),
            Pager = LabPager.Backspacing("-- MORE --, next page: Space, next line: Enter, quit: Control-C"),
            Errors = new LabErrorStyle(e => e.Kind switch
            {
                LabParseErrorKind.Incomplete => LabOutput.Fail($"Incomplete input: {e.Line.Trim()}\n"),
                LabParseErrorKind.Ambiguous => LabOutput.Fail($"Ambiguous input: {e.Token}\n"),
                _ => LabOutput.Fail($"Invalid input: {e.Token}\n"),
            }),
            InterfaceTypes = ["", "vlan"],
            InitialConfig = state => CiscoConfig.Initial(flavor, state),
        };
    }

    [GeneratedRegex(@"^sh(?:ow?)?\s+run(?:n(?:i(?:n(?:g(?:-(?:c(?:o(?:n(?:f(?:i(?:g)?)?)?)?)?)?)?)?)?)?)?$")]
    internal static partial Regex ShowRun();

    private static string Render(LabDeviceState state)
    {
        var sb = new StringBuilder("\nRunning configuration:\n\n");
        sb.Append("; J9727A Configuration Editor; Created on release #WB.16.10.0009\n");
        sb.Append("; Ver #14:01.44.00.04.19.02.13.98.82.34.61.18.28.f3.84.9c.63.ff.37.27:05\n");
        foreach (ConfigNode n in state.Running.Children)
        {
            if (n.Text.StartsWith("hostname ", StringComparison.Ordinal))
            {
                sb.Append("hostname \"").Append(n.Text[9..]).Append("\"\n");
                continue;
            }
            if (n.Text.StartsWith("interface ", StringComparison.Ordinal) && !n.HasChildren)
                continue;
            sb.Append(n.Text).Append('\n');
            foreach (ConfigNode c in n.Children)
            {
                string text = c.Text;
                if (text.StartsWith("description ", StringComparison.Ordinal) || text.StartsWith("name ", StringComparison.Ordinal))
                    text = text[..text.IndexOf(' ')].Replace("description", "name", StringComparison.Ordinal) + " \"" + text[(text.IndexOf(' ') + 1)..] + "\"";
                else if (text == "shutdown")
                    text = "disable";
                else if (text == "no ip address")
                    continue;
                sb.Append("   ").Append(text).Append('\n');
            }
            if (n.HasChildren)
                sb.Append("   exit\n");
        }
        return sb.ToString();
    }

    private static string ShowSystem(LabDeviceState s) =>
        "\n Status and Counters - General System Information\n\n" +
        $"  System Name        : {s.Hostname}\n" +
        "  System Contact     :\n  System Location    :\n\n" +
        "  MAC Age Time (sec) : 300\n\n" +
        "  Time Zone          : 0\n  Daylight Time Rule : None\n\n" +
        "  Software revision  : WB.16.10.0009        Base MAC Addr      : 5065f3-000000\n" +
        "  ROM Version        : WB.16.03             Serial Number      : SG00000000\n\n" +
        "  Up Time            : 41 days              Memory   - Total   : 330,881,024\n" +
        "  CPU Util (%)       : 2                               Free    : 187,345,920\n";
}
