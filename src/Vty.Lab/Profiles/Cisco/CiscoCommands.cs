using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles.Cisco;

/// <summary>The command table shared by the IOS-style profiles (IOS, IOS-XE, NX-OS, EOS).</summary>
internal static class CiscoCommands
{
    private const string Exec = "exec";
    private const string Priv = "privileged";
    private const string Config = "config";
    private const string ConfigIf = "config-if";
    private const string ConfigVlan = "config-vlan";

    public static List<LabCommand> Build(CiscoFlavor flavor, CiscoDialect dialect)
    {
        ConfigNode Target(LabCommandContext ctx) =>
            dialect.CommitBased ? (ctx.Device.Candidate ??= ctx.Device.Running.Clone()) : ctx.Device.Running;
        string[] e = dialect.UserMode ? [Exec, Priv] : [Priv];
        string[] p = [Priv];
        string[] c = [Config];
        string[] ci = [ConfigIf];
        string[] cv = [ConfigVlan];
        string[] anyConfig = [Config, ConfigIf, ConfigVlan];
        var list = new List<LabCommand>();

        // Leaving and privilege.
        if (dialect.UserMode)
        {
            list.Add(new("enable", e, CommonHandlers.Enable));
            list.Add(new("disable", p, ctx => { ctx.ReplaceMode(Exec); return LabOutput.None; }));
        }
        foreach (string word in new[] { "exit", "logout", "quit" })
        {
            if (word == "quit" && !dialect.UserMode)
                continue;
            list.Add(new(word, e, ctx => { ctx.CloseSession(); return LabOutput.None; }));
        }
        list.Add(new("exit", anyConfig, ctx => { ctx.ExitMode(); return LabOutput.None; }));
        list.Add(new("end", anyConfig, ctx => { ctx.EndConfiguration(); return LabOutput.None; }));
        list.Add(new("do <command...>", anyConfig, ctx => ctx.Run(ctx.Arg("command"), Priv)));

        // Terminal settings.
        list.Add(new("terminal length <lines:number>", e, ctx => CommonHandlers.SetPageLength(ctx, int.Parse(ctx.Arg("lines"), CultureInfo.InvariantCulture))));
        list.Add(new("terminal width <columns:number>", e, ctx => { ctx.Columns = int.Parse(ctx.Arg("columns"), CultureInfo.InvariantCulture); return LabOutput.None; }));
        list.Add(new("terminal monitor", e, _ => LabOutput.None));
        list.Add(GeneratedOutput.Command(e));

        // Show commands.
        if (flavor.FlashName is { } flash) list.AddRange(Files.LabFlashCommands.Create(flash, e, flavor.DeleteAsks));
        list.Add(new("show version", e, ctx => LabOutput.Of(flavor.ShowVersion(ctx.Device))));
        list.Add(new("show clock", e, ctx => LabOutput.Of(dialect.Clock(ctx.Device.Now))));
        list.Add(new("show inventory", e, _ => LabOutput.Of(flavor.ShowInventory)));
        list.Add(new("show privilege", e, ctx => LabOutput.Of($"Current privilege level is {(ctx.Mode == Priv ? 15 : 1)}\n")));
        Func<ConfigNode, string> ipBrief = flavor.IpInterfaceBrief ?? CiscoShow.IpInterfaceBrief;
        list.Add(new(dialect.IpBriefCommand, e, ctx => LabOutput.Of(ipBrief(ctx.Device.Running))));
        list.Add(new("show interfaces", e, ctx => LabOutput.Of(CiscoShow.Interfaces(ctx.Device, ctx.Device.Running, null, flavor))));
        list.Add(new("show interfaces <name:interface>", e, ctx =>
            CiscoConfig.FindInterface(ctx.Device.Running, ctx.Arg("name")) is null
                ? ctx.Invalid("name")
                : LabOutput.Of(CiscoShow.Interfaces(ctx.Device, ctx.Device.Running, ctx.Arg("name"), flavor))));
        list.Add(new("show interfaces description", e, ctx => LabOutput.Of(CiscoShow.InterfacesDescription(ctx.Device.Running, flavor.ShortName))));
        if (dialect.HasVlans)
        {
            list.Add(new("show vlan brief", e, ctx => LabOutput.Of(CiscoShow.VlanBrief(ctx.Device.Running, flavor))));
            list.Add(new("show vlan", e, ctx => LabOutput.Of(CiscoShow.VlanBrief(ctx.Device.Running, flavor))));
        }
        list.Add(new("show ip route", e, ctx => LabOutput.Of(CiscoShow.IpRoute(ctx.Device.Running))));
        list.Add(new("show users", e, ctx => LabOutput.Of(
            "    Line       User       Host(s)              Idle       Location\n" +
            $"*  2 vty 0     {ctx.User,-10} idle                 00:00:00 192.0.2.254\n\n" +
            "  Interface    User               Mode         Idle     Peer Address\n\n")));
        list.Add(new("show running-config", p, ctx => LabOutput.Of(CiscoConfig.Render(flavor, ctx.Device, ctx.Device.Running))));
        list.Add(new("show running-config interface <name:interface>", p, ctx => RunningInterface(ctx)));
        list.Add(new("show startup-config", p, ctx => ctx.Device.Startup is { } s
            ? LabOutput.Of(CiscoConfig.Render(flavor, ctx.Device, s))
            : LabOutput.Of(dialect.NoStartupMessage)));
        list.Add(new("show tech-support", p, ctx => LabOutput.OfLines(TechSupport(ctx, flavor).ToList())));
        list.Add(new("ping <host>", e, ctx => LabOutput.Of(
            "Type escape sequence to abort.\n" +
            $"Sending 5, 100-byte ICMP Echos to {ctx.Arg("host")}, timeout is 2 seconds:\n" +
            "!!!!!\n" +
            "Success rate is 100 percent (5/5), round-trip min/avg/max = 1/1/2 ms\n")));

        // Saving and reloading.
        list.Add(new("copy running-config startup-config", p, ctx => dialect.CopyQuestion is { } q
            ? LabOutput.Ask("", new LabQuestion(q, true, (_, x) => Save(x, dialect)))
            : Save(ctx, dialect)));
        if (dialect.HasWriteMemory)
        {
            list.Add(new("write memory", p, ctx => Save(ctx, dialect)));
            list.Add(new("write", p, ctx => Save(ctx, dialect)));
        }
        list.Add(new("reload", p, _ => LabOutput.Ask("", CommonHandlers.Confirm(dialect.ReloadQuestion, true, (yes, x) =>
        {
            if (yes)
                x.CloseSession();
            return LabOutput.None;
        }))));

        // Entering configuration.
        list.Add(new("configure terminal", p, ctx => { ctx.EnterMode(Config); return LabOutput.Of(dialect.ConfigureMessage); }));
        if (!dialect.ConfigureAsks)
            list.Add(new("configure", p, ctx => { ctx.EnterMode(Config); return LabOutput.Of(dialect.ConfigureMessage); }));
        else
            list.Add(new("configure", p, _ => LabOutput.Ask("", new LabQuestion("Configuring from terminal, memory, or network [terminal]? ", true, (answer, x) =>
        {
            string a = answer.Trim();
            if (a.Length > 0 && !"terminal".StartsWith(a, StringComparison.OrdinalIgnoreCase))
                return LabOutput.Fail("?Must be \"terminal\", \"memory\" or \"network\"\n");
            x.EnterMode(Config);
            return LabOutput.Of(dialect.ConfigureMessage);
        }))));

        // Global configuration.
        list.Add(new("hostname <name>", c, ctx =>
        {
            string name = ctx.Arg("name");
            if (!IsHostname(name))
                return ctx.Invalid("name");
            if (!dialect.CommitBased)
                ctx.Device.Hostname = name;
            Target(ctx).SetLine("hostname " + name);
            return LabOutput.None;
        }));
        list.Add(new("interface <name:interface>", [Config, ConfigIf, ConfigVlan], ctx => EnterInterface(ctx, flavor, Target(ctx), dialect)));
        list.Add(new("no interface <name:interface>", c, ctx =>
        {
            string name = ctx.Arg("name");
            ConfigNode? node = CiscoConfig.FindInterface(Target(ctx), name);
            if (node is null || !IsCreatable(flavor, name))
                return ctx.Invalid("name");
            Target(ctx).Remove(node);
            return LabOutput.None;
        }));
        if (dialect.HasVlans)
            AddVlanCommands(list, Target, dialect);
        list.Add(new("ip route <prefix> <mask> <nexthop>", c, ctx =>
        {
            if (!CiscoConfig.IsIPv4(ctx.Arg("prefix")))
                return ctx.Invalid("prefix");
            if (!CiscoConfig.IsMask(ctx.Arg("mask")))
                return ctx.Invalid("mask");
            Target(ctx).GetOrAdd($"ip route {ctx.Arg("prefix")} {ctx.Arg("mask")} {ctx.Arg("nexthop")}", "ip route");
            return LabOutput.None;
        }));
        list.Add(new("no ip route <prefix> <mask> <nexthop>", c, ctx =>
        {
            Target(ctx).RemoveStartingWith($"ip route {ctx.Arg("prefix")} {ctx.Arg("mask")} {ctx.Arg("nexthop")}");
            return LabOutput.None;
        }));
        list.Add(new("ip domain-name <name>", c, ctx => { Target(ctx).SetLine("ip domain-name " + ctx.Arg("name"), 2, "ip"); return LabOutput.None; }));
        list.Add(new("no ip domain-name", c, ctx => { Target(ctx).RemoveStartingWith("ip domain-name"); return LabOutput.None; }));
        list.Add(new("ntp server <address>", c, ctx => { Target(ctx).GetOrAdd("ntp server " + ctx.Arg("address"), "ntp"); return LabOutput.None; }));
        list.Add(new("no ntp server <address>", c, ctx => { Target(ctx).RemoveStartingWith("ntp server " + ctx.Arg("address")); return LabOutput.None; }));
        list.Add(new("logging host <address>", c, ctx => { Target(ctx).GetOrAdd("logging host " + ctx.Arg("address"), "logging"); return LabOutput.None; }));
        list.Add(new("username <name> privilege <level:number> secret <secret>", c, ctx =>
        {
            string hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ctx.Arg("name") + ":" + ctx.Arg("secret"))))[..30].Replace('+', '.');
            Target(ctx).SetLine($"username {ctx.Arg("name")} privilege {ctx.Arg("level")} secret 9 $9${hash}", 2, "username");
            return LabOutput.None;
        }));
        // Lines that carry secrets, so backups' scrubbing is tested against a device that prints them.
        list.Add(new("enable secret <secret>", c, ctx =>
        {
            string hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("enable:" + ctx.Arg("secret"))))[..30].Replace('+', '.');
            Target(ctx).SetLine($"enable secret 9 $9${hash}", 2, "enable");
            return LabOutput.None;
        }));
        list.Add(new("snmp-server community <name> [<access...>]", c, ctx =>
        {
            string access = ctx.Arg("access") is { Length: > 0 } a ? a.ToUpperInvariant() : "RO";
            Target(ctx).SetLine($"snmp-server community {ctx.Arg("name")} {access}", 3, "snmp-server");
            return LabOutput.None;
        }));
        list.Add(new("no snmp-server community <name>", c, ctx => { Target(ctx).RemoveStartingWith("snmp-server community " + ctx.Arg("name")); return LabOutput.None; }));
        list.Add(new("tacacs-server key <key>", c, ctx => { Target(ctx).SetLine("tacacs-server key " + ctx.Arg("key"), 2, "tacacs-server"); return LabOutput.None; }));
        list.Add(new("no username <name>", c, ctx => { Target(ctx).RemoveStartingWith("username " + ctx.Arg("name")); return LabOutput.None; }));

        // Interface configuration.
        list.Add(new("description <text...>", ci, ctx => { ctx.ModeNode!.SetLine("description " + ctx.Arg("text")); return LabOutput.None; }));
        list.Add(new("no description", ci, ctx => { ctx.ModeNode!.RemoveStartingWith("description"); return LabOutput.None; }));
        string addr = dialect.AddressKeyword;
        LabOutput SetAddress(LabCommandContext ctx, string address, int length)
        {
            ConfigNode node = ctx.ModeNode!;
            node.RemoveStartingWith("no " + addr);
            string mask = CiscoConfig.MaskFromLength(length);
            node.SetLine(dialect.CidrAddresses ? $"{addr} {address}/{length}" : $"{addr} {address} {mask}", 2, "description");
            return LabOutput.None;
        }
        list.Add(new(addr + " <address> <mask>", ci, ctx =>
        {
            if (!CiscoConfig.IsIPv4(ctx.Arg("address")))
                return ctx.Invalid("address");
            if (!CiscoConfig.IsMask(ctx.Arg("mask")))
                return ctx.Invalid("mask");
            return SetAddress(ctx, ctx.Arg("address"), CiscoConfig.MaskLength(ctx.Arg("mask")));
        }));
        if (dialect.CidrAddresses)
        {
            list.Add(new(addr + " <prefix>", ci, ctx =>
            {
                string prefix = ctx.Arg("prefix");
                int slash = prefix.IndexOf('/');
                if (slash < 0 || !CiscoConfig.IsIPv4(prefix[..slash])
                    || !int.TryParse(prefix.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int len) || len > 32)
                    return ctx.Invalid("prefix");
                return SetAddress(ctx, prefix[..slash], len);
            }));
        }
        list.Add(new("no " + addr, ci, ctx =>
        {
            ConfigNode node = ctx.ModeNode!;
            node.RemoveStartingWith(addr);
            if (!dialect.CommitBased && !dialect.CidrAddresses)
                node.SetLine("no " + addr, 3, "description");
            return LabOutput.None;
        }));
        list.Add(new("shutdown", ci, ctx => { ctx.ModeNode!.SetLine("shutdown"); return LabOutput.None; }));
        list.Add(new("no shutdown", ci, ctx => { ctx.ModeNode!.RemoveStartingWith("shutdown"); return LabOutput.None; }));
        list.Add(new("mtu <bytes:number>", ci, ctx =>
        {
            int mtu = int.Parse(ctx.Arg("bytes"), CultureInfo.InvariantCulture);
            if (mtu is < 64 or > 9216)
                return ctx.Invalid("bytes");
            ctx.ModeNode!.SetLine("mtu " + mtu.ToString(CultureInfo.InvariantCulture));
            return LabOutput.None;
        }));
        list.Add(new("no mtu", ci, ctx => { ctx.ModeNode!.RemoveStartingWith("mtu"); return LabOutput.None; }));
        list.Add(new("switchport mode <kind>", ci, ctx =>
        {
            string kind = ctx.Arg("kind").ToLowerInvariant();
            string? full = "access".StartsWith(kind, StringComparison.Ordinal) ? "access" : "trunk".StartsWith(kind, StringComparison.Ordinal) ? "trunk" : null;
            if (full is null || !flavor.IsSwitchPort(ctx.ModeArg ?? ""))
                return ctx.Invalid("kind");
            ctx.ModeNode!.SetLine("switchport mode " + full, 2, "switchport");
            return LabOutput.None;
        }));
        list.Add(new("switchport access vlan <id:number>", ci, ctx =>
        {
            int id = int.Parse(ctx.Arg("id"), CultureInfo.InvariantCulture);
            if (id is < 1 or > 4094)
                return ctx.Invalid("id");
            ctx.ModeNode!.SetLine("switchport access vlan " + id.ToString(CultureInfo.InvariantCulture), 3, "switchport");
            if (Target(ctx).Find("vlan " + id.ToString(CultureInfo.InvariantCulture)) is null && id != 1)
            {
                Target(ctx).GetOrAdd("vlan " + id.ToString(CultureInfo.InvariantCulture), "vlan", "interface");
                SortVlans(Target(ctx));
                return LabOutput.Of($"% Access VLAN does not exist. Creating vlan {id}\n");
            }
            return LabOutput.None;
        }));
        list.Add(new("switchport trunk allowed vlan <list>", ci, ctx => { ctx.ModeNode!.SetLine("switchport trunk allowed vlan " + ctx.Arg("list"), 4, "switchport"); return LabOutput.None; }));
        list.Add(new("no switchport", ci, ctx => { ctx.ModeNode!.RemoveStartingWith("switchport"); ctx.ModeNode!.SetLine("no switchport", 2); return LabOutput.None; }));
        list.Add(new("switchport", ci, ctx => { ctx.ModeNode!.RemoveStartingWith("no switchport"); return LabOutput.None; }));

        return list;
    }

    private static void AddVlanCommands(List<LabCommand> list, Func<LabCommandContext, ConfigNode> Target, CiscoDialect dialect)
    {
        string[] c = [Config];
        string[] cv = [ConfigVlan];
        list.Add(new("vlan <id:number>", [Config, ConfigIf, ConfigVlan], ctx =>
        {
            int id = int.Parse(ctx.Arg("id"), CultureInfo.InvariantCulture);
            if (id is < 1 or > 4094)
                return ctx.Invalid("id");
            ConfigNode node = Target(ctx).GetOrAdd("vlan " + id.ToString(CultureInfo.InvariantCulture), "vlan", "interface");
            SortVlans(Target(ctx));
            if (ctx.Mode == Config)
                ctx.EnterMode(ConfigVlan, id.ToString(CultureInfo.InvariantCulture), node);
            else
                ctx.ReplaceMode(ConfigVlan, id.ToString(CultureInfo.InvariantCulture), node);
            return LabOutput.None;
        }));
        list.Add(new("no vlan <id:number>", c, ctx =>
        {
            Target(ctx).RemoveStartingWith("vlan " + ctx.Arg("id"));
            return LabOutput.None;
        }));
        // VLAN configuration.
        list.Add(new(dialect.VlanNameOneWord ? "name <name>" : "name <name...>", cv, ctx =>
        {
            string name = ctx.Arg("name");
            if (name.Length > 32)
                return ctx.Invalid("name");
            ctx.ModeNode!.SetLine("name " + name);
            return LabOutput.None;
        }));
        list.Add(new("no name", cv, ctx => { ctx.ModeNode!.RemoveStartingWith("name"); return LabOutput.None; }));
        list.Add(new("shutdown", cv, _ => LabOutput.None));
    }

    public static bool IsHostname(string name) =>
        name.Length is > 0 and <= 63 && char.IsLetter(name[0]) && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_');

    private static bool IsCreatable(CiscoFlavor flavor, string name)
    {
        foreach (string t in flavor.CreatableTypes)
        {
            if (name.StartsWith(t, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static LabOutput EnterInterface(LabCommandContext ctx, CiscoFlavor flavor, ConfigNode root, CiscoDialect dialect)
    {
        string name = ctx.Arg("name");
        ConfigNode? node = CiscoConfig.FindInterface(root, name);
        if (node is null)
        {
            if (!IsCreatable(flavor, name))
                return ctx.Invalid("name");
            node = new ConfigNode("interface " + name);
            if (!dialect.CommitBased && !dialect.CidrAddresses)
                node.Insert(new ConfigNode("no ip address"));
            root.Insert(node, "interface");
        }
        if (ctx.Mode == Config)
            ctx.EnterMode(ConfigIf, flavor.ShortName(name), node);
        else
            ctx.ReplaceMode(ConfigIf, flavor.ShortName(name), node);
        return LabOutput.None;
    }

    private static void SortVlans(ConfigNode root) =>
        root.SortGroup("vlan", (a, b) => VlanId(a).CompareTo(VlanId(b)));

    private static int VlanId(ConfigNode n) =>
        int.TryParse(n.Text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int id) ? id : int.MaxValue;

    private static LabOutput RunningInterface(LabCommandContext ctx)
    {
        ConfigNode? node = CiscoConfig.FindInterface(ctx.Device.Running, ctx.Arg("name"));
        if (node is null)
            return ctx.Invalid("name");
        var lines = new List<string> { node.Text };
        node.RenderIndented(lines, " ", 1);
        var sb = new StringBuilder();
        sb.Append("Building configuration...\n\n");
        int bytes = lines.Sum(l => l.Length + 1) + 4;
        sb.Append(CultureInfo.InvariantCulture, $"Current configuration : {bytes} bytes\n!\n");
        foreach (string l in lines)
            sb.Append(l).Append('\n');
        sb.Append("end\n");
        return LabOutput.Of(sb.ToString());
    }

    private static LabOutput Save(LabCommandContext ctx, CiscoDialect dialect)
    {
        ctx.Device.Startup = ctx.Device.Running.Clone();
        return LabOutput.Of(dialect.SaveMessage);
    }

    private static IEnumerable<string> TechSupport(LabCommandContext ctx, CiscoFlavor flavor)
    {
        LabDeviceState state = ctx.Device;
        var sections = new (string Title, Func<string> Text)[]
        {
            ("show version", () => flavor.ShowVersion(state)),
            ("show running-config", () => CiscoConfig.Render(flavor, state, state.Running)),
            ("show interfaces", () => CiscoShow.Interfaces(state, state.Running, null, flavor)),
            ("show interfaces description", () => CiscoShow.InterfacesDescription(state.Running, flavor.ShortName)),
            ("show vlan brief", () => CiscoShow.VlanBrief(state.Running, flavor)),
            ("show inventory", () => flavor.ShowInventory),
        };
        foreach ((string title, Func<string> text) in sections)
        {
            yield return "";
            yield return $"------------------ {title} ------------------";
            yield return "";
            foreach (string line in LabOutput.Of(text()).EnumerateLines())
                yield return line;
        }
    }
}
