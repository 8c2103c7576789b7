using System.Globalization;
using System.Text;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>
/// Fortinet FortiOS 7.2 on a FortiGate-60F: <c>FGT60F #</c>, <c>config system interface</c> blocks with
/// <c>edit</c>/<c>set</c>/<c>next</c>/<c>end</c> (changes apply at the outermost <c>end</c>, <c>abort</c>
/// drops them), <c>get</c>/<c>show</c>, and the <c>--More--</c> pager that <c>set output standard</c> turns off.
/// </summary>
internal static class FortiOsProfile
{
    private const string Top = "top";
    private const string BlockMode = "config";
    private const string EntryMode = "edit";
    private const string ParseError = "Command fail. Return code -61\n";

    public static DeviceProfile Create() => new()
    {
        Name = "fortios",
        Description = "Fortinet FortiOS 7.2.5 (FortiGate-60F)",
        DefaultHostname = "FGT60F",
        Login = new LabLoginDialog
        {
            UsernamePrompt = "{host} login: ",
            PasswordPrompt = "Password: ",
            FailureMessage = "Login incorrect\n",
            PasswordOnlyFinalFailureMessage = "Login incorrect\n",
        },
        Modes =
        [
            new(Top, "{host} # "),
            new(BlockMode, "{host} ({arg}) # ") { IsConfig = true, EndMode = Top },
            new(EntryMode, "{host} ({arg}) # ") { IsConfig = true, EndMode = Top },
        ],
        LoginMode = Top,
        Commands = Commands(),
        Filters = [new("grep <pattern...>", (l, c) => Grep(l, c.Arg("pattern")))],
        Pager = LabPager.CarriageReturn("--More-- "),
        Errors = new LabErrorStyle(e => e.Kind == LabParseErrorKind.UnknownCommand
            ? LabOutput.Fail("Unknown action 0\nCommand fail. Return code -1\n")
            : LabOutput.Fail($"command parse error before '{(e.Token.Length > 0 ? e.Token : e.Line.Trim())}'\n{ParseError}")),
        InitialConfig = Initial,
    };

    private static ConfigNode Initial(LabDeviceState state)
    {
        var root = new ConfigNode("");
        Block(root, "config system global", ["set alias \"FortiGate-60F\"", $"set hostname \"{state.Hostname}\"", "set timezone 04"]);
        Block(root, "config system console", ["set output more"]);
        ConfigNode ifaces = Block(root, "config system interface", []);
        Entry(ifaces, "wan1", ["set vdom \"root\"", "set ip 192.0.2.70 255.255.255.0", "set allowaccess ping https ssh", "set type physical", "set role wan"]);
        Entry(ifaces, "wan2", ["set vdom \"root\"", "set mode dhcp", "set type physical", "set role wan"]);
        Entry(ifaces, "internal1", ["set vdom \"root\"", "set type physical"]);
        Entry(ifaces, "internal5", ["set vdom \"root\"", "set type physical"]);
        Entry(ifaces, "internal", ["set vdom \"root\"", "set ip 198.51.100.1 255.255.255.0", "set allowaccess ping https ssh", "set type hard-switch", "set role lan"]);
        ConfigNode admins = Block(root, "config system admin", []);
        Entry(admins, "admin", ["set accprofile \"super_admin\"", "set vdom \"root\"", "set password ENC SH2AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="]);
        ConfigNode routes = Block(root, "config router static", []);
        Entry(routes, "1", ["set gateway 192.0.2.254", "set device \"wan1\""]);
        return root;
    }

    private static ConfigNode Block(ConfigNode parent, string text, string[] lines)
    {
        var node = new ConfigNode(text);
        foreach (string l in lines)
            node.Insert(new ConfigNode(l));
        parent.Insert(node);
        return node;
    }

    private static void Entry(ConfigNode table, string name, string[] lines) => Block(table, $"edit \"{name}\"", lines);

    private static List<LabCommand> Commands()
    {
        string[] top = [Top];
        string[] inBlock = [BlockMode, EntryMode];
        return
        [
            new("exit", top, ctx => { ctx.CloseSession(); return LabOutput.None; }),
            new("get system status", top, ctx => LabOutput.Of(SystemStatus(ctx.Device))),
            new("get system console", top, ctx => LabOutput.Of(
                $"output              : {ConsoleOutput(ctx.Device.Running)}\nbaudrate            : 9600\nlogin               : enable\nfortiguard-log      : disable\n")),
            new("get system interface physical", top, ctx => LabOutput.Of(Physical(ctx.Device.Running))),
            new("get router info routing-table all", top, _ => LabOutput.Of(
                "Codes: K - kernel, C - connected, S - static, R - RIP, B - BGP\n       O - OSPF, IA - OSPF inter area\n\n" +
                "Routing table for VRF=0\nS*      0.0.0.0/0 [10/0] via 192.0.2.254, wan1, [1/0]\n" +
                "C       192.0.2.0/24 is directly connected, wan1\nC       198.51.100.0/24 is directly connected, internal\n")),
            new("show [<path...>]", top, ctx => Show(ctx, full: false)),
            new("show full-configuration [<path...>]", top, ctx => Show(ctx, full: true)),
            new("execute ping <host>", top, ctx => LabOutput.Of(
                $"PING {ctx.Arg("host")} ({ctx.Arg("host")}): 56 data bytes\n" +
                string.Concat(Enumerable.Range(0, 5).Select(i => $"64 bytes from {ctx.Arg("host")}: icmp_seq={i} ttl=64 time=0.4 ms\n")) +
                $"\n--- {ctx.Arg("host")} ping statistics ---\n5 packets transmitted, 5 packets received, 0% packet loss\nround-trip min/avg/max = 0.4/0.4/0.4 ms\n")),
            new("config <path...>", [Top, EntryMode], EnterBlock),
            GeneratedOutput.Command(Top),

            new("edit <name>", [BlockMode], ctx =>
            {
                ConfigNode table = ctx.ModeNode!;
                string name = ctx.Arg("name");
                if (name.Length == 0 || name.Length > 35)
                    return LabOutput.Fail($"entry not found in datasource\nvalue parse error before '{name}'\n{ParseError}");
                ConfigNode entry = table.GetOrAdd($"edit \"{name}\"");
                ctx.EnterMode(EntryMode, name, entry);
                return LabOutput.None;
            }),
            new("delete <name>", [BlockMode], ctx =>
            {
                if (ctx.ModeNode!.Find($"edit \"{ctx.Arg("name")}\"") is not { } entry)
                    return LabOutput.Fail($"entry not found in datasource\nvalue parse error before '{ctx.Arg("name")}'\n{ParseError}");
                ctx.ModeNode.Remove(entry);
                return LabOutput.None;
            }),
            new("set <key> <value...>", inBlock, ctx =>
            {
                if (ctx.Mode == BlockMode && IsTable(ctx.ModeNode!))
                    return LabOutput.Fail($"command parse error before 'set'\n{ParseError}");
                ctx.ModeNode!.SetLine($"set {ctx.Arg("key")} {Quote(ctx.Arg("value"))}", 2);
                return LabOutput.None;
            }),
            new("unset <key>", inBlock, ctx => { ctx.ModeNode!.RemoveStartingWith("set " + ctx.Arg("key")); return LabOutput.None; }),
            new("get", inBlock, ctx => LabOutput.Of(Get(ctx.ModeNode!))),
            new("show", inBlock, ctx => LabOutput.Of(Render(ctx.ModeNode!, 0))),
            new("next", [EntryMode], ctx => { ctx.ExitMode(); return LabOutput.None; }),
            new("end", inBlock, End),
            new("abort", inBlock, ctx =>
            {
                ctx.Device.Candidate = null;
                ctx.EndConfiguration();
                return LabOutput.None;
            }),
        ];
    }

    private static bool IsTable(ConfigNode block) => block.Children.Any(c => c.Text.StartsWith("edit ", StringComparison.Ordinal))
        || block.Text is "config system interface" or "config system admin" or "config router static" or "config firewall policy" or "config firewall address";

    private static readonly string[] Known =
    [
        "system global", "system console", "system interface", "system admin", "system dns", "system ntp", "system snmp community",
        "router static", "firewall policy", "firewall address", "firewall addrgrp", "ipv6",
    ];

    private static LabOutput EnterBlock(LabCommandContext ctx)
    {
        string path = string.Join(' ', PathConfig.Words(ctx.Arg("path")));
        if (!Known.Contains(path))
            return LabOutput.Fail($"command parse error before '{PathConfig.Words(path).Last()}'\n{ParseError}");
        ConfigNode parent;
        if (ctx.Mode == Top)
        {
            ctx.Device.Candidate ??= ctx.Device.Running.Clone();
            parent = ctx.Device.Candidate;
        }
        else
        {
            parent = ctx.ModeNode!;
        }
        ConfigNode block = parent.GetOrAdd("config " + path);
        ctx.EnterMode(BlockMode, path.Split(' ')[^1], block);
        return LabOutput.None;
    }

    private static LabOutput End(LabCommandContext ctx)
    {
        if (ctx.Mode == EntryMode)
            ctx.ExitMode();
        ctx.ExitMode();
        if (ctx.Mode != Top)
            return LabOutput.None;
        if (ctx.Device.Candidate is { } candidate)
        {
            bool changed = !candidate.SameAs(ctx.Device.Running);
            ctx.Device.Running = candidate;
            ctx.Device.Candidate = null;
            if (changed)
                ctx.Device.MarkChanged();
            if (Setting(candidate, "config system global", "hostname") is { } host)
                ctx.Device.Hostname = host;
            ctx.Paging = ctx.IsInteractive && ConsoleOutput(candidate) == "more";
        }
        return LabOutput.None;
    }

    private static string? Setting(ConfigNode root, string block, string key) =>
        root.Find(block)?.StartingWith("set " + key).FirstOrDefault()?.Text[(key.Length + 5)..].Trim('"');

    private static string ConsoleOutput(ConfigNode root) => Setting(root, "config system console", "output") ?? "more";

    private static string Quote(string value)
    {
        List<string> words = PathConfig.Words(value);
        return string.Join(' ', words.Select(w => w.Length > 0 && (char.IsLetter(w[0]) || w.Contains(' ')) && !IsKeywordValue(w) ? "\"" + w + "\"" : w));
    }

    // FortiOS prints enumerations and numbers bare, names and free text in quotes.
    private static bool IsKeywordValue(string w) =>
        w is "enable" or "disable" or "standard" or "more" or "physical" or "wan" or "lan" or "dmz" or "dhcp" or "static" or "accept" or "deny" or "all" or "always"
        or "ping" or "https" or "ssh" or "http" or "snmp" or "telnet" or "fgfm" or "hard-switch" or "loopback" or "vlan" or "ENC";

    private static LabOutput Show(LabCommandContext ctx, bool full)
    {
        ConfigNode root = ctx.Device.Running;
        List<string> words = PathConfig.Words(ctx.Arg("path"));
        if (words.Count == 0)
            return LabOutput.Of(Header(ctx) + Render(root, 0));
        for (int take = words.Count; take > 0; take--)
        {
            if (root.Find("config " + string.Join(' ', words.Take(take))) is not { } block)
                continue;
            if (take == words.Count)
                return LabOutput.Of(Render(new[] { block }, 0));
            if (take == words.Count - 1 && block.Find($"edit \"{words[^1]}\"") is { } entry)
                return LabOutput.Of($"{block.Text}\n{Render(new[] { entry }, 1)}end\n");
        }
        return LabOutput.Fail($"command parse error before '{words[^1]}'\n{ParseError}");
    }

    private static string Header(LabCommandContext ctx) =>
        $"#config-version=FGT60F-7.2.5-FW-build1517-230606:opmode=0:vdom=0:user={ctx.User}\n" +
        "#conf_file_ver=84017262515470318\n#buildno=1517\n#global_vdom=1\n";

    private static string Render(ConfigNode node, int depth) => Render(node.Children, depth);

    private static string Render(IEnumerable<ConfigNode> nodes, int depth)
    {
        var sb = new StringBuilder();
        string pad = new(' ', depth * 4);
        foreach (ConfigNode c in nodes)
        {
            sb.Append(pad).Append(c.Text).Append('\n');
            if (c.Text.StartsWith("config ", StringComparison.Ordinal))
            {
                sb.Append(Render(c, depth + 1));
                sb.Append(pad).Append("end\n");
            }
            else if (c.Text.StartsWith("edit ", StringComparison.Ordinal))
            {
                sb.Append(Render(c, depth + 1));
                sb.Append(pad).Append("next\n");
            }
        }
        return sb.ToString();
    }

    private static string Get(ConfigNode node)
    {
        var sb = new StringBuilder();
        foreach (ConfigNode c in node.Children)
        {
            if (c.Text.StartsWith("set ", StringComparison.Ordinal))
            {
                string rest = c.Text[4..];
                int sp = rest.IndexOf(' ');
                sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-20}: {1}\n", sp < 0 ? rest : rest[..sp], sp < 0 ? "" : rest[(sp + 1)..].Replace("\"", "", StringComparison.Ordinal)));
            }
            else if (c.Text.StartsWith("edit ", StringComparison.Ordinal))
            {
                sb.Append("== [ ").Append(c.Text[6..^1]).Append(" ]\n");
            }
        }
        return sb.ToString();
    }

    private static IEnumerable<string> Grep(IEnumerable<string> lines, string args)
    {
        List<string> words = PathConfig.Words(args);
        bool invert = words.Remove("-v");
        bool ignoreCase = words.Remove("-i");
        string pattern = string.Join(' ', words);
        var re = TextFilters.Pattern(ignoreCase ? "(?i)" + pattern : pattern);
        return lines.Where(l => re.IsMatch(l) != invert);
    }

    private static string Physical(ConfigNode root)
    {
        var sb = new StringBuilder("System Interface Physical Status:\n");
        foreach (ConfigNode e in root.Find("config system interface")?.Children ?? [])
        {
            string name = e.Text[6..^1];
            string ip = e.StartingWith("set ip").FirstOrDefault()?.Text[7..] ?? "0.0.0.0 0.0.0.0";
            sb.Append("    ==[").Append(name).Append("]\n");
            sb.Append("        mode: static\n        ip: ").Append(ip).Append("\n        ipv6: ::/0\n        status: up\n        speed: 1000Mbps (Duplex: full)\n");
        }
        return sb.ToString();
    }

    private static string SystemStatus(LabDeviceState s) =>
        "Version: FortiGate-60F v7.2.5,build1517,230606 (GA.F)\n" +
        "Firmware Signature: certified\n" +
        "Virus-DB: 91.04089(2023-06-06 15:27)\n" +
        "Extended DB: 91.04089(2023-06-06 15:26)\n" +
        "AV AI/ML Model: 2.11744(2023-06-06 14:43)\n" +
        "IPS-DB: 22.00552(2023-06-05 01:43)\n" +
        "IPS-ETDB: 0.00000(2001-01-01 00:00)\n" +
        "APP-DB: 22.00552(2023-06-05 01:43)\n" +
        "INDUSTRIAL-DB: 6.00741(2015-12-01 02:30)\n" +
        "IPS Malicious URL Database: 4.00681(2023-06-06 13:00)\n" +
        "Serial-Number: FGT60FTK20000000\n" +
        "BIOS version: 05000006\n" +
        "System Part-Number: P24283-05\n" +
        "Log hard disk: Not available\n" +
        $"Hostname: {s.Hostname}\n" +
        "Private Encryption: Disable\n" +
        "Operation Mode: NAT\n" +
        "Current virtual domain: root\n" +
        "Max number of virtual domains: 10\n" +
        "Virtual domains status: 1 in NAT mode, 0 in TP mode\n" +
        "Virtual domain configuration: disable\n" +
        "FIPS-CC mode: disable\n" +
        "Current HA mode: standalone\n" +
        "Branch point: 1517\n" +
        "Release Version Information: GA\n" +
        $"System time: {s.Now.ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture)}\n" +
        "Last reboot reason: warm reboot\n";
}
