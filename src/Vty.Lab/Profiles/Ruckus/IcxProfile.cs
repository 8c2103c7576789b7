using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Vty.Lab.Profiles.Cisco;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>
/// Ruckus ICX 7150 (FastIron 09.0.10): "Please Enter Login Name:" over Telnet, prompts that say how the
/// session came in (<c>SSH@ICX7150-24&gt;</c>, <c>telnet@ICX7150-24#</c>), <c>interface ethernet 1/1/1</c>,
/// "Invalid input -&gt;" errors, <c>skip-page-display</c> and <c>write memory</c>. Shares the IOS-style table.
/// </summary>
internal static partial class IcxProfile
{
    public static DeviceProfile Create()
    {
        var interfaces = new List<(string, string[])>();
        for (int i = 1; i <= 4; i++)
            interfaces.Add(($"ethernet1/1/{i}", i == 1 ? ["port-name uplink"] : []));
        var flavor = new CiscoFlavor
        {
            Interfaces = interfaces,
            FlashName = null,
            CreatableTypes = ["ve", "loopback", "lag"],
            IsSwitchPort = name => name.StartsWith("ethernet", StringComparison.Ordinal),
            GlobalLines = ["ver 09.0.10fT213", "stack unit 1\n  module 1 icx7150-24-port-management-module\n  module 2 icx7150-2-copper-port-2g-module\n  module 3 icx7150-4-sfp-plus-port-40g-module", "vlan 1 name DEFAULT-VLAN by port", "aaa authentication login default local", "enable super-user-password 8 $1$LABLAB$AAAAAAAAAAAAAAAAAAAAA.", "username lab password 8 $1$LABLAB$BBBBBBBBBBBBBBBBBBBBB."],
            TrailerLines = ["ip address 192.0.2.160 255.255.255.0", "ip default-gateway 192.0.2.254", "ip ssh authentication-retries 3"],
            ShowVersion = s =>
                "  Copyright (c) Ruckus Networks, Inc. All rights reserved.\n" +
                "    UNIT 1: compiled on Aug 31 2023 at 03:25:30 labeled as SPR09010f\n" +
                "      (33554432 bytes) from Primary SPR09010f.bin (UFI)\n" +
                "        SW: Version 09.0.10fT213\n" +
                "      Compressed Primary Boot Code size = 786944, Version:10.1.27T215 (spz10127)\n" +
                "  HW: Stackable ICX7150-24\n" +
                "==========================================================================\n" +
                "UNIT 1: SL 1: ICX7150-24 24-port Management Module\n" +
                "         Serial  #:FEK0000A00A\n" +
                "         Software Package: ICX7150_L3_SOFT_PACKAGE   (LID: fwmINJOpFlf)\n" +
                "         Current License: l3-prem-8X10G\n" +
                "         P-ASIC  0: type B160, rev 11  Chip BCM56160_B0\n" +
                "==========================================================================\n" +
                "  1000 MHz ARM processor ARMv7 88 MHz bus\n" +
                "  2048 MB DRAM\n" +
                "  The system uptime is 41 days 3 hours 12 minutes 1 second \n" +
                "  The system started at 06:00:00 GMT+00 Sat Feb 01 2025\n\n" +
                "  The system : started=warm start   reloaded=by \"reload\"\n",
            ShowInventory = "",
            RunningHeader = (_, _) => "",
            ShortName = n => n.StartsWith("ethernet", StringComparison.Ordinal) ? n[8..] : n,
            ShowsLegacyVlans = false,
            Hardware = "GigabitEthernet",
        };
        var dialect = new CiscoDialect
        {
            ConfigureMessage = "",
            ConfigureAsks = false,
            CopyQuestion = null,
            SaveMessage = "Write startup-config done.\n",
            NoStartupMessage = "Startup config file does not exist.\n",
            HasVlans = false,
            Clock = t => t.ToString("HH:mm:ss 'GMT+00' ddd MMM dd yyyy", CultureInfo.InvariantCulture) + "\n",
        };
        List<LabCommand> commands = CiscoCommands.Build(flavor, dialect);
        commands.Add(new LabCommand(EthernetInterface(), ["config", "config-if"], EnterEthernet));
        commands.Add(new LabCommand(ProCurveProfile.ShowRun(), ["privileged", "config", "config-if"], ctx => LabOutput.Of(Render(ctx.Device))));
        commands.Add(new LabCommand("skip-page-display", ["exec", "privileged"], ctx => CommonHandlers.SetPageLength(ctx, 0)));
        commands.Add(new LabCommand("page-display", ["exec", "privileged"], ctx => CommonHandlers.SetPageLength(ctx, ctx.Device.Options.PagerLines)));
        commands.Add(new LabCommand("port-name <text...>", ["config-if"], ctx => { ctx.ModeNode!.SetLine("port-name " + ctx.Arg("text")); return LabOutput.None; }));
        commands.Add(new LabCommand("disable", ["config-if"], ctx => { ctx.ModeNode!.SetLine("disable"); return LabOutput.None; }));
        commands.Add(new LabCommand("enable", ["config-if"], ctx => { ctx.ModeNode!.RemoveStartingWith("disable"); return LabOutput.None; }));
        return new DeviceProfile
        {
            Name = "icx",
            Description = "Ruckus ICX 7150-24 (FastIron 09.0.10f)",
            DefaultHostname = "ICX7150-24",
            Login = new LabLoginDialog
            {
                DialogIntro = "\nUser Access Verification\n\n",
                UsernamePrompt = "Please Enter Login Name: ",
                PasswordPrompt = "Please Enter Password: ",
                FailureMessage = "\nUser login failure.\n\n",
                PasswordOnlyFailureMessage = "\nUser login failure.\n\n",
                PasswordOnlyFinalFailureMessage = "\nUser login failure.\n",
                Motd = "\nUser login successful.\n\n",
            },
            Enable = new LabEnableDialog { PasswordPrompt = "Password:", FailureMessage = "Error - Incorrect username or password.\n", FinalFailureMessage = "Error - Incorrect username or password.\n" },
            Modes =
            [
                new("exec", "{via}@{host}>"),
                new("privileged", "{via}@{host}#"),
                new("config", "{via}@{host}(config)#") { IsConfig = true, EndMode = "privileged" },
                new("config-if", "{via}@{host}(config-if-e1000-{arg})#") { IsConfig = true, EndMode = "privileged" },
                new("config-vlan", "{via}@{host}(config-vlan-{arg})#") { IsConfig = true, EndMode = "privileged" },
            ],
            LoginMode = "exec",
            ExecMode = "privileged",
            Commands = commands,
            Filters = TextFilters.Cisco(noMore: false),
            Pager = LabPager.Backspacing("--More--, next page: Space, next line: Return key, quit: Control-c"),
            Errors = new LabErrorStyle(e => e.Kind switch
            {
                LabParseErrorKind.Incomplete => LabOutput.Fail("Incomplete command.\n"),
                LabParseErrorKind.Ambiguous => LabOutput.Fail($"Ambiguous input -> {e.Token}\n"),
                _ => LabOutput.Fail($"Invalid input -> {e.Line[e.Column..].TrimEnd()}\nType ? for a list\n"),
            }),
            InterfaceTypes = ["ethernet", "ve", "loopback", "lag", "management"],
            InitialConfig = state => CiscoConfig.Initial(flavor, state),
        };
    }

    [GeneratedRegex(@"^int(?:e(?:r(?:f(?:a(?:c(?:e)?)?)?)?)?)?\s+e(?:t(?:h(?:e(?:r(?:n(?:e(?:t)?)?)?)?)?)?)?\s+(?<port>\d+/\d+/\d+)$")]
    private static partial Regex EthernetInterface();

    private static LabOutput EnterEthernet(LabCommandContext ctx)
    {
        string port = ctx.Arg("port");
        if (ctx.Device.Running.Find("interface ethernet" + port) is not { } node)
            return LabOutput.Fail($"Error - invalid interface {port}\n");
        if (ctx.Mode == "config")
            ctx.EnterMode("config-if", port, node);
        else
            ctx.ReplaceMode("config-if", port, node);
        return LabOutput.None;
    }

    private static string Render(LabDeviceState state)
    {
        var sb = new StringBuilder("Current configuration:\n!\n");
        foreach (ConfigNode n in state.Running.Children)
        {
            string text = n.Text.StartsWith("interface ethernet", StringComparison.Ordinal) ? "interface ethernet " + n.Text[18..] : n.Text;
            if (text.StartsWith("interface ethernet", StringComparison.Ordinal) && !n.HasChildren)
                continue;
            sb.Append(text).Append('\n');
            var lines = new List<string>();
            n.RenderIndented(lines, " ", 1);
            foreach (string l in lines)
                sb.Append(l).Append('\n');
            sb.Append("!\n");
        }
        sb.Append("end\n");
        return sb.ToString();
    }
}
