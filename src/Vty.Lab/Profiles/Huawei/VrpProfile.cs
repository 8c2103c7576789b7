using System.Globalization;
using System.Text;
using Vty.Lab.Profiles.Cisco;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>Huawei VRP V200R019 on an AR6120 router: user view, system view, interface and VLAN views.</summary>
internal static class VrpProfile
{
    private const string User = "user";
    private const string System = "system";
    private const string Iface = "interface";
    private const string Vlan = "vlan";

    public static DeviceProfile Create() => new()
    {
        Name = "vrp",
        Description = "Huawei VRP V200R019C10 (AR6120)",
        DefaultHostname = "HUAWEI",
        Login = new LabLoginDialog
        {
            DialogIntro = "\n\nLogin authentication\n\n\n",
            UsernamePrompt = "Username:",
            PasswordPrompt = "Password:",
            FailureMessage = "Error: Local authentication is rejected.\n\n",
            PasswordOnlyFailureMessage = "Error: Local authentication is rejected.\n\n",
            PasswordOnlyFinalFailureMessage = "Error: Local authentication is rejected.\n",
            Motd = "Info: The max number of VTY users is 10, and the number\n" +
                   "      of current VTY users on line is 1.\n" +
                   "      The current login time is 2025-03-14 09:26:53.\n",
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
            new("count", (l, _) => TextFilters.Count(l, "", "Total lines: {0}")),
            new("no-more", (l, _) => l, disablesPaging: true),
        ],
        Pager = LabPager.Backspacing("  ---- More ----"),
        Errors = LabErrorStyle.Vrp,
        InterfaceTypes = ["GigabitEthernet", "LoopBack", "Vlanif", "Eth-Trunk", "NULL"],
        InitialConfig = Initial,
    };

    private static ConfigNode Initial(LabDeviceState state)
    {
        var root = new ConfigNode("");
        root.Insert(new ConfigNode("sysname " + state.Hostname));
        foreach (string l in new[] { "authentication-profile name default_authen_profile", "dns resolve", "dns domain lab.example" })
            root.Insert(new ConfigNode(l));
        var aaa = new ConfigNode("aaa");
        aaa.Insert(new ConfigNode("local-user lab password irreversible-cipher $1c$LABLAB$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$"));
        aaa.Insert(new ConfigNode("local-user lab privilege level 15"));
        aaa.Insert(new ConfigNode("local-user lab service-type telnet ssh"));
        root.Insert(aaa);
        string[][] ifaces =
        [
            ["interface GigabitEthernet0/0/0", "ip address 192.0.2.7 255.255.255.0"],
            ["interface GigabitEthernet0/0/1", "shutdown"],
            ["interface GigabitEthernet0/0/2", "port link-type access"],
            ["interface GigabitEthernet0/0/3", "port link-type access"],
            ["interface NULL0"],
        ];
        foreach (string[] i in ifaces)
        {
            var node = new ConfigNode(i[0]);
            for (int k = 1; k < i.Length; k++)
                node.Insert(new ConfigNode(i[k]));
            root.Insert(node);
        }
        root.Insert(new ConfigNode("ip route-static 0.0.0.0 0.0.0.0 192.0.2.254"));
        root.Insert(new ConfigNode("stelnet server enable"));
        var vty = new ConfigNode("user-interface vty 0 4");
        vty.Insert(new ConfigNode("authentication-mode aaa"));
        vty.Insert(new ConfigNode("protocol inbound all"));
        root.Insert(vty);
        return root;
    }

    private static List<LabCommand> Commands()
    {
        string[] anyView = [User, System, Iface, Vlan];
        string[] sys = [System];
        string[] cfg = [System, Iface, Vlan];
        string[] ifv = [Iface];
        var list = new List<LabCommand>
        {
            new("quit", [User], ctx => { ctx.CloseSession(); return LabOutput.None; }),
            new("quit", cfg, ctx => { ctx.ExitMode(); return LabOutput.None; }),
            new("return", cfg, ctx => { ctx.EndConfiguration(); return LabOutput.None; }),
            new("screen-length <lines:number> temporary", [User], ctx =>
                CommonHandlers.SetPageLength(ctx, int.Parse(ctx.Arg("lines"), CultureInfo.InvariantCulture),
                    "Info: The configuration takes effect on the current user terminal interface only.\n")),
            new("screen-width <columns:number>", [User], ctx => { ctx.Columns = int.Parse(ctx.Arg("columns"), CultureInfo.InvariantCulture); return LabOutput.None; }),
            new("system-view", [User], ctx => { ctx.EnterMode(System); return LabOutput.Of("Enter system view, return user view with return command.\n"); }),
            new("save", [User], _ => LabOutput.Ask("", CommonHandlers.Confirm(
                "The current configuration will be written to the device. Continue? [Y/N]:", false, (yes, x) =>
                {
                    if (!yes)
                        return LabOutput.Of("Info: The configuration is not saved.\n");
                    x.Device.Startup = x.Device.Running.Clone();
                    return LabOutput.Of("Now saving the current configuration to the slot 0.\nInfo: Save the configuration successfully.\n");
                }))),
            new("display version", anyView, ctx => LabOutput.Of(ShowVersion(ctx.Device))),
            new("display current-configuration", anyView, ctx => LabOutput.Of(Render(ctx.Device.Running))),
            new("display saved-configuration", anyView, ctx => LabOutput.Of(ctx.Device.Startup is { } s ? Render(s) : "Info: The system is now comparing the configuration, please wait.\nWarning: The saved configuration file does not exist.\n")),
            new("display interface brief", anyView, ctx => LabOutput.Of(InterfaceBrief(ctx.Device.Running))),
            new("display ip interface brief", anyView, ctx => LabOutput.Of(IpInterfaceBrief(ctx.Device.Running))),
            new("display vlan", anyView, ctx => LabOutput.Of(DisplayVlan(ctx.Device.Running))),
            new("display device", anyView, _ => LabOutput.Of(
                "AR6120's Device status:\n" +
                "Slot  Sub Type                   Online    Power    Register     Alarm     Primary\n" +
                "-------------------------------------------------------------------------------\n" +
                "0     -   AR6120                 Present   PowerOn  Registered   Normal    Master\n" +
                "0     0   4GE-2S                 Present   PowerOn  Registered   Normal    NA\n" +
                "1     -   PAC-60WA               Present   PowerOn  Registered   Normal    NA\n")),
            new("display clock", anyView, ctx => LabOutput.Of($"{ctx.Device.Now:yyyy-MM-dd HH:mm:ss}\n{ctx.Device.Now:dddd}\nTime Zone(UTC) : UTC\n")),
            new("display users", anyView, ctx => LabOutput.Of(
                "  User-Intf    Delay    Type   Network Address     AuthenStatus    AuthorcmdFlag\n" +
                $"+ 129 VTY 0   00:00:00 TEL    192.0.2.254                  pass           no\n  Username : {ctx.User}\n")),
            new("ping <host>", anyView, ctx => LabOutput.Of(
                $"  PING {ctx.Arg("host")}: 56  data bytes, press CTRL_C to break\n" +
                string.Concat(Enumerable.Range(1, 5).Select(i => $"    Reply from {ctx.Arg("host")}: bytes=56 Sequence={i} ttl=255 time=1 ms\n")) +
                $"\n  --- {ctx.Arg("host")} ping statistics ---\n    5 packet(s) transmitted\n    5 packet(s) received\n    0.00% packet loss\n    round-trip min/avg/max = 1/1/1 ms\n")),
            GeneratedOutput.Command(anyView),

            new("sysname <name>", sys, ctx =>
            {
                if (!CiscoCommands.IsHostname(ctx.Arg("name")))
                    return ctx.Invalid("name");
                ctx.Device.Hostname = ctx.Arg("name");
                ctx.Device.Running.SetLine("sysname " + ctx.Arg("name"));
                return LabOutput.None;
            }),
            new("interface <name:interface>", cfg, ctx =>
            {
                string name = ctx.Arg("name");
                ConfigNode root = ctx.Device.Running;
                ConfigNode? node = root.Find("interface " + name);
                if (node is null)
                {
                    if (!name.StartsWith("LoopBack", StringComparison.Ordinal) && !name.StartsWith("Vlanif", StringComparison.Ordinal) && !name.StartsWith("Eth-Trunk", StringComparison.Ordinal))
                        return ctx.Invalid("name");
                    node = new ConfigNode("interface " + name);
                    root.Insert(node, "interface");
                }
                if (ctx.Mode == System)
                    ctx.EnterMode(Iface, name, node);
                else
                    ctx.ReplaceMode(Iface, name, node);
                return LabOutput.None;
            }),
            new("undo interface <name:interface>", sys, ctx =>
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
                ConfigNode node = AddVlan(ctx.Device.Running, id);
                if (ctx.Mode == System)
                    ctx.EnterMode(Vlan, id.ToString(CultureInfo.InvariantCulture), node);
                else
                    ctx.ReplaceMode(Vlan, id.ToString(CultureInfo.InvariantCulture), node);
                return LabOutput.None;
            }),
            new("vlan batch <ids...>", sys, ctx =>
            {
                foreach (string w in ctx.Arg("ids").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out int id) || id is < 1 or > 4094)
                        return ctx.Invalid("ids");
                    AddVlan(ctx.Device.Running, id);
                }
                return LabOutput.Of("Info: This operation may take a few seconds. Please wait for a moment...done.\n");
            }),
            new("undo vlan <id:number>", sys, ctx => { ctx.Device.Running.RemoveStartingWith("vlan " + ctx.Arg("id")); return LabOutput.None; }),
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
                ctx.ModeNode!.SetLine($"ip address {ctx.Arg("address")} {mask}", 2, "description");
                return LabOutput.None;
            }),
            new("undo ip address", ifv, ctx => { ctx.ModeNode!.RemoveStartingWith("ip address"); return LabOutput.None; }),
            new("shutdown", ifv, ctx => { ctx.ModeNode!.SetLine("shutdown"); return LabOutput.None; }),
            new("undo shutdown", ifv, ctx => { ctx.ModeNode!.RemoveStartingWith("shutdown"); return LabOutput.None; }),
            new("port link-type <kind>", ifv, ctx =>
            {
                string k = ctx.Arg("kind");
                string? full = new[] { "access", "trunk", "hybrid" }.FirstOrDefault(x => x.StartsWith(k, StringComparison.OrdinalIgnoreCase));
                if (full is null)
                    return ctx.Invalid("kind");
                ctx.ModeNode!.SetLine("port link-type " + full, 2);
                return LabOutput.None;
            }),
            new("port default vlan <id:number>", ifv, ctx =>
            {
                int id = int.Parse(ctx.Arg("id"), CultureInfo.InvariantCulture);
                if (id is < 1 or > 4094)
                    return ctx.Invalid("id");
                if (ctx.Device.Running.Find("vlan " + ctx.Arg("id")) is null && id != 1)
                    return LabOutput.Fail($"Error: The VLAN {id} does not exist.\n");
                ctx.ModeNode!.SetLine("port default vlan " + id.ToString(CultureInfo.InvariantCulture), 3);
                return LabOutput.None;
            }),
            new("name <name>", [Vlan], ctx => { ctx.ModeNode!.SetLine("name " + ctx.Arg("name")); return LabOutput.None; }),
        };
        return list;
    }

    private static ConfigNode AddVlan(ConfigNode root, int id)
    {
        ConfigNode node = root.GetOrAdd("vlan " + id.ToString(CultureInfo.InvariantCulture), "vlan", "interface");
        root.SortGroup("vlan", (a, b) => Id(a).CompareTo(Id(b)));
        return node;

        static int Id(ConfigNode n) => int.TryParse(n.Text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : int.MaxValue;
    }

    private static string Render(ConfigNode root)
    {
        var sb = new StringBuilder();
        sb.Append("!Software Version V200R019C10SPC500\n#\n");
        List<ConfigNode> vlans = [.. root.StartingWith("vlan")];
        bool vlansDone = false;
        foreach (ConfigNode n in root.Children)
        {
            if (ConfigNode.StartsWithWords(n.Text, "vlan"))
            {
                if (vlansDone)
                    continue;
                vlansDone = true;
                sb.Append("vlan batch ").Append(string.Join(' ', vlans.Select(v => v.Text[5..]))).Append("\n#\n");
                foreach (ConfigNode v in vlans.Where(v => v.HasChildren))
                {
                    sb.Append(v.Text).Append('\n');
                    foreach (ConfigNode c in v.Children)
                        sb.Append(' ').Append(c.Text).Append('\n');
                    sb.Append("#\n");
                }
                continue;
            }
            if (n.HasChildren || ConfigNode.StartsWithWords(n.Text, "interface"))
            {
                sb.Append(n.Text).Append('\n');
                var lines = new List<string>();
                n.RenderIndented(lines, " ", 1);
                foreach (string l in lines)
                    sb.Append(l).Append('\n');
            }
            else
            {
                sb.Append(' ').Append(n.Text).Append('\n');
            }
            sb.Append("#\n");
        }
        sb.Append("return\n");
        return sb.ToString();
    }

    private static string Short(string name) =>
        name.StartsWith("GigabitEthernet", StringComparison.Ordinal) ? "GE" + name[15..] : name;

    private static IEnumerable<ConfigNode> Interfaces(ConfigNode root) => root.StartingWith("interface");

    private static string InterfaceBrief(ConfigNode root)
    {
        var sb = new StringBuilder();
        sb.Append("PHY: Physical\n*down: administratively down\n(l): loopback\n(s): spoofing\n(b): BFD down\n(e): ETHOAM down\n(d): Dampening Suppressed\n");
        sb.Append("InUti/OutUti: input utility/output utility\n");
        sb.Append("Interface                   PHY   Protocol InUti OutUti   inErrors  outErrors\n");
        foreach (ConfigNode i in Interfaces(root))
        {
            bool down = i.Find("shutdown") is not null;
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-28}{1,-6}{2,-9}{3,5}{4,7}{5,11}{6,11}\n",
                i.Text[10..], down ? "*down" : "up", down ? "down" : i.Text.Contains("NULL", StringComparison.Ordinal) ? "up(s)" : "up", "0%", "0%", 0, 0));
        }
        return sb.ToString();
    }

    private static string IpInterfaceBrief(ConfigNode root)
    {
        List<ConfigNode> all = [.. Interfaces(root)];
        int up = all.Count(i => i.Find("shutdown") is null);
        var sb = new StringBuilder();
        sb.Append("*down: administratively down\n^down: standby\n(l): loopback\n(s): spoofing\n(E): E-Trunk down\n");
        sb.Append(CultureInfo.InvariantCulture, $"The number of interface that is UP in Physical is {up}\n");
        sb.Append(CultureInfo.InvariantCulture, $"The number of interface that is DOWN in Physical is {all.Count - up}\n");
        sb.Append(CultureInfo.InvariantCulture, $"The number of interface that is UP in Protocol is {up}\n");
        sb.Append(CultureInfo.InvariantCulture, $"The number of interface that is DOWN in Protocol is {all.Count - up}\n\n");
        sb.Append("Interface                         IP Address/Mask      Physical   Protocol  \n");
        foreach (ConfigNode i in all)
        {
            bool down = i.Find("shutdown") is not null;
            string addr = CiscoConfig.Address(i) is { } a ? $"{a.Address}/{CiscoConfig.MaskLength(a.Mask)}" : "unassigned";
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-34}{1,-21}{2,-11}{3}\n", i.Text[10..], addr, down ? "*down" : "up", down ? "down" : "up"));
        }
        return sb.ToString();
    }

    private static string DisplayVlan(ConfigNode root)
    {
        var ids = new SortedSet<int> { 1 };
        foreach (ConfigNode v in root.StartingWith("vlan"))
        {
            if (int.TryParse(v.Text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int id))
                ids.Add(id);
        }
        var members = new Dictionary<int, List<string>>();
        foreach (ConfigNode i in Interfaces(root))
        {
            if (i.Find("port link-type access") is null)
                continue;
            int vlan = 1;
            if (i.StartingWith("port default vlan").FirstOrDefault() is { } d)
                vlan = int.Parse(d.Text[18..], CultureInfo.InvariantCulture);
            bool down = i.Find("shutdown") is not null;
            if (!members.TryGetValue(vlan, out List<string>? list))
                members[vlan] = list = [];
            list.Add($"{Short(i.Text[10..])}({(down ? "D" : "U")})");
        }
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"The total number of vlans is : {ids.Count}\n");
        sb.Append("--------------------------------------------------------------------------------\n");
        sb.Append("U: Up;         D: Down;         TG: Tagged;         UT: Untagged;\n");
        sb.Append("MP: Vlan-mapping;               ST: Vlan-stacking;\n");
        sb.Append("#: ProtocolTransparent-vlan;    *: Management-vlan;\n");
        sb.Append("--------------------------------------------------------------------------------\n\n");
        sb.Append("VID  Type    Ports                                                          \n");
        sb.Append("--------------------------------------------------------------------------------\n");
        foreach (int id in ids)
        {
            string ports = members.TryGetValue(id, out List<string>? p) ? "UT:" + string.Join("     ", p) : "";
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-5}{1,-8}{2}", id, "common", ports).TrimEnd()).Append('\n');
        }
        return sb.ToString();
    }

    private static string ShowVersion(LabDeviceState s) =>
        "Huawei Versatile Routing Platform Software\n" +
        "VRP (R) software, Version 5.170 (AR6120 V200R019C10SPC500)\n" +
        "Copyright (C) 2011-2020 HUAWEI TECH CO., LTD\n" +
        $"Huawei AR6120 Router uptime is 41 days, 3 hours, 12 minutes\n" +
        "BKP 0 version information: \n" +
        "1. PCB      Version  : AR01BAK2A VER.B\n" +
        "2. If Supporting PoE : No\n" +
        "3. Board    Type     : AR6120\n" +
        "4. MPU Slot Quantity : 1\n" +
        "5. LPU Slot Quantity : 2\n\n" +
        "MPU 0(Master) : uptime is 41 days, 3 hours, 11 minutes\n" +
        "SDRAM Memory Size    : 2048    M bytes\n" +
        "Flash 0 Memory Size  : 1024    M bytes\n" +
        "MPU version information : \n" +
        "1. PCB      Version  : AR01SRU2C VER.A\n" +
        "2. MAB      Version  : 0\n" +
        "3. Board    Type     : AR6120\n" +
        "4. CPLD0    Version  : 0\n" +
        "5. BootROM  Version  : 0\n";
}
