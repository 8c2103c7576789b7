using System.Globalization;
using System.Text;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>
/// Palo Alto Networks PAN-OS 10.2 on a PA-VM: operational mode <c>admin@PA-VM&gt;</c>, configuration mode
/// with <c>[edit]</c> above <c>admin@PA-VM#</c>, <c>set</c>/<c>delete</c> into a candidate that <c>commit</c>
/// applies as a job that counts to 100%.
/// </summary>
internal static class PanOsProfile
{
    private const string Op = "operational";
    private const string Cfg = "configure";

    private static readonly PathConfig Tree = new(
        named: new HashSet<string>(StringComparer.Ordinal),
        containers: new HashSet<string>(StringComparer.Ordinal) { "deviceconfig", "system", "network", "interface", "ethernet", "layer3", "mgt-config", "users", "address", "rulebase", "security", "rules", "zone", "dns-setting", "servers", "virtual-router", "routing-table", "ip", "static-route" },
        flags: new HashSet<string>(StringComparer.Ordinal) { "disabled" },
        multiValued: new HashSet<string>(StringComparer.Ordinal) { "member" },
        semicolons: true,
        indent: 2);

    public static DeviceProfile Create() => new()
    {
        Name = "panos",
        Description = "Palo Alto Networks PAN-OS 10.2.4 (PA-VM)",
        DefaultHostname = "PA-VM",
        Login = new LabLoginDialog
        {
            UsernamePrompt = "{host} login: ",
            PasswordPrompt = "Password: ",
            FailureMessage = "Login incorrect\n",
            PasswordOnlyFinalFailureMessage = "Login incorrect\n",
            Motd = "Last login: Fri Mar 14 09:20:11 2025 from 192.0.2.254\n\n" +
                   "Number of failed attempts since last successful login: 0\n\n\n",
        },
        Modes =
        [
            new(Op, "{user}@{host}> "),
            new(Cfg, "[edit{path}]\n{user}@{host}# ") { IsConfig = true, EndMode = Op },
        ],
        LoginMode = Op,
        Commands = Commands(),
        Filters =
        [
            new("match <pattern...>", (l, c) => TextFilters.Include(l, c.Arg("pattern"))),
            new("except <pattern...>", (l, c) => TextFilters.Exclude(l, c.Arg("pattern"))),
        ],
        ChainFilters = true,
        Errors = new LabErrorStyle(e => e.Kind switch
        {
            LabParseErrorKind.UnknownCommand => LabOutput.Fail($"Unknown command: {e.Token}\n"),
            _ => LabOutput.Fail("Invalid syntax.\n"),
        }),
        InitialConfig = Initial,
    };

    private static ConfigNode Initial(LabDeviceState state)
    {
        var root = new ConfigNode("");
        string[] sets =
        [
            "mgt-config users admin phash *",
            "mgt-config users admin permissions role-based superuser yes",
            "mgt-config users lab phash *",
            $"deviceconfig system hostname {state.Hostname}",
            "deviceconfig system ip-address 192.0.2.60",
            "deviceconfig system netmask 255.255.255.0",
            "deviceconfig system default-gateway 192.0.2.254",
            "deviceconfig system dns-setting servers primary 192.0.2.254",
            "deviceconfig system timezone UTC",
            "network interface ethernet ethernet1/1 layer3 ip 192.0.2.61/24",
            "network interface ethernet ethernet1/1 comment untrust",
            "network interface ethernet ethernet1/2 layer3 ip 198.51.100.1/24",
            "network interface ethernet ethernet1/2 comment trust",
            "network interface ethernet ethernet1/3 layer3",
            "zone untrust network layer3 member ethernet1/1",
            "zone trust network layer3 member ethernet1/2",
            "address web-server ip-netmask 198.51.100.10/32",
            "rulebase security rules allow-web from untrust",
            "rulebase security rules allow-web to trust",
            "rulebase security rules allow-web action allow",
        ];
        foreach (string s in sets)
            Tree.Set(root, Tree.Group(PathConfig.Words(s)));
        return root;
    }

    private static List<LabCommand> Commands()
    {
        string[] op = [Op];
        string[] cfg = [Cfg];
        return
        [
            new("exit", op, ctx => { ctx.CloseSession(); return LabOutput.None; }),
            new("quit", op, ctx => { ctx.CloseSession(); return LabOutput.None; }),
            new("set cli pager <state>", op, ctx => OnOff(ctx, "state", on => { ctx.Paging = on && ctx.IsInteractive; })),
            new("set cli terminal width <columns:number>", op, ctx => { ctx.Columns = int.Parse(ctx.Arg("columns"), CultureInfo.InvariantCulture); return LabOutput.None; }),
            new("set cli terminal height <lines:number>", op, ctx => { ctx.PageLines = int.Parse(ctx.Arg("lines"), CultureInfo.InvariantCulture); return LabOutput.None; }),
            new("set cli scripting-mode <state>", op, ctx => OnOff(ctx, "state", _ => { })),
            new("set cli config-output-format <format>", op, ctx =>
            {
                if (ctx.Arg("format") is not ("default" or "set" or "xml" or "json"))
                    return ctx.Invalid("format");
                foreach (string old in ctx.SessionFlags.Where(f => f.StartsWith("format=", StringComparison.Ordinal)).ToList())
                    ctx.SessionFlags.Remove(old);
                ctx.SessionFlags.Add("format=" + ctx.Arg("format"));
                return LabOutput.None;
            }),
            new("show system info", op, ctx => LabOutput.Of(SystemInfo(ctx.Device))),
            new("show clock", op, ctx => LabOutput.Of(ctx.Device.Now.ToString("ddd MMM d HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture) + "\n")),
            new("show interface all", op, ctx => LabOutput.Of(InterfaceAll(ctx.Device.Running))),
            new("show config running", op, ctx => LabOutput.Of(Render(ctx, ctx.Device.Running))),
            new("show config candidate", op, ctx => LabOutput.Of(Render(ctx, ctx.Device.Candidate ?? ctx.Device.Running))),
            new("show jobs all", op, ctx => LabOutput.Of(Jobs(ctx.Device))),
            new("ping host <host>", op, ctx => LabOutput.Of(
                $"PING {ctx.Arg("host")} ({ctx.Arg("host")}) 56(84) bytes of data.\n" +
                string.Concat(Enumerable.Range(1, 3).Select(i => $"64 bytes from {ctx.Arg("host")}: icmp_seq={i} ttl=64 time=0.5{i} ms\n")) +
                $"\n--- {ctx.Arg("host")} ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss, time 2002ms\n")),
            new("configure", op, ctx =>
            {
                ctx.EnterMode(Cfg);
                ctx.EditPath = [];
                return LabOutput.Of("Entering configuration mode\n");
            }),
            GeneratedOutput.Command(Op),

            new("set <path...>", cfg, ctx =>
            {
                List<string> words = FullPath(ctx);
                if (words.Count < 2 || !TopLevel.Contains(words[0]))
                    return LabOutput.Fail("Invalid syntax.\n");
                Tree.Set(Candidate(ctx), Tree.Group(words));
                return LabOutput.None;
            }),
            new("delete <path...>", cfg, ctx =>
            {
                List<string> words = FullPath(ctx);
                if (words.Count == 0 || !Tree.Delete(Candidate(ctx), Tree.Group(words)))
                    return LabOutput.Fail("Invalid syntax.\n");
                return LabOutput.None;
            }),
            new("show [<path...>]", cfg, ctx =>
            {
                ConfigNode? node = PathConfig.Find(ctx.Device.Candidate ?? ctx.Device.Running, Tree.Group(FullPath(ctx)));
                return node is null ? LabOutput.Fail("Invalid syntax.\n") : LabOutput.Of(Render(ctx, node));
            }),
            new("edit <path...>", cfg, ctx =>
            {
                List<string> words = FullPath(ctx);
                if (words.Count == 0 || !TopLevel.Contains(words[0]))
                    return LabOutput.Fail("Invalid syntax.\n");
                ctx.EditPath = words;
                return LabOutput.None;
            }),
            new("top", cfg, ctx => { ctx.EditPath = []; return LabOutput.None; }),
            new("up", cfg, ctx =>
            {
                ctx.EditPath = ctx.EditPath.Take(Math.Max(0, ctx.EditPath.Count - 1)).ToList();
                return LabOutput.None;
            }),
            new("commit [<options...>]", cfg, Commit),
            new("revert config", cfg, ctx => { CommitEngine.Discard(ctx.Device); return LabOutput.None; }),
            new("exit", cfg, ctx => { ctx.EditPath = []; ctx.EndConfiguration(); return LabOutput.None; }),
            new("quit", cfg, ctx => { ctx.EditPath = []; ctx.EndConfiguration(); return LabOutput.None; }),
            new("run <command...>", cfg, ctx => ctx.Run(ctx.Arg("command"), Op)),
        ];
    }

    private static readonly HashSet<string> TopLevel = new(StringComparer.Ordinal)
    {
        "deviceconfig", "network", "mgt-config", "address", "address-group", "service", "zone", "rulebase", "shared", "tag", "profiles",
    };

    private static ConfigNode Candidate(LabCommandContext ctx) => ctx.Device.Candidate ??= ctx.Device.Running.Clone();

    private static List<string> FullPath(LabCommandContext ctx) => [.. ctx.EditPath, .. PathConfig.Words(ctx.Arg("path")).Select(PathConfig.Quoted)];

    private static LabOutput OnOff(LabCommandContext ctx, string arg, Action<bool> apply)
    {
        switch (ctx.Arg(arg))
        {
            case "on":
                apply(true);
                return LabOutput.None;
            case "off":
                apply(false);
                return LabOutput.None;
            default:
                return ctx.Invalid(arg);
        }
    }

    private static LabOutput Commit(LabCommandContext ctx)
    {
        string options = ctx.Arg("options");
        if (options.Length > 0 && options != "force" && !options.StartsWith("description ", StringComparison.Ordinal))
            return LabOutput.Fail("Invalid syntax.\n");
        if (!CommitEngine.HasChanges(ctx.Device) && options != "force")
            return LabOutput.Of("There are no changes to commit.\n");
        string? comment = options.StartsWith("description ", StringComparison.Ordinal) ? options[12..].Trim('"') : null;
        CommitEngine.Commit(ctx.Device, ctx.User, comment, null, ApplyHostname);
        ctx.Device.Candidate = null;
        int job = ctx.Device.Commits.Count + 1;
        return LabOutput.Of(
            $"Commit job {job} is in progress. Use Ctrl+C to return to command prompt\n" +
            "...55%75%98%.............100%\n" +
            "Configuration committed successfully\n\n");
    }

    private static void ApplyHostname(LabDeviceState state)
    {
        if (PathConfig.Find(state.Running, ["deviceconfig", "system"]) is { } system && system.StartingWith("hostname").FirstOrDefault() is { } h)
            state.Hostname = h.Text[9..].Trim('"');
    }

    private static string Render(LabCommandContext ctx, ConfigNode node)
    {
        if (ctx.SessionFlags.Contains("format=set"))
        {
            var sb = new StringBuilder();
            foreach (string line in Tree.SetCommands(node))
                sb.Append(line).Append('\n');
            return sb.ToString();
        }
        return Tree.Render(node);
    }

    private static string Value(ConfigNode root, string path, string fallback)
    {
        List<string> words = [.. path.Split(' ')];
        string key = words[^1];
        words.RemoveAt(words.Count - 1);
        return PathConfig.Find(root, words)?.StartingWith(key).FirstOrDefault()?.Text[(key.Length + 1)..].Trim('"') ?? fallback;
    }

    private static string SystemInfo(LabDeviceState s)
    {
        ConfigNode r = s.Running;
        return
            $"\nhostname: {s.Hostname}\n" +
            $"ip-address: {Value(r, "deviceconfig system ip-address", "unknown")}\n" +
            "public-ip-address: unknown\n" +
            $"netmask: {Value(r, "deviceconfig system netmask", "unknown")}\n" +
            $"default-gateway: {Value(r, "deviceconfig system default-gateway", "unknown")}\n" +
            "ip-assignment: static\n" +
            "ipv6-address: unknown\n" +
            "ipv6-link-local-address: fe80::5054:ff:fe00:6001/64\n" +
            "mac-address: 52:54:00:00:60:01\n" +
            $"time: {s.Now.ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture)}\n" +
            "uptime: 41 days, 3:12:01\n" +
            "family: vm\n" +
            "model: PA-VM\n" +
            "serial: 007000000000001\n" +
            "vm-mac-base: 7C:89:C1:00:00:00\n" +
            "vm-mac-count: 256\n" +
            "vm-license: VM-100\n" +
            "vm-mode: KVM\n" +
            "cloud-mode: non-cloud\n" +
            "sw-version: 10.2.4\n" +
            "global-protect-client-package-version: 0.0.0\n" +
            "app-version: 8700-8000\n" +
            "threat-version: 8700-8000\n" +
            "wildfire-version: 0\n" +
            "url-filtering-version: 20250314.20001\n" +
            "logdb-version: 10.2.1\n" +
            "platform-family: vm\n" +
            "vpn-disable-mode: off\n" +
            "multi-vsys: off\n" +
            "operational-mode: normal\n" +
            "device-certificate-status: None\n";
    }

    private static string InterfaceAll(ConfigNode root)
    {
        var sb = new StringBuilder();
        sb.Append("total configured hardware interfaces: 3\n\n");
        sb.Append("name                    id    speed/duplex/state            mac address       \n");
        sb.Append("--------------------------------------------------------------------------------\n");
        ConfigNode? ethernet = PathConfig.Find(root, ["network", "interface", "ethernet"]);
        int id = 16;
        foreach (ConfigNode e in ethernet?.Children ?? [])
        {
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-24}{1,-6}{2,-30}{3}\n", e.Text, id, "10000/full/up", $"52:54:00:00:60:{id:x2}"));
            id++;
        }
        sb.Append("\naggregation groups: 0\n\n\ntotal configured logical interfaces: ").Append(ethernet?.Children.Count ?? 0).Append("\n\n");
        sb.Append("name                id    vsys zone             forwarding               tag    address                                         \n");
        sb.Append("------------------- ----- ---- ---------------- ------------------------ ------ ------------------\n");
        id = 16;
        foreach (ConfigNode e in ethernet?.Children ?? [])
        {
            string ip = e.Find("layer3") is { } l3 && l3.StartingWith("ip").FirstOrDefault() is { } a ? a.Text[3..] : "N/A";
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-20}{1,-6}{2,-5}{3,-17}{4,-25}{5,-7}{6}\n", e.Text, id, 1, "", "vr:default", 0, ip));
            id++;
        }
        return sb.ToString();
    }

    private static string Jobs(LabDeviceState s)
    {
        var sb = new StringBuilder();
        sb.Append("Enqueued              Dequeued           ID  PositionInQ                              Type                         Status Result Completed \n");
        sb.Append("------------------------------------------------------------------------------------------------------------------------------\n");
        foreach (LabCommit c in s.Commits.AsEnumerable().Reverse())
        {
            string t = c.Time.ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"{t}   {c.Time:HH:mm:ss}    {c.Number + 1,3}                                           Commit   FIN     OK {c.Time:HH:mm:ss}\n");
        }
        return sb.ToString();
    }
}
