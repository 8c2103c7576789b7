using System.Globalization;
using System.Text;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>
/// VyOS 1.3 (equuleus) on a KVM guest: Debian login, operational mode <c>vyos@vyos:~$</c>, configuration
/// mode with <c>[edit]</c> above a <c>#</c> prompt, <c>set</c>/<c>delete</c> into a candidate that
/// <c>commit</c> applies and <c>save</c> writes to <c>/config/config.boot</c>.
/// </summary>
internal static class VyosProfile
{
    private const string Op = "operational";
    private const string Cfg = "configuration";

    internal static readonly PathConfig Tree = new(
        named: new HashSet<string>(StringComparer.Ordinal) { "ethernet", "loopback", "dummy", "bonding", "bridge", "vif", "route", "next-hop", "user", "rule", "community", "server", "device", "facility", "name" },
        containers: new HashSet<string>(StringComparer.Ordinal) { "interfaces", "system", "service", "protocols", "firewall", "nat", "ssh", "static", "login", "ntp", "snmp", "console", "syslog", "global", "dns", "authentication", "config-management", "https", "lldp" },
        flags: new HashSet<string>(StringComparer.Ordinal) { "disable", "enable", "blackhole" },
        multiValued: new HashSet<string>(StringComparer.Ordinal) { "address", "name-server", "listen-address" },
        semicolons: false);

    public static DeviceProfile Create() => new()
    {
        Name = "vyos",
        Description = "VyOS 1.3.4 (equuleus, KVM guest)",
        DefaultHostname = "vyos",
        Login = new LabLoginDialog
        {
            Banner = "\nWelcome to VyOS - {host} ttyS0\n\n",
            UsernamePrompt = "{host} login: ",
            PasswordPrompt = "Password: ",
            FailureMessage = "\nLogin incorrect\n",
            PasswordOnlyFinalFailureMessage = "\nLogin incorrect\n",
            Motd = "Linux {host} 5.4.268-amd64-vyos #1 SMP Mon Jan 29 09:05:16 UTC 2024 x86_64\n" +
                   "Welcome to VyOS!\n\n" +
                   "Check out project news at https://blog.vyos.io\n" +
                   "and feel free to report bugs at https://vyos.dev\n\n" +
                   "You can change this banner using \"set system login banner post-login\" command.\n\n" +
                   "VyOS is a free software distribution that includes multiple components,\n" +
                   "you can check individual component licenses under /usr/share/doc/*/copyright\n",
        },
        Modes =
        [
            new(Op, "{user}@{host}:~$ "),
            new(Cfg, "[edit{path}]\n{user}@{host}# ") { IsConfig = true, EndMode = Op },
        ],
        LoginMode = Op,
        Commands = Commands(),
        Abbreviations = false,
        Filters =
        [
            new("match <pattern...>", (l, c) => TextFilters.Include(l, c.Arg("pattern"))),
            new("grep <pattern...>", (l, c) => TextFilters.Include(l, c.Arg("pattern"))),
            new("no-match <pattern...>", (l, c) => TextFilters.Exclude(l, c.Arg("pattern"))),
            new("no-more", (l, _) => l, disablesPaging: true),
        ],
        ChainFilters = true,
        Pager = LabPager.CarriageReturn(":"),
        Errors = new LabErrorStyle(e => e.Kind switch
        {
            LabParseErrorKind.Incomplete => LabOutput.Fail($"\n  Incomplete command: {e.Line.Trim()}\n\n"),
            _ => LabOutput.Fail($"\n  Invalid command: {Bracketed(e.Line)}\n\n"),
        }),
        InitialConfig = Initial,
    };

    // VyOS names the bad command as "[word] [word]".
    private static string Bracketed(string line) => string.Join(' ', PathConfig.Words(line).Select(w => "[" + w + "]"));

    private static ConfigNode Initial(LabDeviceState state)
    {
        var root = new ConfigNode("");
        string[] sets =
        [
            "interfaces ethernet eth0 address 192.0.2.50/24",
            "interfaces ethernet eth0 description WAN",
            "interfaces ethernet eth0 hw-id 52:54:00:00:50:01",
            "interfaces ethernet eth1 hw-id 52:54:00:00:50:02",
            "interfaces loopback lo",
            "protocols static route 0.0.0.0/0 next-hop 192.0.2.254",
            "service ssh port 22",
            "system config-management commit-revisions 100",
            "system console device ttyS0 speed 115200",
            $"system host-name {state.Hostname}",
            "system login user vyos authentication encrypted-password $6$lablab$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "system login user vyos authentication plaintext-password \"\"",
            "system name-server 192.0.2.254",
            "system ntp server time1.vyos.net",
            "system syslog global facility all level info",
        ];
        foreach (string s in sets)
            Tree.Set(root, Tree.Group(PathConfig.Words(s).Select(PathConfig.Quoted).ToList()));
        return root;
    }

    private static List<LabCommand> Commands()
    {
        string[] op = [Op];
        string[] cfg = [Cfg];
        return
        [
            new("exit", op, ctx => { ctx.CloseSession(); return LabOutput.None; }),
            new("logout", op, ctx => { ctx.CloseSession(); return LabOutput.None; }),
            new("set terminal length <lines:number>", op, ctx => CommonHandlers.SetPageLength(ctx, int.Parse(ctx.Arg("lines"), CultureInfo.InvariantCulture))),
            new("set terminal width <columns:number>", op, ctx => { ctx.Columns = int.Parse(ctx.Arg("columns"), CultureInfo.InvariantCulture); return LabOutput.None; }),
            new("terminal length <lines:number>", op, ctx => CommonHandlers.SetPageLength(ctx, int.Parse(ctx.Arg("lines"), CultureInfo.InvariantCulture))),
            new("show version", op, ctx => LabOutput.Of(ShowVersion(ctx.Device))),
            new("show configuration", op, ctx => LabOutput.Of(Masked(Tree.Render(ctx.Device.Running)))),
            new("show configuration commands", op, ctx => LabOutput.Of(Masked(SetCommands(ctx.Device.Running)))),
            new("show interfaces", op, ctx => LabOutput.Of(ShowInterfaces(ctx.Device.Running))),
            new("show host name", op, ctx => LabOutput.Of(ctx.Device.Hostname + "\n")),
            new("show system uptime", op, ctx => LabOutput.Of($" 09:12:01 up 41 days,  3:12,  1 user,  load average: 0.00, 0.01, 0.00\n")),
            new("ping <host> [<options...>]", op, ctx => LabOutput.Of(
                $"PING {ctx.Arg("host")} ({ctx.Arg("host")}) 56(84) bytes of data.\n" +
                string.Concat(Enumerable.Range(1, 3).Select(i => $"64 bytes from {ctx.Arg("host")}: icmp_seq={i} ttl=64 time=0.41{i} ms\n")) +
                $"\n--- {ctx.Arg("host")} ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss, time 2003ms\n")),
            new("configure", op, ctx =>
            {
                ctx.EnterMode(Cfg);
                ctx.EditPath = [];
                return LabOutput.None;
            }),
            GeneratedOutput.Command(Op),

            new("set <path...>", cfg, ctx => Set(ctx)),
            new("delete <path...>", cfg, ctx =>
            {
                ConfigNode candidate = Candidate(ctx);
                List<string> words = FullPath(ctx);
                if (words.Count == 0 || !Tree.Delete(candidate, Tree.Group(words)))
                    return LabOutput.Fail("\n  Nothing to delete (the specified node does not exist)\n\n");
                return LabOutput.None;
            }),
            new("show [<path...>]", cfg, ctx =>
            {
                ConfigNode tree = ctx.Device.Candidate ?? ctx.Device.Running;
                ConfigNode? node = PathConfig.Find(tree, Tree.Group(FullPath(ctx)));
                if (node is null)
                    return LabOutput.Fail("\n  Configuration under specified path is empty\n\n");
                return LabOutput.Of(Tree.Render(node));
            }),
            new("compare", cfg, ctx => LabOutput.Of(Compare(ctx.Device))),
            new("edit <path...>", cfg, ctx =>
            {
                List<string> words = FullPath(ctx);
                if (PathConfig.Find(ctx.Device.Candidate ?? ctx.Device.Running, Tree.Group(words)) is null)
                    return LabOutput.Fail($"\n  Configuration path: [{string.Join(' ', words)}] is not valid\n\n");
                ctx.EditPath = words;
                return LabOutput.None;
            }),
            new("top", cfg, ctx => { ctx.EditPath = []; return LabOutput.None; }),
            new("up", cfg, ctx =>
            {
                List<string> groups = Tree.Group(ctx.EditPath);
                if (groups.Count > 0)
                    groups.RemoveAt(groups.Count - 1);
                ctx.EditPath = PathConfig.Words(string.Join(' ', groups));
                return LabOutput.None;
            }),
            new("commit [<options...>]", cfg, ctx =>
            {
                if (!CommitEngine.HasChanges(ctx.Device))
                    return LabOutput.Of("No configuration changes to commit\n");
                string? comment = null;
                List<string> words = PathConfig.Words(ctx.Arg("options"));
                if (words.Count == 2 && words[0] == "comment")
                    comment = words[1];
                else if (words.Count > 0)
                    return LabOutput.Fail($"\n  Invalid command: [commit] {Bracketed(ctx.Arg("options"))}\n\n");
                CommitEngine.Commit(ctx.Device, ctx.User, comment, null, ApplyHostname);
                ctx.Device.Candidate = null;
                return LabOutput.None;
            }),
            new("discard", cfg, ctx =>
            {
                bool had = CommitEngine.HasChanges(ctx.Device);
                CommitEngine.Discard(ctx.Device);
                return LabOutput.Of(had ? "  Changes have been discarded\n" : "  No changes have been discarded\n");
            }),
            new("save", cfg, ctx =>
            {
                ctx.Device.Startup = ctx.Device.Running.Clone();
                return LabOutput.Of("Saving configuration to '/config/config.boot'...\nDone\n");
            }),
            new("exit", cfg, ctx =>
            {
                if (ctx.EditPath.Count > 0)
                {
                    ctx.EditPath = [];
                    return LabOutput.None;
                }
                if (CommitEngine.HasChanges(ctx.Device))
                    return LabOutput.Fail("Cannot exit: configuration modified.\nUse 'exit discard' to discard the changes and exit.\n");
                ctx.EndConfiguration();
                return ctx.Device.Unsaved ? LabOutput.Of("Warning: configuration changes have not been saved.\nexit\n") : LabOutput.Of("exit\n");
            }),
            new("exit discard", cfg, ctx =>
            {
                CommitEngine.Discard(ctx.Device);
                ctx.EndConfiguration();
                return LabOutput.Of("exit\n");
            }),
            new("run <command...>", cfg, ctx => ctx.Run(ctx.Arg("command"), Op)),
        ];
    }

    private static ConfigNode Candidate(LabCommandContext ctx) => ctx.Device.Candidate ??= ctx.Device.Running.Clone();

    private static List<string> FullPath(LabCommandContext ctx) =>
        [.. ctx.EditPath, .. PathConfig.Words(ctx.Arg("path")).Select(PathConfig.Quoted)];

    private static readonly HashSet<string> TopLevel = new(StringComparer.Ordinal)
    {
        "interfaces", "system", "service", "protocols", "firewall", "nat", "policy", "vpn", "high-availability", "qos",
    };

    private static LabOutput Set(LabCommandContext ctx)
    {
        List<string> words = FullPath(ctx);
        if (words.Count < 2 || !TopLevel.Contains(words[0]))
            return LabOutput.Fail($"\n  Configuration path: [{string.Join(' ', words)}] is not valid\n  Set failed\n\n");
        Tree.Set(Candidate(ctx), Tree.Group(words));
        return LabOutput.None;
    }

    private static void ApplyHostname(LabDeviceState state)
    {
        if (state.Running.Find("system") is { } system && system.StartingWith("host-name").FirstOrDefault() is { } h)
            state.Hostname = h.Text["host-name ".Length..].Trim('"');
    }

    private static string SetCommands(ConfigNode root)
    {
        var sb = new StringBuilder();
        foreach (string line in Tree.SetCommands(root, "set", "'"))
            sb.Append(line).Append('\n');
        return sb.ToString();
    }

    // Operational mode never prints password hashes.
    private static string Masked(string text)
    {
        var sb = new StringBuilder();
        foreach (string line in text.Split('\n'))
        {
            int at = line.IndexOf("-password ", StringComparison.Ordinal);
            sb.Append(at < 0 ? line : line[..(at + "-password ".Length)] + (line.StartsWith("set ", StringComparison.Ordinal) ? "'****************'" : "****************")).Append('\n');
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    private static string Compare(LabDeviceState state)
    {
        if (state.Candidate is not { } candidate || candidate.SameAs(state.Running))
            return "No changes between working and active configurations.\n";
        var before = new HashSet<string>(Tree.SetCommands(state.Running), StringComparer.Ordinal);
        var after = new HashSet<string>(Tree.SetCommands(candidate), StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (string s in before.Where(s => !after.Contains(s)))
            sb.Append("- ").Append(s[4..]).Append('\n');
        foreach (string s in after.Where(s => !before.Contains(s)))
            sb.Append("+ ").Append(s[4..]).Append('\n');
        return sb.ToString();
    }

    private static string ShowInterfaces(ConfigNode root)
    {
        var sb = new StringBuilder();
        sb.Append("Codes: S - State, L - Link, u - Up, D - Down, A - Admin Down\n");
        sb.Append("Interface        IP Address                        S/L  Description\n");
        sb.Append("---------        ----------                        ---  -----------\n");
        if (root.Find("interfaces") is not { } interfaces)
            return sb.ToString();
        foreach (ConfigNode i in interfaces.Children)
        {
            string name = i.Text[(i.Text.IndexOf(' ') + 1)..];
            List<string> addresses = [.. i.StartingWith("address").Select(a => a.Text[8..])];
            if (name == "lo")
                addresses = ["127.0.0.1/8", "::1/128", .. addresses];
            string state = i.Find("disable") is null ? "u/u" : "A/D";
            string description = i.StartingWith("description").FirstOrDefault()?.Text[12..].Trim('"') ?? "";
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-17}{1,-34}{2,-5}{3}", name, addresses.FirstOrDefault() ?? "-", state, description).TrimEnd()).Append('\n');
            foreach (string extra in addresses.Skip(1))
                sb.Append(new string(' ', 17)).Append(extra).Append('\n');
        }
        return sb.ToString();
    }

    private static string ShowVersion(LabDeviceState s) =>
        "Version:          VyOS 1.3.4\n" +
        "Release train:    equuleus\n\n" +
        "Built by:         Sentrium S.L.\n" +
        "Built on:         Mon 16 Oct 2023 14:05 UTC\n" +
        "Build UUID:       6f0e3e9d-0000-4000-8000-00000000aaaa\n" +
        "Build commit ID:  e8c4f1a2b3c4d5\n\n" +
        "Architecture:     x86_64\n" +
        "Boot via:         installed image\n" +
        "System type:      KVM guest\n\n" +
        "Hardware vendor:  QEMU\n" +
        "Hardware model:   Standard PC (i440FX + PIIX, 1996)\n" +
        "Hardware S/N:     \n" +
        "Hardware UUID:    00000000-0000-0000-0000-000000000050\n\n" +
        "Copyright:        VyOS maintainers and contributors\n";
}
