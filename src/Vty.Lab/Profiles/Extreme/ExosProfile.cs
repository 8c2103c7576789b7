using System.Globalization;
using System.Text;
using Vty.Lab.Profiles.Cisco;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>
/// ExtremeXOS 32.5 (Switch Engine) on an X460-G2: no configuration mode (every change is a
/// <c>configure …</c>/<c>create …</c> command), a prompt that counts commands and stars unsaved changes
/// (<c>* X460-G2.7 #</c>), <c>disable clipaging</c>, <c>save configuration</c> and the "%% … '^' marker." errors.
/// </summary>
internal static class ExosProfile
{
    private const string Admin = "admin";

    public static DeviceProfile Create() => new()
    {
        Name = "exos",
        Description = "ExtremeXOS 32.5.1.5 (X460-G2-48t-10G4)",
        DefaultHostname = "X460-G2",
        Login = new LabLoginDialog
        {
            Banner = "\n\nExtremeXOS (X460-G2-48t-10G4) version 32.5.1.5 32.5.1.5 by release-manager on Wed Jun 14 10:12:05 EDT 2023\n",
            UsernamePrompt = "login: ",
            PasswordPrompt = "password: ",
            FailureMessage = "\nLogin incorrect\n\n",
            PasswordOnlyFinalFailureMessage = "\nLogin incorrect\n",
            Motd = "\nExtremeXOS\n" +
                   "Copyright (C) 1996-2023 Extreme Networks. All rights reserved.\n" +
                   "This product is protected by one or more US patents listed at https://www.extremenetworks.com/patents along with their foreign counterparts.\n" +
                   "==============================================================================\n\n" +
                   "Press the <tab> or '?' key at any time for completions.\n" +
                   "Remember to save your configuration changes.\n\n",
        },
        Modes = [new(Admin, "{* }{host}.{seq} # ")],
        LoginMode = Admin,
        Commands = Commands(),
        Filters =
        [
            new("include <pattern...>", (l, c) => TextFilters.Include(l, c.Arg("pattern"))),
            new("exclude <pattern...>", (l, c) => TextFilters.Exclude(l, c.Arg("pattern"))),
            new("begin <pattern...>", (l, c) => TextFilters.Begin(l, c.Arg("pattern"))),
        ],
        Pager = LabPager.CarriageReturn("Press <SPACE> to continue or <Q> to quit:"),
        Errors = new LabErrorStyle(e => e.Kind switch
        {
            LabParseErrorKind.Incomplete => LabOutput.Fail($"{e.CaretLine}\n%% Incomplete command at '^' marker.\n"),
            LabParseErrorKind.Ambiguous => LabOutput.Fail($"{e.CaretLine}\n%% Ambiguous command: \"{e.Token}\"\n"),
            _ => LabOutput.Fail($"{e.CaretLine}\n%% Invalid input detected at '^' marker.\n"),
        }),
        InitialConfig = Initial,
    };

    private static ConfigNode Initial(LabDeviceState state)
    {
        var root = new ConfigNode("");
        ConfigNode vlan = root.GetOrAdd("vlan");
        vlan.Insert(new ConfigNode("configure vlan default delete ports 1-4"));
        vlan.Insert(new ConfigNode("create vlan \"users\""));
        vlan.Insert(new ConfigNode("configure vlan users tag 10"));
        vlan.Insert(new ConfigNode("configure vlan users add ports 1-4 untagged"));
        vlan.Insert(new ConfigNode("configure vlan Mgmt ipaddress 192.0.2.130 255.255.255.0"));
        root.GetOrAdd("snmpMaster").Insert(new ConfigNode($"configure snmp sysName \"{state.Hostname}\""));
        root.GetOrAdd("rtmgr").Insert(new ConfigNode("configure iproute add default 192.0.2.254 vr VR-Mgmt"));
        root.GetOrAdd("aaa").Insert(new ConfigNode("create account admin lab encrypted \"$5$LABLAB$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\""));
        return root;
    }

    private static List<LabCommand> Commands()
    {
        string[] a = [Admin];
        return
        [
            new("exit", a, ctx => { ctx.CloseSession(); return LabOutput.None; }),
            new("logout", a, ctx => { ctx.CloseSession(); return LabOutput.None; }),
            new("quit", a, ctx => { ctx.CloseSession(); return LabOutput.None; }),
            new("disable clipaging", a, ctx => CommonHandlers.SetPageLength(ctx, 0)),
            new("enable clipaging", a, ctx => CommonHandlers.SetPageLength(ctx, ctx.Device.Options.PagerLines)),
            new("disable cli prompting", a, ctx => { ctx.SessionFlags.Add("no-prompting"); return LabOutput.None; }),
            new("enable cli prompting", a, ctx => { ctx.SessionFlags.Remove("no-prompting"); return LabOutput.None; }),
            new("show version", a, ctx => LabOutput.Of(ShowVersion)),
            new("show switch", a, ctx => LabOutput.Of(ShowSwitch(ctx.Device))),
            new("show vlan", a, ctx => LabOutput.Of(ShowVlan(ctx.Device.Running))),
            new("show configuration [<module...>]", a, ctx => ShowConfiguration(ctx)),
            new("save configuration [<which...>]", a, ctx =>
            {
                string which = ctx.HasArg("which") ? ctx.Arg("which") : "primary";
                if (which is not ("primary" or "secondary"))
                    return ctx.Invalid("which");
                if (ctx.SessionFlags.Contains("no-prompting") || !ctx.IsInteractive)
                    return Save(ctx, which);
                return LabOutput.Ask("", CommonHandlers.Confirm($"Do you want to save configuration to {which}.cfg and overwrite it? (y/N) ", false,
                    (yes, x) => yes ? Save(x, which) : LabOutput.Of("Save configuration cancelled.\n")));
            }),
            new("create vlan <name> [<rest...>]", a, ctx =>
            {
                string name = ctx.Arg("name").Trim('"');
                if (VlanLine(ctx.Device.Running, name) is not null)
                    return LabOutput.Fail($"Error: VLAN \"{name}\" already exists.\n");
                ConfigNode vlan = ctx.Device.Running.GetOrAdd("vlan");
                vlan.Insert(new ConfigNode($"create vlan \"{name}\""));
                List<string> rest = PathConfig.Words(ctx.Arg("rest"));
                if (rest.Count == 2 && rest[0] == "tag")
                    vlan.Insert(new ConfigNode($"configure vlan {name} tag {rest[1]}"));
                else if (rest.Count > 0)
                    return ctx.Invalid("rest");
                return LabOutput.None;
            }),
            new("delete vlan <name>", a, ctx =>
            {
                string name = ctx.Arg("name").Trim('"');
                if (VlanLine(ctx.Device.Running, name) is not { } line)
                    return LabOutput.Fail($"Error: VLAN \"{name}\" does not exist.\n");
                ConfigNode vlan = ctx.Device.Running.GetOrAdd("vlan");
                vlan.Remove(line);
                foreach (ConfigNode c in vlan.Children.Where(c => c.Text.StartsWith($"configure vlan {name} ", StringComparison.Ordinal)).ToList())
                    vlan.Remove(c);
                return LabOutput.None;
            }),
            new("configure vlan <name> <setting...>", a, ConfigureVlan),
            new("configure snmp sysName <name>", a, ctx =>
            {
                string name = ctx.Arg("name").Trim('"');
                if (!CiscoCommands.IsHostname(name))
                    return ctx.Invalid("name");
                ctx.Device.Hostname = name;
                ctx.Device.Running.GetOrAdd("snmpMaster").SetLine($"configure snmp sysName \"{name}\"", 3);
                return LabOutput.None;
            }),
            new("ping <host>", a, ctx => LabOutput.Of(
                $"Ping(ICMP) {ctx.Arg("host")}: 4 packets, 8 data bytes, interval 1 second(s).\n" +
                string.Concat(Enumerable.Range(0, 4).Select(i => $"16 bytes from {ctx.Arg("host")}: icmp_seq={i} ttl=64 time=1.201 ms\n")) +
                $"\n--- ping statistics ---\n4 packets transmitted, 4 received, 0% loss\nround-trip min/avg/max = 1.201/1.201/1.201 ms\n")),
            GeneratedOutput.Command(Admin),
        ];
    }

    private static LabOutput Save(LabCommandContext ctx, string which)
    {
        ctx.Device.Startup = ctx.Device.Running.Clone();
        return LabOutput.Of($"Saving configuration on master .......... done!\nConfiguration saved to {which}.cfg successfully.\n");
    }

    private static ConfigNode? VlanLine(ConfigNode root, string name) =>
        name == "Default" || name == "Mgmt" ? new ConfigNode("") : root.Find("vlan")?.Find($"create vlan \"{name}\"");

    private static LabOutput ConfigureVlan(LabCommandContext ctx)
    {
        string name = ctx.Arg("name").Trim('"');
        if (VlanLine(ctx.Device.Running, name) is null)
            return ctx.Invalid("name");
        List<string> words = PathConfig.Words(ctx.Arg("setting"));
        ConfigNode vlan = ctx.Device.Running.GetOrAdd("vlan");
        string prefix = $"configure vlan {name} ";
        switch (words)
        {
            case ["tag", var tag] when int.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out int t) && t is >= 1 and <= 4094:
                vlan.SetLine(prefix + "tag " + tag, 4);
                return LabOutput.None;
            case ["add", "ports", var ports, ..] when words.Count <= 4 && (words.Count == 3 || words[3] is "untagged" or "tagged"):
                vlan.Insert(new ConfigNode(prefix + $"add ports {ports} {(words.Count == 4 ? words[3] : "untagged")}"));
                return LabOutput.None;
            case ["ipaddress", var address, ..] when words.Count <= 3:
                vlan.SetLine(prefix + "ipaddress " + string.Join(' ', words.Skip(1)), 4);
                return LabOutput.None;
            case ["description", ..] when words.Count >= 2:
                vlan.SetLine(prefix + $"description \"{string.Join(' ', words.Skip(1))}\"", 4);
                return LabOutput.None;
            default:
                return ctx.Invalid("setting");
        }
    }

    private static LabOutput ShowConfiguration(LabCommandContext ctx)
    {
        string module = ctx.Arg("module");
        var sb = new StringBuilder();
        foreach (ConfigNode m in ctx.Device.Running.Children)
        {
            if (module.Length > 0 && !m.Text.Equals(module, StringComparison.OrdinalIgnoreCase))
                continue;
            sb.Append("#\n# Module ").Append(m.Text).Append(" configuration.\n#\n");
            foreach (ConfigNode l in m.Children)
                sb.Append(l.Text).Append('\n');
        }
        if (module.Length > 0 && sb.Length == 0)
            return ctx.Invalid("module");
        return LabOutput.Of(sb.ToString());
    }

    private static string ShowVlan(ConfigNode root)
    {
        var sb = new StringBuilder();
        const string rule = "-----------------------------------------------------------------------------------------------\n";
        sb.Append(rule);
        sb.Append("Name            VID  Protocol Addr       Flags                         Proto  Ports  Virtual\n");
        sb.Append("                                                                             Active router\n");
        sb.Append("                                                                             /Total\n");
        sb.Append(rule);
        IReadOnlyList<ConfigNode> lines = root.Find("vlan")?.Children ?? [];
        string Setting(string name, string key) =>
            lines.FirstOrDefault(l => l.Text.StartsWith($"configure vlan {name} {key} ", StringComparison.Ordinal))?.Text[($"configure vlan {name} {key} ".Length)..] ?? "";
        sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-16}{1,-5}{2,-19}{3,-30}{4,-7}{5,-7}{6}\n", "Default", 1, "-------------------", "------------------------------", "ANY", "0 /44", "VR-Default"));
        string mgmt = Setting("Mgmt", "ipaddress");
        sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-16}{1,-5}{2,-19}{3,-30}{4,-7}{5,-7}{6}\n", "Mgmt", 4095, mgmt.Length > 0 ? mgmt.Split(' ')[0] + " /24" : "------------------", "------------------------------", "ANY", "1 /1", "VR-Mgmt"));
        foreach (ConfigNode l in lines.Where(l => l.Text.StartsWith("create vlan ", StringComparison.Ordinal)))
        {
            string name = l.Text[12..].Trim('"');
            string tag = Setting(name, "tag");
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-16}{1,-5}{2,-19}{3,-30}{4,-7}{5,-7}{6}\n", name, tag.Length > 0 ? tag : "4094", "------------------", "------------------------------", "ANY", "0 /4", "VR-Default"));
        }
        sb.Append(rule);
        sb.Append("Flags : (B) BFD Enabled, (c) 802.1ad customer VLAN, (C) EAPS Control VLAN,\n        (d) Dynamically created VLAN, (D) VLAN Admin Disabled,\n");
        return sb.ToString();
    }

    private static string ShowSwitch(LabDeviceState s) =>
        "\n" +
        $"SysName:          {s.Hostname}\n" +
        "SysLocation:      \n" +
        "SysContact:       support@extremenetworks.com, +1 888 257 3000\n" +
        "System MAC:       00:04:96:00:00:AA\n" +
        "System Type:      X460-G2-48t-10G4\n\n" +
        "SysHealth check:  Enabled (Normal)\n" +
        "Recovery Mode:    All\n" +
        "System Watchdog:  Enabled\n\n" +
        $"Current Time:     {s.Now.ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture)}\n" +
        "Timezone:         [Auto DST Disabled] GMT Offset: 0 minutes, name is UTC.\n" +
        "System UpTime:    41 days 3 hours 12 minutes 1 seconds\n\n" +
        "Current State:    OPERATIONAL\n" +
        "Image Selected:   primary\n" +
        "Image Booted:     primary\n" +
        "Primary ver:      32.5.1.5\n" +
        "Secondary ver:    31.7.1.4\n\n" +
        "Config Selected:  primary.cfg\n" +
        "Config Booted:    primary.cfg\n";

    private const string ShowVersion =
        "Switch      : 800580-00-08 1930N-00001 Rev 8.0 BootROM: 2.0.1.7    IMG: 32.5.1.5\n" +
        "PSU-1       : Internal PSU-1 800392-00-01 1929W-00002\n" +
        "PSU-2       : \n\n" +
        "Image   : ExtremeXOS version 32.5.1.5 by release-manager\n" +
        "          on Wed Jun 14 10:12:05 EDT 2023\n" +
        "BootROM : 2.0.1.7\n";
}
