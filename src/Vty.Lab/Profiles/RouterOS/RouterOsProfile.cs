using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>
/// MikroTik RouterOS 7.11 on an RB5009: menus addressed by path (<c>/ip address print</c>, or <c>/ip address</c>
/// to move into the menu and <c>..</c> / <c>/</c> to leave it), <c>print</c>/<c>add</c>/<c>set</c>/<c>remove</c>/<c>export</c>,
/// the <c>[admin@MikroTik] &gt;</c> prompt, and login names with <c>+cetw</c> terminal options.
/// </summary>
internal static partial class RouterOsProfile
{
    private const string Root = "root";
    private const string Menu = "menu";

    /// <summary>Menus the lab knows; singletons hold one item that <c>set</c> changes.</summary>
    private static readonly Dictionary<string, bool> Menus = new(StringComparer.Ordinal)
    {
        ["/interface"] = false,
        ["/interface ethernet"] = false,
        ["/ip address"] = false,
        ["/ip route"] = false,
        ["/ip dns"] = true,
        ["/system identity"] = true,
        ["/system resource"] = true,
        ["/system clock"] = true,
        ["/ip service"] = false,
    };

    public static DeviceProfile Create() => new()
    {
        Name = "routeros",
        Description = "MikroTik RouterOS 7.11.2 (RB5009UG+S+)",
        DefaultHostname = "MikroTik",
        LoginOptionsSeparator = '+',
        Login = new LabLoginDialog
        {
            UsernamePrompt = "Login: ",
            PasswordPrompt = "Password: ",
            FailureMessage = "Login failed, incorrect username or password\n\n",
            PasswordOnlyFinalFailureMessage = "Login failed, incorrect username or password\n",
            Motd = "\n\n  MikroTik RouterOS 7.11.2 (c) 1999-2023       https://www.mikrotik.com/\n\n" +
                   "Press F1 for help\n\n",
        },
        Modes =
        [
            new(Root, "[{user}@{host}] > "),
            new(Menu, "[{user}@{host}] {arg}> "),
        ],
        LoginMode = Root,
        Commands = [new LabCommand(AnyLine(), [Root, Menu], Run), GeneratedOutput.Command(Root)],
        Pager = LabPager.CarriageReturn("-- [Q quit|D dump|down]"),
        Errors = new LabErrorStyle(e => LabOutput.Fail($"bad command name {e.Token} (line 1 column {e.Column + 1})\n")),
        InitialConfig = Initial,
    };

    [GeneratedRegex(@"^(?!generate output )(?<line>.+)$")]
    private static partial Regex AnyLine();

    private static ConfigNode Initial(LabDeviceState state)
    {
        var root = new ConfigNode("");
        void Add(string menu, string item) => root.GetOrAdd(menu).Insert(new ConfigNode(item));
        for (int i = 1; i <= 8; i++)
            Add("/interface ethernet", $"default-name=ether{i} name=ether{i} mac-address=48:A9:8A:00:00:0{i}" + (i == 1 ? " comment=WAN" : ""));
        Add("/ip address", "address=192.0.2.40/24 interface=ether1 network=192.0.2.0");
        Add("/ip route", "dst-address=0.0.0.0/0 gateway=192.0.2.254");
        Add("/ip dns", "servers=192.0.2.254");
        Add("/system identity", "name=" + state.Hostname);
        return root;
    }

    private static LabOutput Run(LabCommandContext ctx)
    {
        string line = ctx.Arg("line").Trim();
        string menu = ctx.Mode == Menu ? ctx.ModeArg! : "";
        List<string> words = PathConfig.Words(line);
        int column = 1;
        // Walk the path part: "/", "..", "/ip", "address" … until a command word.
        int w = 0;
        if (line.StartsWith('/'))
        {
            menu = "";
            column = 2;
            words[0] = words[0][1..];
            if (words[0].Length == 0)
                words.RemoveAt(0);
        }
        while (w < words.Count)
        {
            string word = words[w];
            if (word == "..")
            {
                menu = menu.Contains(' ') ? menu[..menu.LastIndexOf(' ')] : "";
                w++;
                continue;
            }
            string next = menu.Length == 0 ? "/" + word : menu + " " + word;
            if (!Menus.ContainsKey(next) && !Menus.Keys.Any(k => k.StartsWith(next + " ", StringComparison.Ordinal)))
                break;
            menu = next;
            column += word.Length + 1;
            w++;
        }
        if (w == words.Count)
        {
            // Only a path: move there.
            if (menu.Length == 0)
                ctx.ReplaceMode(Root);
            else
                ctx.ReplaceMode(Menu, menu);
            return LabOutput.None;
        }
        string command = words[w];
        List<string> args = words.Skip(w + 1).ToList();
        if (menu.Length == 0)
        {
            return command switch
            {
                "quit" => Quit(ctx),
                "export" => Export(ctx, ctx.Device.Running, ""),
                "ping" when args.Count > 0 => LabOutput.Of(Ping(args[0])),
                _ => Bad(command, column),
            };
        }
        if (!Menus.TryGetValue(menu, out bool singleton))
            return Bad(command, column);
        return command switch
        {
            "print" => Print(ctx, menu, args),
            "export" => Export(ctx, ctx.Device.Running, menu),
            "add" when !singleton => Add(ctx, menu, args, column + command.Length + 1),
            "set" => Set(ctx, menu, singleton, args, column + command.Length + 1),
            "remove" when !singleton => Remove(ctx, menu, args),
            "quit" => Quit(ctx),
            _ => Bad(command, column),
        };
    }

    private static LabOutput Quit(LabCommandContext ctx)
    {
        ctx.CloseSession();
        return LabOutput.Of("interrupted\n");
    }

    private static LabOutput Bad(string word, int column) => LabOutput.Fail($"bad command name {word} (line 1 column {column})\n");

    private static List<(string Key, string Value)> Attributes(string text)
    {
        var list = new List<(string, string)>();
        foreach (string part in PathConfig.Words(text))
        {
            int eq = part.IndexOf('=');
            list.Add(eq < 0 ? (part, "") : (part[..eq], part[(eq + 1)..]));
        }
        return list;
    }

    private static string Join(IEnumerable<(string Key, string Value)> attrs) =>
        string.Join(' ', attrs.Select(a => a.Value.Contains(' ') ? $"{a.Key}=\"{a.Value}\"" : $"{a.Key}={a.Value}"));

    private static string Get(ConfigNode item, string key) => Attributes(item.Text).FirstOrDefault(a => a.Key == key).Value ?? "";

    private static ConfigNode MenuNode(LabCommandContext ctx, string menu) => ctx.Device.Running.GetOrAdd(menu);

    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["/ip address"] = ["address", "interface", "network", "comment", "disabled"],
        ["/ip route"] = ["dst-address", "gateway", "distance", "comment", "disabled"],
        ["/ip dns"] = ["servers", "allow-remote-requests"],
        ["/system identity"] = ["name"],
        ["/interface ethernet"] = ["name", "comment", "disabled", "mtu"],
        ["/interface"] = ["name", "comment", "disabled", "mtu"],
    };

    private static LabOutput? CheckAttributes(string menu, List<(string Key, string Value)> attrs, int column)
    {
        string[] allowed = Allowed.GetValueOrDefault(menu) ?? [];
        foreach ((string key, string value) in attrs)
        {
            if (!allowed.Contains(key))
                return LabOutput.Fail($"expected end of command (line 1 column {column})\n");
            if (value.Length == 0)
                return LabOutput.Fail($"syntax error (line 1 column {column + key.Length + 1})\n");
            column += key.Length + value.Length + 2;
        }
        return null;
    }

    private static LabOutput Add(LabCommandContext ctx, string menu, List<string> args, int column)
    {
        var attrs = Attributes(string.Join(' ', args.Select(a => a.Contains(' ') ? a.Replace("=", "=\"", StringComparison.Ordinal) + "\"" : a)));
        if (CheckAttributes(menu, attrs, column) is { } error)
            return error;
        if (menu == "/ip address")
        {
            string address = attrs.FirstOrDefault(a => a.Key == "address").Value ?? "";
            string iface = attrs.FirstOrDefault(a => a.Key == "interface").Value ?? "";
            if (address.Length == 0 || iface.Length == 0)
                return LabOutput.Fail($"failure: {(address.Length == 0 ? "address" : "interface")} not specified\n");
            if (!Interfaces(ctx.Device.Running).Contains(iface))
                return LabOutput.Fail($"input does not match any value of interface\n");
            if (!attrs.Any(a => a.Key == "network") && Network(address) is { } network)
                attrs.Add(("network", network));
        }
        MenuNode(ctx, menu).Insert(new ConfigNode(Join(attrs)));
        ctx.Device.MarkChanged();
        return LabOutput.None;
    }

    private static LabOutput Set(LabCommandContext ctx, string menu, bool singleton, List<string> args, int column)
    {
        ConfigNode node = MenuNode(ctx, menu);
        ConfigNode? item;
        if (singleton)
        {
            item = node.Children.FirstOrDefault() ?? node.GetOrAdd("");
        }
        else
        {
            if (args.Count == 0)
                return LabOutput.Fail($"syntax error (line 1 column {column})\n");
            item = Find(ctx.Device.Running, menu, args[0]);
            if (item is null)
                return LabOutput.Fail("no such item\n");
            args = args.Skip(1).ToList();
        }
        var changes = Attributes(string.Join(' ', args.Select(a => a.Contains(' ') ? a.Replace("=", "=\"", StringComparison.Ordinal) + "\"" : a)));
        if (CheckAttributes(menu == "/interface" ? "/interface ethernet" : menu, changes, column) is { } error)
            return error;
        var attrs = Attributes(item.Text);
        foreach ((string key, string value) in changes)
        {
            int at = attrs.FindIndex(a => a.Key == key);
            if (at >= 0)
                attrs[at] = (key, value);
            else
                attrs.Add((key, value));
        }
        item.Text = Join(attrs);
        if (menu == "/system identity")
            ctx.Device.Hostname = Get(item, "name");
        ctx.Device.MarkChanged();
        return LabOutput.None;
    }

    private static LabOutput Remove(LabCommandContext ctx, string menu, List<string> args)
    {
        string which = args.Count > 0 && args[0].StartsWith("numbers=", StringComparison.Ordinal) ? args[0][8..] : args.FirstOrDefault() ?? "";
        if (Find(ctx.Device.Running, menu, which) is not { } item)
            return LabOutput.Fail("no such item\n");
        MenuNode(ctx, menu).Remove(item);
        ctx.Device.MarkChanged();
        return LabOutput.None;
    }

    // Items are addressed by their number in the last print, or by name on named menus.
    private static ConfigNode? Find(ConfigNode root, string menu, string which)
    {
        string real = menu == "/interface" ? "/interface ethernet" : menu;
        IReadOnlyList<ConfigNode> items = root.Find(real)?.Children ?? [];
        if (int.TryParse(which, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            return n < items.Count ? items[n] : null;
        return items.FirstOrDefault(i => Get(i, "name") == which);
    }

    private static List<string> Interfaces(ConfigNode root) =>
        [.. (root.Find("/interface ethernet")?.Children ?? []).Select(i => Get(i, "name"))];

    private static string? Network(string cidr)
    {
        int slash = cidr.IndexOf('/');
        if (slash < 0 || !System.Net.IPAddress.TryParse(cidr[..slash], out var ip) || !int.TryParse(cidr[(slash + 1)..], out int len) || len is < 0 or > 32)
            return null;
        byte[] b = ip.GetAddressBytes();
        uint v = (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
        uint mask = len == 0 ? 0 : uint.MaxValue << (32 - len);
        v &= mask;
        return $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}";
    }

    private static LabOutput Print(LabCommandContext ctx, string menu, List<string> args)
    {
        ConfigNode root = ctx.Device.Running;
        var sb = new StringBuilder();
        switch (menu)
        {
            case "/system identity":
                sb.Append("  name: ").Append(ctx.Device.Hostname).Append('\n');
                break;
            case "/system resource":
                sb.Append(Resource(ctx.Device));
                break;
            case "/system clock":
                sb.Append(CultureInfo.InvariantCulture, $"                  time: {ctx.Device.Now:HH:mm:ss}\n                  date: {ctx.Device.Now:yyyy-MM-dd}\n   time-zone-autodetect: yes\n        time-zone-name: UTC\n            gmt-offset: +00:00\n");
                break;
            case "/ip dns":
                sb.Append("                      servers: ").Append(Get(root.Find("/ip dns")!.Children[0], "servers")).Append('\n');
                sb.Append("        allow-remote-requests: no\n");
                break;
            case "/interface":
            case "/interface ethernet":
                sb.Append("Flags: R - RUNNING\nColumns: NAME, TYPE, ACTUAL-MTU, L2MTU, MAX-L2MTU, MAC-ADDRESS\n");
                sb.Append(" #   NAME    TYPE   ACTUAL-MTU  L2MTU  MAX-L2MTU  MAC-ADDRESS      \n");
                int i = 0;
                foreach (ConfigNode item in root.Find("/interface ethernet")?.Children ?? [])
                {
                    string comment = Get(item, "comment");
                    if (comment.Length > 0)
                        sb.Append(CultureInfo.InvariantCulture, $";;; {comment}\n");
                    sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,2} R {1,-8}{2,-7}{3,10}{4,7}{5,11}  {6}\n", i++, Get(item, "name"), "ether", 1500, 1580, 10218, Get(item, "mac-address")));
                }
                break;
            case "/ip address":
                sb.Append("Flags: D - DYNAMIC\nColumns: ADDRESS, NETWORK, INTERFACE\n");
                sb.Append("#   ADDRESS           NETWORK       INTERFACE\n");
                int a = 0;
                foreach (ConfigNode item in root.Find(menu)?.Children ?? [])
                {
                    string comment = Get(item, "comment");
                    if (comment.Length > 0)
                        sb.Append(CultureInfo.InvariantCulture, $";;; {comment}\n");
                    sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-4}{1,-18}{2,-14}{3}\n", a++, Get(item, "address"), Get(item, "network"), Get(item, "interface")));
                }
                break;
            case "/ip route":
                sb.Append("Flags: D - DYNAMIC; A - ACTIVE; c - CONNECT, s - STATIC\nColumns: DST-ADDRESS, GATEWAY, DISTANCE\n");
                sb.Append("#     DST-ADDRESS     GATEWAY       DISTANCE\n");
                int r = 0;
                foreach (ConfigNode item in root.Find(menu)?.Children ?? [])
                    sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-2}As  {1,-16}{2,-14}{3,8}\n", r++, Get(item, "dst-address"), Get(item, "gateway"), 1));
                foreach (ConfigNode item in root.Find("/ip address")?.Children ?? [])
                    sb.Append(string.Format(CultureInfo.InvariantCulture, "  DAc {0,-16}{1,-14}{2,8}\n", Get(item, "network") + Get(item, "address")[Get(item, "address").IndexOf('/')..], Get(item, "interface"), 0));
                break;
            default:
                sb.Append("Columns: NAME, PORT\n");
                break;
        }
        return LabOutput.Of(sb.ToString());
    }

    private static LabOutput Export(LabCommandContext ctx, ConfigNode root, string menu)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# {ctx.Device.Now:yyyy-MM-dd HH:mm:ss} by RouterOS 7.11.2\n");
        sb.Append("# software id = LAB0-0000\n#\n# model = RB5009UG+S+\n# serial number = HD0000000AA\n");
        foreach (ConfigNode m in root.Children)
        {
            if (menu.Length > 0 && m.Text != menu && !(menu == "/interface" && m.Text == "/interface ethernet"))
                continue;
            var lines = new List<string>();
            bool singleton = Menus.GetValueOrDefault(m.Text);
            foreach (ConfigNode item in m.Children)
            {
                var attrs = Attributes(item.Text);
                if (m.Text == "/interface ethernet")
                {
                    string name = Get(item, "default-name");
                    var changed = attrs.Where(a => a.Key is not ("default-name" or "mac-address") && !(a.Key == "name" && a.Value == name)).ToList();
                    if (changed.Count > 0)
                        lines.Add($"set [ find default-name={name} ] {Join(changed)}");
                }
                else if (singleton)
                {
                    lines.Add("set " + Join(attrs));
                }
                else
                {
                    lines.Add("add " + Join(attrs.Where(a => !(m.Text == "/ip route" && a.Key == "dst-address" && a.Value == "0.0.0.0/0"))));
                }
            }
            if (lines.Count == 0)
                continue;
            sb.Append(m.Text).Append('\n');
            foreach (string l in lines)
                sb.Append(l).Append('\n');
        }
        return LabOutput.Of(sb.ToString());
    }

    private static string Ping(string host) =>
        "  SEQ HOST                                     SIZE TTL TIME       STATUS\n" +
        string.Concat(Enumerable.Range(0, 3).Select(i => string.Format(CultureInfo.InvariantCulture, "{0,5} {1,-41}{2,4} {3,3} {4,-11}\n", i, host, 56, 64, "412us"))) +
        "    sent=3 received=3 packet-loss=0% min-rtt=412us avg-rtt=412us max-rtt=412us \n";

    private static string Resource(LabDeviceState s) =>
        "                   uptime: 5w6d3h12m1s\n" +
        "                  version: 7.11.2 (stable)\n" +
        "               build-time: 2023-08-31 12:47:52\n" +
        "         factory-software: 7.0.4\n" +
        "              free-memory: 822.3MiB\n" +
        "             total-memory: 1024.0MiB\n" +
        "                      cpu: ARM64\n" +
        "                cpu-count: 4\n" +
        "            cpu-frequency: 350MHz\n" +
        "                 cpu-load: 1%\n" +
        "           free-hdd-space: 900.1MiB\n" +
        "          total-hdd-space: 1024.0MiB\n" +
        "  write-sect-since-reboot: 3000\n" +
        "         write-sect-total: 30000\n" +
        "               bad-blocks: 0%\n" +
        "        architecture-name: arm64\n" +
        "               board-name: RB5009UG+S+\n" +
        "                 platform: MikroTik\n";
}
