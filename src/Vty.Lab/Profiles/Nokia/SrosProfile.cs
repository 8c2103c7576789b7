using System.Globalization;
using System.Text;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>
/// Nokia SR OS 23.3 classic CLI on a 7750 SR-1: <c>A:sr1#</c>, <c>configure</c> contexts shown in the prompt
/// (<c>A:sr1&gt;config&gt;router&gt;if#</c>), a star in front while changes are unsaved, <c>exit</c>/<c>exit all</c>/<c>back</c>,
/// <c>info</c>, <c>admin save</c>, <c>admin display-config</c>. The MD-CLI is not emulated.
/// </summary>
internal static class SrosProfile
{
    private const string Exec = "exec";
    private const string Cfg = "config";

    public static DeviceProfile Create() => new()
    {
        Name = "sros",
        Description = "Nokia SR OS 23.3.R1 classic CLI (7750 SR-1)",
        DefaultHostname = "sr1",
        Login = new LabLoginDialog
        {
            UsernamePrompt = "Login: ",
            PasswordPrompt = "Password: ",
            FailureMessage = "Login incorrect\n",
            PasswordOnlyFinalFailureMessage = "Login incorrect\n",
            Motd = "\nSR OS Software\nCopyright (c) Nokia 2023.  All Rights Reserved.\n\n" +
                   "Trademarks\n\nNokia and the Nokia logo are registered trademarks of Nokia.\n\n" +
                   "This product includes software developed by the Apache Software Foundation (http://www.apache.org/).\n\n",
        },
        Modes =
        [
            new(Exec, "{*}A:{host}# "),
            new(Cfg, "{*}A:{host}>{arg}# ") { IsConfig = true, EndMode = Exec },
        ],
        LoginMode = Exec,
        Commands = Commands(),
        Filters =
        [
            new("match <pattern...>", (l, c) => TextFilters.Include(l, c.Arg("pattern"))),
            new("count", (l, _) => TextFilters.Count(l, "", "Count: {0} lines")),
        ],
        ChainFilters = true,
        Pager = LabPager.CarriageReturn("Press any key to continue (Q to quit)"),
        Errors = new LabErrorStyle(e => e.Kind switch
        {
            LabParseErrorKind.Incomplete => LabOutput.Fail("Error: Missing parameter\n"),
            LabParseErrorKind.Ambiguous => LabOutput.Fail($"{e.CaretLine}\nError: Ambiguous command\n"),
            _ => LabOutput.Fail($"{e.CaretLine}\nError: Bad command.\n"),
        }),
        InitialConfig = Initial,
    };

    private static ConfigNode Initial(LabDeviceState state)
    {
        var root = new ConfigNode("");
        ConfigNode system = Add(root, "system");
        Add(system, $"name \"{state.Hostname}\"");
        Add(system, "location \"lab\"");
        foreach (string port in new[] { "1/1/1", "1/1/2", "1/1/3" })
        {
            ConfigNode p = Add(root, "port " + port);
            Add(p, port == "1/1/1" ? "description \"to-core\"" : "shutdown");
            if (port == "1/1/1")
                Add(p, "no shutdown");
        }
        ConfigNode router = Add(root, "router Base");
        ConfigNode sys = Add(router, "interface \"system\"");
        Add(sys, "address 10.255.0.1/32");
        Add(sys, "no shutdown");
        ConfigNode core = Add(router, "interface \"to-core\"");
        Add(core, "address 192.0.2.120/24");
        Add(core, "port 1/1/1");
        Add(core, "no shutdown");
        Add(router, "static-route-entry 0.0.0.0/0\n next-hop 192.0.2.254\n  no shutdown");
        return root;
    }

    private static ConfigNode Add(ConfigNode parent, string text)
    {
        string[] parts = text.Split('\n');
        var node = new ConfigNode(parts[0]);
        parent.Insert(node);
        ConfigNode last = node;
        foreach (string p in parts.Skip(1))
        {
            var child = new ConfigNode(p.Trim());
            (p.StartsWith("  ", StringComparison.Ordinal) ? last : node).Insert(child);
            last = child;
        }
        return node;
    }

    private static List<LabCommand> Commands()
    {
        string[] exec = [Exec];
        string[] cfg = [Cfg];
        string[] any = [Exec, Cfg];
        return
        [
            new("logout", exec, ctx => { ctx.CloseSession(); return LabOutput.None; }),
            new("environment no more", any, ctx => CommonHandlers.SetPageLength(ctx, 0)),
            new("environment more", any, ctx => CommonHandlers.SetPageLength(ctx, ctx.Device.Options.PagerLines)),
            new("enable-admin", exec, _ => LabOutput.Fail("MINOR: CLI Already in admin mode.\n")),
            new("show version", any, _ => LabOutput.Of(Version)),
            new("show system information", any, ctx => LabOutput.Of(SystemInformation(ctx.Device))),
            new("show router interface", any, ctx => LabOutput.Of(RouterInterfaces(ctx.Device.Running))),
            new("show port", any, ctx => LabOutput.Of(Ports(ctx.Device.Running))),
            new("admin display-config", any, ctx => LabOutput.Of(DisplayConfig(ctx.Device))),
            new("admin save", any, ctx =>
            {
                ctx.Device.Startup = ctx.Device.Running.Clone();
                return LabOutput.Of("Writing configuration to cf3:\\config.cfg\nSaving configuration .... Completed.\n");
            }),
            new("ping <host>", any, ctx => LabOutput.Of(
                $"PING {ctx.Arg("host")} 56 data bytes\n" +
                string.Concat(Enumerable.Range(1, 5).Select(i => $"64 bytes from {ctx.Arg("host")}: icmp_seq={i} ttl=64 time=1.01ms.\n")) +
                $"\n---- {ctx.Arg("host")} PING Statistics ----\n5 packets transmitted, 5 packets received, 0.00% packet loss\nround-trip min = 1.01ms, avg = 1.01ms, max = 1.01ms, stddev = 0.000ms\n")),
            new("configure", exec, ctx => { ctx.EnterMode(Cfg, "config", ctx.Device.Running); return LabOutput.None; }),
            GeneratedOutput.Command(Exec),

            new("exit", cfg, ctx => { ctx.ExitMode(); return LabOutput.None; }),
            new("back", cfg, ctx => { ctx.ExitMode(); return LabOutput.None; }),
            new("exit all", cfg, ctx => { ctx.EndConfiguration(); return LabOutput.None; }),
            new("info", cfg, ctx => LabOutput.Of("----------------------------------------------\n" + Render(ctx.ModeNode!, 1) + "----------------------------------------------\n")),
            new("system", cfg, ctx => Enter(ctx, "config", "system", "system")),
            new("router [<name...>]", cfg, ctx => Enter(ctx, "config", "router " + (ctx.HasArg("name") ? ctx.Arg("name") : "Base"), "router")),
            new("port <id>", cfg, ctx =>
            {
                if (ctx.ModeArg == "config>router>if")
                    return SetLeaf(ctx, "port " + ctx.Arg("id"), 1);
                if (!IsPort(ctx.Arg("id")))
                    return LabOutput.Fail($"MINOR: CLI Invalid port \"{ctx.Arg("id")}\".\n");
                return Enter(ctx, "config", "port " + ctx.Arg("id"), "port");
            }),
            new("interface <name>", cfg, ctx =>
            {
                string name = ctx.Arg("name");
                if (name.Length is 0 or > 32)
                    return ctx.Invalid("name");
                return Enter(ctx, "config>router", $"interface \"{name}\"", "if");
            }),
            new("name <name>", cfg, ctx =>
            {
                if (ctx.ModeArg != "config>system")
                    return ctx.Invalid("name");
                ctx.Device.Hostname = ctx.Arg("name");
                return SetLeaf(ctx, $"name \"{ctx.Arg("name")}\"", 1);
            }),
            new("description <text...>", cfg, ctx => ctx.ModeArg is "config>router>if" or "config>port"
                ? SetLeaf(ctx, $"description \"{ctx.Arg("text").Trim('"')}\"", 1)
                : ctx.Invalid("text")),
            new("address <prefix>", cfg, ctx =>
            {
                if (ctx.ModeArg != "config>router>if")
                    return ctx.Invalid("prefix");
                string p = ctx.Arg("prefix");
                int slash = p.IndexOf('/');
                if (slash < 0 || !System.Net.IPAddress.TryParse(p[..slash], out _) || !int.TryParse(p[(slash + 1)..], out int len) || len is < 0 or > 32)
                    return LabOutput.Fail($"MINOR: CLI Invalid IP address \"{p}\".\n");
                return SetLeaf(ctx, "address " + p, 1);
            }),
            new("shutdown", cfg, ctx => Shutdown(ctx, true)),
            new("no shutdown", cfg, ctx => Shutdown(ctx, false)),
        ];
    }

    private static bool IsPort(string id) => id.Split('/') is { Length: 3 } parts && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _));

    private static LabOutput Enter(LabCommandContext ctx, string from, string text, string context)
    {
        if (ctx.ModeArg != from)
            return LabOutput.Fail("MINOR: CLI Command not allowed in this context.\n");
        ConfigNode node = ctx.ModeNode!.GetOrAdd(text);
        ctx.EnterMode(Cfg, ctx.ModeArg + ">" + context, node);
        return LabOutput.None;
    }

    private static LabOutput SetLeaf(LabCommandContext ctx, string line, int keyWords)
    {
        ctx.ModeNode!.SetLine(line, keyWords);
        ctx.Device.MarkChanged();
        return LabOutput.None;
    }

    private static LabOutput Shutdown(LabCommandContext ctx, bool down)
    {
        if (ctx.ModeArg is not ("config>router>if" or "config>port"))
            return LabOutput.Fail("MINOR: CLI Command not allowed in this context.\n");
        ctx.ModeNode!.RemoveStartingWith("shutdown");
        ctx.ModeNode.RemoveStartingWith("no shutdown");
        ctx.ModeNode.Insert(new ConfigNode(down ? "shutdown" : "no shutdown"));
        return LabOutput.None;
    }

    private static string Render(ConfigNode node, int depth)
    {
        var sb = new StringBuilder();
        string pad = new(' ', depth * 4);
        foreach (ConfigNode c in node.Children)
        {
            sb.Append(pad).Append(c.Text).Append('\n');
            if (c.HasChildren)
            {
                sb.Append(Render(c, depth + 1));
                sb.Append(pad).Append("exit\n");
            }
        }
        return sb.ToString();
    }

    private const string Version =
        "TiMOS-B-23.3.R1 both/x86_64 Nokia 7750 SR Copyright (c) 2000-2023 Nokia.\n" +
        "All rights reserved. All use subject to applicable license agreements.\n" +
        "Built on Wed Mar 22 16:33:47 PDT 2023 by builder in /builds/c/233B/R1/panos/main/sros\n";

    private static string DisplayConfig(LabDeviceState s)
    {
        string stamp = s.Now.ToString("ddd MMM dd HH:mm:ss yyyy 'UTC'", CultureInfo.InvariantCulture).ToUpperInvariant();
        return "# TiMOS-B-23.3.R1 both/x86_64 Nokia 7750 SR Copyright (c) 2000-2023 Nokia.\n" +
               "# All rights reserved. All use subject to applicable license agreements.\n" +
               "# Built on Wed Mar 22 16:33:47 PDT 2023 by builder in /builds/c/233B/R1/panos/main/sros\n" +
               "# Configuration format version 23.3 revision 0\n\n" +
               $"# Generated {stamp}\n\n" +
               "exit all\nconfigure\n" +
               Render(s.Running, 1) +
               "exit all\n\n" +
               $"# Finished {stamp}\n";
    }

    private static string SystemInformation(LabDeviceState s) =>
        "\n===============================================================================\n" +
        "System Information\n" +
        "===============================================================================\n" +
        $"System Name            : {s.Hostname}\n" +
        "System Type            : 7750 SR-1\n" +
        "Chassis Topology       : Standalone\n" +
        "System Version         : B-23.3.R1\n" +
        "System Contact         : \n" +
        "System Location        : lab\n" +
        "System Coordinates     : \n" +
        "System Up Time         : 41 days, 03:12:01.00 (hr:min:sec)\n\n" +
        "Configuration Mode Cfg : classic\n" +
        "Configuration Mode Oper: classic\n" +
        "Last Saved Config      : cf3:\\config.cfg\n" +
        $"Changes Since Last Save: {(s.Unsaved ? "Yes" : "No")}\n" +
        "===============================================================================\n";

    private static string RouterInterfaces(ConfigNode root)
    {
        var sb = new StringBuilder();
        sb.Append("\n===============================================================================\n");
        sb.Append("Interface Table (Router: Base)\n");
        sb.Append("===============================================================================\n");
        sb.Append("Interface-Name                   Adm       Opr(v4/v6)  Mode    Port/SapId\n");
        sb.Append("   IP-Address                                                  PfxState\n");
        sb.Append("-------------------------------------------------------------------------------\n");
        int n = 0;
        foreach (ConfigNode i in root.Find("router Base")?.StartingWith("interface") ?? [])
        {
            n++;
            string name = i.Text[10..].Trim('"');
            bool up = i.Find("no shutdown") is not null;
            string port = name == "system" ? "system" : i.StartingWith("port").FirstOrDefault()?.Text[5..] ?? "n/a";
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-33}{1,-10}{2,-12}{3,-8}{4}\n", name, up ? "Up" : "Down", up ? "Up/Down" : "Down/Down", "Network", port));
            string address = i.StartingWith("address").FirstOrDefault()?.Text[8..] ?? "-";
            sb.Append(string.Format(CultureInfo.InvariantCulture, "   {0,-59}n/a\n", address));
        }
        sb.Append("-------------------------------------------------------------------------------\n");
        sb.Append(CultureInfo.InvariantCulture, $"Interfaces : {n}\n");
        sb.Append("===============================================================================\n");
        return sb.ToString();
    }

    private static string Ports(ConfigNode root)
    {
        var sb = new StringBuilder();
        sb.Append("\n===============================================================================\n");
        sb.Append("Ports on Slot 1\n");
        sb.Append("===============================================================================\n");
        sb.Append("Port          Admin Link Port    Cfg  Oper LAG/ Port Port Port   C/QS/S/XFP/\n");
        sb.Append("Id            State      State   MTU  MTU  Bndl Mode Encp Type   MDIMDX\n");
        sb.Append("-------------------------------------------------------------------------------\n");
        foreach (ConfigNode p in root.StartingWith("port"))
        {
            bool up = p.Find("no shutdown") is not null;
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-14}{1,-6}{2,-5}{3,-8}{4,-5}{5,-5}{6,-5}{7,-5}{8,-5}{9}\n",
                p.Text[5..], up ? "Up" : "Down", up ? "Yes" : "No", up ? "Up" : "Down", 9212, 9212, "-", "netw", "null", "xcme"));
        }
        sb.Append("===============================================================================\n");
        return sb.ToString();
    }
}
