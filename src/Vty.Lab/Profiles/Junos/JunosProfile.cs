using System.Globalization;
using System.Text;
using Vty.Lab.Profiles.Common;
using Vty.Lab.Profiles.Junos;

namespace Vty.Lab.Profiles;

/// <summary>Juniper Junos 21.4 on an MX204: operational and configuration modes, candidate configuration, commit.</summary>
internal static class JunosProfile
{
    private const string Version = "21.4R3.15";
    private const string Op = "operational";
    private const string Cfg = "configuration";

    public static DeviceProfile Create() => new()
    {
        Name = "junos",
        Description = $"Juniper Junos {Version} (MX204)",
        DefaultHostname = "router",
        Login = new LabLoginDialog
        {
            DialogIntro = "\n{host} (ttyp0)\n\n",
            UsernamePrompt = "login: ",
            PasswordPrompt = "Password:",
            FailureMessage = "Login incorrect\n",
            PasswordOnlyFinalFailureMessage = "Login incorrect\n",
            Motd = "Last login: Fri Mar 14 09:20:11 2025 from 192.0.2.254\n\n" +
                   $"--- JUNOS {Version} Kernel 64-bit  JNPR-12.1-20221122.0ba2dd4_buil\n",
        },
        Modes =
        [
            new(Op, "\n{user}@{host}> "),
            new(Cfg, "\n[edit{path}]\n{user}@{host}# ") { IsConfig = true, EndMode = Op },
        ],
        LoginMode = Op,
        Commands = Commands(),
        Filters = Filters(),
        ChainFilters = true,
        Pager = LabPager.CarriageReturn("---(more)---"),
        Errors = LabErrorStyle.Junos,
        InitialConfig = Initial,
    };

    private static ConfigNode Initial(LabDeviceState state)
    {
        var root = new ConfigNode("");
        string[] sets =
        [
            $"version {Version}",
            $"system host-name {state.Hostname}",
            "system root-authentication encrypted-password \"$6$LABLAB$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"",
            "system login user lab uid 2000",
            "system login user lab class super-user",
            "system login user lab authentication encrypted-password \"$6$LABLAB$BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\"",
            "system services ssh",
            "system services telnet",
            "system services netconf ssh",
            "system syslog file messages any notice",
            "interfaces ge-0/0/0 unit 0 family inet address 192.0.2.6/24",
            "interfaces ge-0/0/1 unit 0 family inet",
            "interfaces ge-0/0/2 disable",
            "interfaces ge-0/0/3 disable",
            "interfaces lo0 unit 0 family inet address 10.255.0.1/32",
            "routing-options static route 0.0.0.0/0 next-hop 192.0.2.254",
        ];
        foreach (string s in sets)
            JunosConfig.Set(root, JunosConfig.Group(JunosConfig.Words(s)));
        return root;
    }

    private static void ApplyHostname(LabDeviceState state)
    {
        if (JunosConfig.Find(state.Running, ["system"]) is { } system && system.StartingWith("host-name").FirstOrDefault() is { } h)
            state.Hostname = h.Text["host-name ".Length..];
    }

    private static ConfigNode Candidate(LabDeviceState state) => state.Candidate ??= state.Running.Clone();

    private static List<LabCommand> Commands()
    {
        string[] op = [Op];
        string[] cfg = [Cfg];
        var list = new List<LabCommand>
        {
            new("exit", op, ctx => { ctx.CloseSession(); return LabOutput.None; }),
            new("quit", op, ctx => { ctx.CloseSession(); return LabOutput.None; }),
            new("logout", op, ctx => { ctx.CloseSession(); return LabOutput.None; }),
            new("set cli screen-length <lines:number>", op, ctx =>
                CommonHandlers.SetPageLength(ctx, int.Parse(ctx.Arg("lines"), CultureInfo.InvariantCulture), $"Screen length set to {ctx.Arg("lines")}\n")),
            new("set cli screen-width <columns:number>", op, ctx =>
            {
                ctx.Columns = int.Parse(ctx.Arg("columns"), CultureInfo.InvariantCulture);
                return LabOutput.Of($"Screen width set to {ctx.Arg("columns")}\n");
            }),
            new("set cli terminal <type>", op, _ => LabOutput.None),
            new("set cli complete-on-space <setting>", op, ctx => ctx.Arg("setting") switch
            {
                "off" => LabOutput.Of("Disabling complete-on-space\n"),
                "on" => LabOutput.Of("Enabling complete-on-space\n"),
                _ => ctx.Invalid("setting"),
            }),
            new("show version", op, ctx => LabOutput.Of(ShowVersion(ctx.Device))),
            new("show configuration [<path...>]", op, ctx => LabOutput.Of(ShowConfiguration(ctx.Device, ctx.Arg("path")))),
            new("show interfaces terse", op, ctx => LabOutput.Of(InterfacesTerse(ctx.Device.Running))),
            new("show interfaces descriptions", op, ctx => LabOutput.Of(InterfacesDescriptions(ctx.Device.Running))),
            new("show system uptime", op, ctx => LabOutput.Of(
                $"Current time: {ctx.Device.Now:yyyy-MM-dd HH:mm:ss} UTC\n" +
                "Time Source:  NTP CLOCK \n" +
                "System booted: 2025-02-01 06:14:44 UTC (5w6d 03:12 ago)\n" +
                "Protocols started: 2025-02-01 06:16:02 UTC (5w6d 03:10 ago)\n" +
                $"Last configured: {ctx.Device.Now:yyyy-MM-dd HH:mm:ss} UTC by {ctx.Device.Options.Username}\n" +
                " 9:26AM  up 41 days,  3:12, 1 user, load averages: 0.12, 0.09, 0.08\n")),
            new("show chassis hardware", op, _ => LabOutput.Of(
                "Hardware inventory:\n" +
                "Item             Version  Part number  Serial number     Description\n" +
                "Chassis                                AA0000AA0000      JNP204 [MX204]\n" +
                "Midplane         REV 27   750-070785   ABCD0000          JNP204 [MX204]\n" +
                "Routing Engine 0 BUILTIN  BUILTIN      AA0000AA0000      RE-S-1600x8\n" +
                "CB 0             REV 22   750-070781   ABCD0001          JNP204 [MX204]\n" +
                "FPC 0                     BUILTIN      BUILTIN           MPC-BUILTIN\n" +
                "  PIC 0                   BUILTIN      BUILTIN           4XQSFP28 PIC\n" +
                "  PIC 1                   BUILTIN      BUILTIN           8XSFPP PIC\n" +
                "Power Supply 0   REV 03   740-063049   1EDL00000AA       JPSU-650W-AC-AO\n" +
                "Power Supply 1   REV 03   740-063049   1EDL00000AB       JPSU-650W-AC-AO\n")),
            new("show system commit", op, ctx => LabOutput.Of(CommitList(ctx.Device))),
            new("show route", op, ctx => LabOutput.Of(ShowRoute(ctx.Device.Running))),
            new("ping <host> [<options...>]", op, ctx => LabOutput.Of(
                $"PING {ctx.Arg("host")} ({ctx.Arg("host")}): 56 data bytes\n" +
                string.Concat(Enumerable.Range(0, 5).Select(i => $"64 bytes from {ctx.Arg("host")}: icmp_seq={i} ttl=64 time=0.{400 + i * 11} ms\n")) +
                $"\n--- {ctx.Arg("host")} ping statistics ---\n5 packets transmitted, 5 packets received, 0% packet loss\n" +
                "round-trip min/avg/max/stddev = 0.400/0.422/0.444/0.016 ms\n")),
            new("request system reboot", op, _ => LabOutput.Ask("", CommonHandlers.Confirm("Reboot the system ? [yes,no] (no) ", false, (yes, x) =>
            {
                if (!yes)
                    return LabOutput.None;
                x.CloseSession();
                return LabOutput.Of("\nShutdown NOW!\n");
            }))),
            new("configure", op, Configure),
            new("configure private", op, Configure),
            new("configure exclusive", op, Configure),
            GeneratedOutput.Command(Op),

            new("set <path...>", cfg, ctx =>
            {
                List<string> words = [.. ctx.EditPath, .. JunosConfig.Words(ctx.Arg("path"))];
                if (!JunosConfig.TopLevel.Contains(words[0]) || words.Count < 2 && words[0] != "version")
                    return ctx.Invalid("path");
                JunosConfig.Set(Candidate(ctx.Device), JunosConfig.Group(words));
                return LabOutput.None;
            }),
            new("delete <path...>", cfg, ctx =>
            {
                List<string> words = [.. ctx.EditPath, .. JunosConfig.Words(ctx.Arg("path"))];
                if (!JunosConfig.TopLevel.Contains(words[0]))
                    return ctx.Invalid("path");
                return JunosConfig.Delete(Candidate(ctx.Device), JunosConfig.Group(words))
                    ? LabOutput.None
                    : LabOutput.Of("warning: statement not found\n");
            }),
            new("edit <path...>", cfg, ctx =>
            {
                List<string> words = [.. ctx.EditPath, .. JunosConfig.Words(ctx.Arg("path"))];
                if (!JunosConfig.TopLevel.Contains(words[0]))
                    return ctx.Invalid("path");
                ctx.EditPath = words;
                return LabOutput.None;
            }),
            new("up", cfg, ctx => { Up(ctx); return LabOutput.None; }),
            new("top", cfg, ctx => { ctx.EditPath = []; return LabOutput.None; }),
            new("exit", cfg, Exit),
            new("quit", cfg, Exit),
            new("exit configuration-mode", cfg, ctx => { ctx.EditPath = []; return Exit(ctx); }),
            new("show [<path...>]", cfg, ctx =>
            {
                List<string> words = [.. ctx.EditPath, .. JunosConfig.Words(ctx.Arg("path"))];
                ConfigNode? node = JunosConfig.Find(Candidate(ctx.Device), JunosConfig.Group(words));
                return LabOutput.Of(node is null ? "" : JunosConfig.RenderText(node));
            }),
            new("commit [<options...>]", cfg, Commit),
            new("load override terminal", cfg, LoadOverrideTerminal),
            new("rollback", cfg, ctx => Rollback(ctx, 0)),
            new("rollback <number:number>", cfg, ctx => Rollback(ctx, int.Parse(ctx.Arg("number"), CultureInfo.InvariantCulture))),
            new("run <command...>", cfg, ctx => ctx.Run(ctx.Arg("command"), Op)),
        };
        return list;
    }

    private static IReadOnlyList<LabPipeFilter> Filters() =>
    [
        new("match <pattern...>", (l, c) => TextFilters.Include(l, c.Arg("pattern"))),
        new("except <pattern...>", (l, c) => TextFilters.Exclude(l, c.Arg("pattern"))),
        new("find <pattern...>", (l, c) => TextFilters.Begin(l, c.Arg("pattern"))),
        new("count", (l, _) => TextFilters.Count(l, "", "Count: {0} lines")),
        new("no-more", (l, _) => l, disablesPaging: true),
        new("display set", (l, _) => JunosConfig.DisplaySet(l)),
        new("compare", (_, c) => LabOutput.Of(c.Device.Candidate is { } cand ? JunosConfig.Compare(c.Device.Running, cand) : "").EnumerateLines()),
        new("last <lines:number>", (l, c) => l.TakeLast(int.Parse(c.Arg("lines"), CultureInfo.InvariantCulture))),
    ];

    private static LabOutput Configure(LabCommandContext ctx)
    {
        ctx.EnterMode(Cfg);
        ctx.EditPath = [];
        string text = "Entering configuration mode\n";
        if (CommitEngine.HasChanges(ctx.Device))
            text += "The configuration has been changed but not committed\n";
        return LabOutput.Of(text);
    }

    private static void Up(LabCommandContext ctx)
    {
        List<string> groups = JunosConfig.Group(ctx.EditPath);
        if (groups.Count == 0)
            return;
        groups.RemoveAt(groups.Count - 1);
        ctx.EditPath = JunosConfig.Words(string.Join(' ', groups));
    }

    private static LabOutput Exit(LabCommandContext ctx)
    {
        if (ctx.EditPath.Count > 0)
        {
            ctx.EditPath = [];
            return LabOutput.None;
        }
        if (!CommitEngine.HasChanges(ctx.Device))
        {
            ctx.EndConfiguration();
            return LabOutput.Of("Exiting configuration mode\n");
        }
        return LabOutput.Ask("The configuration has been changed but not committed\n",
            CommonHandlers.Confirm("Exit with uncommitted changes? [yes,no] (yes) ", true, (yes, x) =>
            {
                if (!yes)
                    return LabOutput.None;
                x.EndConfiguration();
                return LabOutput.Of("Exiting configuration mode\n");
            }));
    }

    private static LabOutput Commit(LabCommandContext ctx)
    {
        List<string> words = JunosConfig.Words(ctx.Arg("options"));
        string? comment = null;
        TimeSpan? confirm = null;
        bool check = false, andQuit = false;
        for (int i = 0; i < words.Count; i++)
        {
            switch (words[i])
            {
                case "check":
                    check = true;
                    break;
                case "and-quit":
                    andQuit = true;
                    break;
                case "synchronize":
                    break;
                case "comment" when i + 1 < words.Count:
                    comment = Engine.CommandLineParser.Unquote(words[++i]);
                    break;
                case "confirmed":
                    int minutes = 10;
                    if (i + 1 < words.Count && int.TryParse(words[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int m))
                    {
                        if (m is < 1 or > 65535)
                            return ctx.Invalid("options");
                        minutes = m;
                        i++;
                    }
                    confirm = TimeSpan.FromMinutes(minutes);
                    break;
                default:
                    return ctx.Invalid("options");
            }
        }
        if (check)
            return LabOutput.Of("configuration check succeeds\n");
        CommitEngine.Commit(ctx.Device, ctx.User, comment, confirm, ApplyHostname);
        var sb = new StringBuilder();
        if (confirm is { } c)
            sb.Append(CultureInfo.InvariantCulture, $"commit confirmed will be automatically rolled back in {(int)c.TotalMinutes} minutes unless confirmed\n");
        sb.Append("commit complete\n");
        if (andQuit)
        {
            ctx.EndConfiguration();
            sb.Append("Exiting configuration mode\n");
        }
        return LabOutput.Of(sb.ToString());
    }

    /// <summary>
    /// <c>load override terminal</c>: reads a whole configuration in brace format until Ctrl-D at the
    /// start of a line, and makes it the candidate (replacing, not merging).
    /// </summary>
    private static LabOutput LoadOverrideTerminal(LabCommandContext ctx)
    {
        const int MaxLines = 200_000;
        var lines = new List<string>();
        LabQuestion? question = null;
        question = new LabQuestion("", true, (answer, x) =>
        {
            if (answer != Engine.SessionInput.EndOfInput)
            {
                if (lines.Count >= MaxLines)
                    return LabOutput.Fail($"error: more than {MaxLines} lines of input\n");
                lines.Add(answer);
                return LabOutput.Ask("", question!);
            }
            var root = new ConfigNode("");
            foreach (string set in JunosConfig.DisplaySet(lines))
            {
                List<string> words = JunosConfig.Words(set["set ".Length..]);
                if (words.Count == 0 || !JunosConfig.TopLevel.Contains(words[0]))
                    return LabOutput.Fail($"error: syntax error: {words.FirstOrDefault()}\nerror: load aborted\n");
                JunosConfig.Set(root, JunosConfig.Group(words));
            }
            x.Device.Candidate = root;
            return LabOutput.Of("load complete\n");
        })
        {
            WithoutTerminal = LabOutput.Fail("error: load terminal needs an interactive session\n"),
        };
        return LabOutput.Ask("[Type ^D at a new line to end input]\n", question);
    }

    private static LabOutput Rollback(LabCommandContext ctx, int n)
    {
        if (n > 49 || !CommitEngine.LoadRollback(ctx.Device, n))
            return LabOutput.Fail($"error: Requested rollback configuration does not exist: {n}\n");
        return LabOutput.Of("load complete\n");
    }

    private static string ShowConfiguration(LabDeviceState state, string path)
    {
        var sb = new StringBuilder();
        LabCommit? last = state.Commits.Count > 0 ? state.Commits[^1] : null;
        if (path.Length == 0)
            sb.Append(CultureInfo.InvariantCulture, $"## Last commit: {(last?.Time ?? state.Now.AddDays(-3)):yyyy-MM-dd HH:mm:ss} UTC by {last?.User ?? "root"}\n");
        ConfigNode? node = path.Length == 0 ? state.Running : JunosConfig.Find(state.Running, JunosConfig.Group(JunosConfig.Words(path)));
        if (node is not null)
            sb.Append(JunosConfig.RenderText(node));
        return sb.ToString();
    }

    private static IEnumerable<(string Name, ConfigNode Node)> Interfaces(ConfigNode root) =>
        (JunosConfig.Find(root, ["interfaces"])?.Children ?? []).Select(n => (n.Text, n));

    private static string InterfacesTerse(ConfigNode root)
    {
        var sb = new StringBuilder();
        sb.Append("Interface               Admin Link Proto    Local                 Remote\n");
        foreach ((string name, ConfigNode node) in Interfaces(root))
        {
            bool down = node.Find("disable") is not null;
            string admin = down ? "down" : "up";
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-24}{1,-6}{2}\n", name, admin, down ? "down" : "up"));
            foreach (ConfigNode unit in node.StartingWith("unit"))
            {
                string u = name + "." + unit.Text[5..];
                ConfigNode? inet = unit.Find("family inet");
                string? addr = inet?.StartingWith("address").FirstOrDefault()?.Text[8..];
                string line = string.Format(CultureInfo.InvariantCulture, "{0,-24}{1,-6}{2,-5}{3,-9}{4}", u, admin, down ? "down" : "up",
                    inet is null ? "" : "inet", addr ?? "");
                sb.Append(line.TrimEnd()).Append('\n');
            }
        }
        return sb.ToString();
    }

    private static string InterfacesDescriptions(ConfigNode root)
    {
        var sb = new StringBuilder();
        sb.Append("Interface       Admin Link Description\n");
        foreach ((string name, ConfigNode node) in Interfaces(root))
        {
            if (node.StartingWith("description").FirstOrDefault() is not { } d)
                continue;
            bool down = node.Find("disable") is not null;
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-16}{1,-6}{2,-5}{3}\n", name, down ? "down" : "up", down ? "down" : "up",
                Engine.CommandLineParser.Unquote(d.Text["description ".Length..])));
        }
        return sb.ToString();
    }

    private static string ShowRoute(ConfigNode root)
    {
        var sb = new StringBuilder();
        sb.Append("\ninet.0: 4 destinations, 4 routes (4 active, 0 holddown, 0 hidden)\n+ = Active Route, - = Last Active, * = Both\n\n");
        foreach (ConfigNode r in JunosConfig.Find(root, ["routing-options", "static"])?.StartingWith("route") ?? [])
        {
            string nh = r.StartingWith("next-hop").FirstOrDefault()?.Text[9..] ?? "discard";
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-19}*[Static/5] 5w6d 03:10:02\n                    >  to {1} via ge-0/0/0.0\n", r.Text[6..], nh));
        }
        foreach ((string name, ConfigNode node) in Interfaces(root))
        {
            foreach (ConfigNode unit in node.StartingWith("unit"))
            {
                if (unit.Find("family inet")?.StartingWith("address").FirstOrDefault()?.Text[8..] is not { } addr)
                    continue;
                sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-19}*[Direct/0] 5w6d 03:10:02\n                    >  via {1}.{2}\n", addr, name, unit.Text[5..]));
            }
        }
        return sb.ToString();
    }

    private static string CommitList(LabDeviceState state)
    {
        var sb = new StringBuilder();
        int n = 0;
        for (int i = state.Commits.Count - 1; i >= 0; i--, n++)
        {
            LabCommit c = state.Commits[i];
            sb.Append(CultureInfo.InvariantCulture, $"{n}   {c.Time:yyyy-MM-dd HH:mm:ss} UTC by {c.User} via cli{(c.Confirmed ? " commit confirmed, rollback in 10mins" : "")}\n");
            if (c.Comment is { } comment)
                sb.Append("    ").Append(comment).Append('\n');
        }
        sb.Append(CultureInfo.InvariantCulture, $"{n}   {state.Now.AddDays(-3):yyyy-MM-dd HH:mm:ss} UTC by root via other\n");
        return sb.ToString();
    }

    private static string ShowVersion(LabDeviceState s) =>
        $"Hostname: {s.Hostname}\n" +
        "Model: mx204\n" +
        $"Junos: {Version}\n" +
        "JUNOS OS Kernel 64-bit  [20221122.0ba2dd4_builder_stable_12_214]\n" +
        "JUNOS OS libs [20221122.0ba2dd4_builder_stable_12_214]\n" +
        "JUNOS OS runtime [20221122.0ba2dd4_builder_stable_12_214]\n" +
        "JUNOS OS time zone information [20221122.0ba2dd4_builder_stable_12_214]\n" +
        $"JUNOS network stack and utilities [20221205.104712_builder_junos_214_r3]\n" +
        $"JUNOS Packet Forwarding Engine Support (MX/EX92XX Common) [{Version}]\n" +
        $"JUNOS Routing Software Suite [{Version}]\n" +
        $"JUNOS Web Management Platform Package [{Version}]\n";
}
