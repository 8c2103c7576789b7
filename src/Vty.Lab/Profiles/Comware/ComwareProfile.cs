using System.Globalization;
using System.Text;
using Vty.Lab.Profiles.Cisco;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>
/// HPE Comware 7.1 on an HPE 5130 EI switch: user view <c>&lt;HPE&gt;</c>, <c>system-view</c> <c>[HPE]</c> with
/// interface and VLAN views, <c>quit</c>/<c>return</c>, <c>undo</c>, "% … found at '^' position." errors,
/// the <c>---- More ----</c> pager and <c>save force</c>.
/// </summary>
internal static class ComwareProfile
{
    private const string User = "user";
    private const string System = "system";
    private const string Iface = "interface";
    private const string Vlan = "vlan";

    public static DeviceProfile Create() => new()
    {
        Name = "comware",
        Description = "HPE Comware 7.1.070 Release 3208P08 (HPE 5130 24G 4SFP+ EI)",
        DefaultHostname = "HPE",
        Login = new LabLoginDialog
        {
            Banner = "\n******************************************************************************\n" +
                     "* Copyright (c) 2010-2021 Hewlett Packard Enterprise Development LP          *\n" +
                     "* Without the owner's prior written consent,                                 *\n" +
                     "* no decompiling or reverse-engineering shall be allowed.                    *\n" +
                     "******************************************************************************\n\n",
            UsernamePrompt = "login: ",
            PasswordPrompt = "Password: ",
            FailureMessage = "% Authentication failed.\n\n",
            PasswordOnlyFailureMessage = "% Authentication failed.\n\n",
            PasswordOnlyFinalFailureMessage = "% Authentication failed.\n",
            Motd = "\n",
        },
        Modes =
        [
            new(User, "<{host}>"),
            new(System, "[{host}]") { IsConfig = true, EndMode = User },
            new(Iface, "[{host}-{arg}]") { IsConfig = true, EndMode = User },
            new(Vlan, "[{host}-vlan{arg}]") { IsConfig = true, EndMode = User },
        ],
        LoginMode = User,
        Commands = Commands(),
        Filters =
        [
            new("include <pattern...>", (l, c) => TextFilters.Include(l, c.Arg("pattern"))),
            new("exclude <pattern...>", (l, c) => TextFilters.Exclude(l, c.Arg("pattern"))),
            new("begin <pattern...>", (l, c) => TextFilters.Begin(l, c.Arg("pattern"))),
        ],
        Pager = LabPager.Backspacing("---- More ----"),
        Errors = new LabErrorStyle(e => e.Kind switch
        {
            LabParseErrorKind.Incomplete => LabOutput.Fail($"{e.CaretLine}\n% Incomplete command found at '^' position.\n"),
            LabParseErrorKind.Ambiguous => LabOutput.Fail($"{e.CaretLine}\n% Ambiguous command found at '^' position.\n"),
            _ => LabOutput.Fail($"{e.CaretLine}\n% Unrecognized command found at '^' position.\n"),
        }),
        InterfaceTypes = ["GigabitEthernet", "Ten-GigabitEthernet", "Vlan-interface", "LoopBack", "Bridge-Aggregation", "NULL", "M-GigabitEthernet"],
        InitialConfig = Initial,
    };

    private static ConfigNode Initial(LabDeviceState state)
    {
        var root = new ConfigNode("");
        foreach (string l in new[] { " version 7.1.070, Release 3208P08", " sysname " + state.Hostname, " irf mac-address persistent timer", " lldp global enable", " password-recovery enable" })
            root.Insert(new ConfigNode(l));
        root.Insert(new ConfigNode("vlan 1"));
        Section(root, "interface NULL0");
        Section(root, "interface Vlan-interface1", "ip address 192.0.2.80 255.255.255.0");
        for (int i = 1; i <= 4; i++)
            Section(root, $"interface GigabitEthernet1/0/{i}", "port link-mode bridge");
        Section(root, "interface M-GigabitEthernet0/0/0");
        root.Insert(new ConfigNode(" ip route-static 0.0.0.0 0 192.0.2.254"));
        Section(root, "line vty 0 63", "authentication-mode scheme", "user-role network-operator");
        Section(root, "local-user lab class manage", "password hash $h$6$LABLABLABLAB$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", "service-type ssh telnet", "authorization-attribute user-role network-admin");
        return root;
    }

    private static ConfigNode Section(ConfigNode root, string text, params string[] lines)
    {
        var node = new ConfigNode(text);
        foreach (string l in lines)
            node.Insert(new ConfigNode(l));
        root.Insert(node);
        return node;
    }

    private static List<LabCommand> Commands()
    {
        string[] any = [User, System, Iface, Vlan];
        string[] cfg = [System, Iface, Vlan];
        string[] ifv = [Iface];
        return
        [
            new("quit", [User], ctx => { ctx.CloseSession(); return LabOutput.None; }),
            new("quit", cfg, ctx => { ctx.ExitMode(); return LabOutput.None; }),
            new("return", cfg, ctx => { ctx.EndConfiguration(); return LabOutput.None; }),
            new("screen-length disable", [User], ctx => CommonHandlers.SetPageLength(ctx, 0)),
            new("undo screen-length disable", [User], ctx => CommonHandlers.SetPageLength(ctx, ctx.Device.Options.PagerLines)),
            new("system-view", [User], ctx => { ctx.EnterMode(System); return LabOutput.Of("System View: return to User View with Ctrl+Z.\n"); }),
            new("save force", any, ctx => Save(ctx)),
            new("save", any, _ => LabOutput.Ask("", CommonHandlers.Confirm("The current configuration will be written to the device. Are you sure? [Y/N]:", false,
                (yes, x) => yes ? Save(x) : LabOutput.Of("Configuration is not saved!\n")))),
            new("display version", any, ctx => LabOutput.Of(DisplayVersion(ctx.Device))),
            new("display current-configuration", any, ctx => LabOutput.Of(Render(ctx.Device.Running))),
            new("display saved-configuration", any, ctx => LabOutput.Of(ctx.Device.Startup is { } s ? Render(s) : "The config file does not exist.\n")),
            new("display interface brief", any, ctx => LabOutput.Of(InterfaceBrief(ctx.Device.Running))),
            new("display vlan", any, ctx => LabOutput.Of(DisplayVlan(ctx.Device.Running))),
            new("display clock", any, ctx => LabOutput.Of($"{ctx.Device.Now:HH:mm:ss} UTC {ctx.Device.Now.ToString("ddd MM/dd/yyyy", CultureInfo.InvariantCulture)}\n")),
            new("ping <host>", any, ctx => LabOutput.Of(
                $"Ping {ctx.Arg("host")} ({ctx.Arg("host")}): 56 data bytes, press CTRL_C to break\n" +
                string.Concat(Enumerable.Range(0, 5).Select(i => $"56 bytes from {ctx.Arg("host")}: icmp_seq={i} ttl=255 time=1.000 ms\n")) +
                $"\n--- Ping statistics for {ctx.Arg("host")} ---\n5 packet(s) transmitted, 5 packet(s) received, 0.0% packet loss\nround-trip min/avg/max/std-dev = 1.000/1.000/1.000/0.000 ms\n")),
            GeneratedOutput.Command(User),

            new("sysname <name>", [System], ctx =>
            {
                if (!CiscoCommands.IsHostname(ctx.Arg("name")))
                    return ctx.Invalid("name");
                ctx.Device.Hostname = ctx.Arg("name");
                ctx.Device.Running.SetLine(" sysname " + ctx.Arg("name"), 2);
                return LabOutput.None;
            }),
            new("interface <name:interface>", cfg, ctx =>
            {
                string name = ctx.Arg("name");
                ConfigNode? node = ctx.Device.Running.Find("interface " + name);
                if (node is null)
                {
                    if (!name.StartsWith("LoopBack", StringComparison.Ordinal) && !name.StartsWith("Vlan-interface", StringComparison.Ordinal) && !name.StartsWith("Bridge-Aggregation", StringComparison.Ordinal))
                        return ctx.Invalid("name");
                    node = new ConfigNode("interface " + name);
                    ctx.Device.Running.Insert(node, "interface");
                }
                if (ctx.Mode == System)
                    ctx.EnterMode(Iface, name, node);
                else
                    ctx.ReplaceMode(Iface, name, node);
                return LabOutput.None;
            }),
            new("undo interface <name:interface>", [System], ctx =>
            {
                ConfigNode? node = ctx.Device.Running.Find("interface " + ctx.Arg("name"));
                if (node is null || ctx.Arg("name").StartsWith("GigabitEthernet", StringComparison.Ordinal))
                    return ctx.Invalid("name");
                ctx.Device.Running.Remove(node);
                return LabOutput.None;
            }),
            new("vlan <id:number>", cfg, ctx =>
            {
                int id = int.Parse(ctx.Arg("id"), CultureInfo.InvariantCulture);
                if (id is < 1 or > 4094)
                    return ctx.Invalid("id");
                ConfigNode node = ctx.Device.Running.GetOrAdd("vlan " + id.ToString(CultureInfo.InvariantCulture), "vlan", "interface");
                ctx.Device.Running.SortGroup("vlan", (a, b) => VlanId(a).CompareTo(VlanId(b)));
                if (ctx.Mode == System)
                    ctx.EnterMode(Vlan, ctx.Arg("id"), node);
                else
                    ctx.ReplaceMode(Vlan, ctx.Arg("id"), node);
                return LabOutput.None;
            }),
            new("undo vlan <id:number>", [System], ctx => { ctx.Device.Running.RemoveStartingWith("vlan " + ctx.Arg("id")); return LabOutput.None; }),
            new("name <text...>", [Vlan], ctx => { ctx.ModeNode!.SetLine("name " + ctx.Arg("text")); return LabOutput.None; }),
            new("description <text...>", [Iface, Vlan], ctx => { ctx.ModeNode!.SetLine("description " + ctx.Arg("text")); return LabOutput.None; }),
            new("undo description", [Iface, Vlan], ctx => { ctx.ModeNode!.RemoveStartingWith("description"); return LabOutput.None; }),
            new("ip address <address> <mask>", ifv, ctx =>
            {
                if (!CiscoConfig.IsIPv4(ctx.Arg("address")))
                    return ctx.Invalid("address");
                string mask = ctx.Arg("mask");
                if (int.TryParse(mask, NumberStyles.None, CultureInfo.InvariantCulture, out int len) && len <= 32)
                    mask = CiscoConfig.MaskFromLength(len);
                else if (!CiscoConfig.IsMask(mask))
                    return ctx.Invalid("mask");
                if (ctx.ModeNode!.Find("port link-mode bridge") is not null)
                    return ctx.Invalid("address");
                ctx.ModeNode!.SetLine($"ip address {ctx.Arg("address")} {mask}", 2);
                return LabOutput.None;
            }),
            new("undo ip address", ifv, ctx => { ctx.ModeNode!.RemoveStartingWith("ip address"); return LabOutput.None; }),
            new("shutdown", ifv, ctx => { ctx.ModeNode!.SetLine("shutdown"); return LabOutput.None; }),
            new("undo shutdown", ifv, ctx => { ctx.ModeNode!.RemoveStartingWith("shutdown"); return LabOutput.None; }),
            new("port access vlan <id:number>", ifv, ctx =>
            {
                if (ctx.Device.Running.Find("vlan " + ctx.Arg("id")) is null)
                    return LabOutput.Fail($"VLAN {ctx.Arg("id")} does not exist.\n");
                ctx.ModeNode!.SetLine("port access vlan " + ctx.Arg("id"), 3);
                return LabOutput.None;
            }),
            new("port link-mode <kind>", ifv, ctx =>
            {
                if (ctx.Arg("kind") is not ("bridge" or "route"))
                    return ctx.Invalid("kind");
                ctx.ModeNode!.SetLine("port link-mode " + ctx.Arg("kind"), 2);
                return LabOutput.None;
            }),
        ];
    }

    private static LabOutput Save(LabCommandContext ctx)
    {
        ctx.Device.Startup = ctx.Device.Running.Clone();
        return LabOutput.Of("Validating file. Please wait...\nSaved the current configuration to mainboard device successfully.\n");
    }

    private static int VlanId(ConfigNode n) => int.TryParse(n.Text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : int.MaxValue;

    private static string Render(ConfigNode root)
    {
        var sb = new StringBuilder("#\n");
        bool globals = false;
        foreach (ConfigNode n in root.Children)
        {
            if (n.Text.StartsWith(' '))
            {
                sb.Append(n.Text).Append('\n');
                globals = true;
                continue;
            }
            if (globals)
                sb.Append("#\n");
            globals = false;
            sb.Append(n.Text).Append('\n');
            foreach (ConfigNode c in n.Children)
                sb.Append(' ').Append(c.Text).Append('\n');
            sb.Append("#\n");
        }
        if (globals)
            sb.Append("#\n");
        sb.Append("return\n");
        return sb.ToString();
    }

    private static IEnumerable<ConfigNode> Interfaces(ConfigNode root) => root.StartingWith("interface");

    private static string InterfaceBrief(ConfigNode root)
    {
        var sb = new StringBuilder();
        sb.Append("Brief information on interfaces in route mode:\nLink: ADM - administratively down; Stby - standby\nProtocol: (s) - spoofing\n");
        sb.Append("Interface            Link Protocol Primary IP      Description\n");
        foreach (ConfigNode i in Interfaces(root).Where(i => i.Find("port link-mode bridge") is null))
        {
            string name = i.Text[10..];
            bool down = i.Find("shutdown") is not null;
            string ip = CiscoConfig.Address(i)?.Address ?? "--";
            string desc = i.StartingWith("description").FirstOrDefault()?.Text[12..] ?? "";
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-21}{1,-5}{2,-9}{3,-16}{4}", Short(name), down ? "ADM" : "UP", down ? "DOWN" : name.StartsWith("NULL", StringComparison.Ordinal) ? "UP(s)" : "UP", ip, desc).TrimEnd()).Append('\n');
        }
        sb.Append("\nBrief information on interfaces in bridge mode:\nLink: ADM - administratively down; Stby - standby\nSpeed: (a) - auto\nDuplex: (a)/A - auto; H - half; F - full\nType: A - access; T - trunk; H - hybrid\n");
        sb.Append("Interface            Link Speed   Duplex Type PVID Description\n");
        foreach (ConfigNode i in Interfaces(root).Where(i => i.Find("port link-mode bridge") is not null))
        {
            bool down = i.Find("shutdown") is not null;
            string pvid = i.StartingWith("port access vlan").FirstOrDefault()?.Text[17..] ?? "1";
            string desc = i.StartingWith("description").FirstOrDefault()?.Text[12..] ?? "";
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-21}{1,-5}{2,-8}{3,-7}{4,-5}{5,-5}{6}", Short(i.Text[10..]), down ? "ADM" : "UP", "1G(a)", "F(a)", "A", pvid, desc).TrimEnd()).Append('\n');
        }
        return sb.ToString();
    }

    private static string Short(string name) =>
        name.Replace("GigabitEthernet", "GE", StringComparison.Ordinal).Replace("Vlan-interface", "Vlan", StringComparison.Ordinal).Replace("M-GE", "MGE", StringComparison.Ordinal).Replace("LoopBack", "Loop", StringComparison.Ordinal);

    private static string DisplayVlan(ConfigNode root)
    {
        List<string> ids = [.. root.StartingWith("vlan").Select(v => v.Text[5..])];
        return $" Total VLANs: {ids.Count}\n The VLANs include:\n {string.Join(", ", ids)}(default)\n";
    }

    private static string DisplayVersion(LabDeviceState s) =>
        "HPE Comware Software, Version 7.1.070, Release 3208P08\n" +
        "Copyright (c) 2010-2021 Hewlett Packard Enterprise Development LP\n" +
        "HPE 5130 24G 4SFP+ EI Switch uptime is 6 weeks, 0 days, 3 hours, 12 minutes\n" +
        "Last reboot reason : User reboot\n\n" +
        "Boot image: flash:/5130ei-cmw710-boot-r3208p08.bin\n" +
        "Boot image version: 7.1.070, Release 3208P08\n" +
        "  Compiled Jan 20 2021 11:00:00\n" +
        "System image: flash:/5130ei-cmw710-system-r3208p08.bin\n" +
        "System image version: 7.1.070, Release 3208P08\n" +
        "  Compiled Jan 20 2021 11:00:00\n\n" +
        "Slot 1:\n" +
        "Uptime is 6 weeks,0 days,3 hours,12 minutes\n" +
        "HPE 5130 24G 4SFP+ EI Switch with 1 Processor\n" +
        "BOARD TYPE:         HPE 5130 24G 4SFP+ EI Switch\n" +
        "DRAM:               1024M bytes\n" +
        "FLASH:              512M bytes\n" +
        "PCB 1 Version:      VER.B\n" +
        "Bootrom Version:    147\n" +
        "CPLD 1 Version:     002\n" +
        "Release Version:    HPE 5130EI-3208P08\n" +
        "Patch Version  :    None\n" +
        "Reboot Cause  :     UserReboot\n" +
        "[SubSlot 0] 24GE+4SFP Plus\n";
}
