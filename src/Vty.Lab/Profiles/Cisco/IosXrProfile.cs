using System.Globalization;
using System.Text;
using Vty.Lab.Profiles.Cisco;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles;

/// <summary>Cisco IOS-XR 7.5 on an ASR 9000: no user mode, changes go to a candidate that <c>commit</c> applies.</summary>
internal static class IosXrProfile
{
    private const string Version = "7.5.2";

    public static DeviceProfile Create()
    {
        var flavor = new CiscoFlavor
        {
            FlashName = "harddisk:",
            Interfaces =
            [
                ("MgmtEth0/RP0/CPU0/0", ["ipv4 address 192.0.2.5 255.255.255.0"]),
                ("GigabitEthernet0/0/0/0", ["ipv4 address 198.51.100.1 255.255.255.252"]),
                ("GigabitEthernet0/0/0/1", ["shutdown"]),
                ("GigabitEthernet0/0/0/2", ["shutdown"]),
                ("GigabitEthernet0/0/0/3", ["shutdown"]),
            ],
            CreatableTypes = ["Loopback", "Bundle-Ether", "tunnel-ip"],
            IsSwitchPort = _ => false,
            GlobalLines =
            [
                "domain name lab.example",
                "username lab\n group root-lr\n group cisco-support\n secret 10 $6$LABLAB$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "line default\n transport input ssh telnet",
                "vty-pool default 0 50 protocol ssh",
            ],
            TrailerLines =
            [
                "router static\n address-family ipv4 unicast\n  0.0.0.0/0 192.0.2.254",
                "ssh server v2",
                "telnet vrf default ipv4 server max-servers 10",
            ],
            ShowVersion = ShowVersion,
            ShowInventory =
                "NAME: \"Rack 0\", DESCR: \"ASR 9006 4 Line Card Slot Chassis with V2 AC PEM\"\n" +
                "PID: ASR-9006-AC-V, VID: V03, SN: FOX0000AAAA\n\n" +
                "NAME: \"0/RSP0/CPU0\", DESCR: \"ASR9K Route Switch Processor with 880G/slot Fabric and 16GB\"\n" +
                "PID: A9K-RSP880-SE, VID: V05, SN: FOC0000BBBB\n\n" +
                "NAME: \"0/0/CPU0\", DESCR: \"ASR 9000 8-port 10GE Modular Port Adapter\"\n" +
                "PID: A9K-MPA-8X10GE, VID: V02, SN: FOC0000CCCC\n\n",
            RunningHeader = (state, _) =>
                "Building configuration...\n" +
                $"!! IOS XR Configuration {Version}\n" +
                $"!! Last configuration change at {state.LastChange:ddd MMM d HH:mm:ss yyyy} by {state.Options.Username}\n!\n",
            ShortName = name => name,
            IpInterfaceBrief = Ipv4InterfaceBrief,
            Hardware = "GigabitEthernet",
        };
        var dialect = new CiscoDialect
        {
            UserMode = false,
            ConfigureAsks = false,
            CommitBased = true,
            HasVlans = false,
            AddressKeyword = "ipv4 address",
            IpBriefCommand = "show ipv4 interface brief",
            ConfigureMessage = "",
            CopyQuestion = null,
            HasWriteMemory = false,
            Clock = t => t.ToString("HH:mm:ss.fff 'UTC' ddd MMM d yyyy", CultureInfo.InvariantCulture) + "\n",
            ReloadQuestion = "Proceed with reload? [confirm]",
        };
        List<LabCommand> commands = CiscoCommands.Build(flavor, dialect);
        commands.RemoveAll(c => c.Syntax == "end" || (c.Syntax == "exit" && c.IsValidIn("config")));
        commands.AddRange(CommitCommands(flavor));
        commands.AddRange(IosXrReplace.Commands("harddisk:", ApplyHostname));

        const string prefix = "RP/0/RP0/CPU0:";
        return new DeviceProfile
        {
            Name = "iosxr",
            Description = $"Cisco IOS-XR {Version} (ASR 9006)",
            DefaultHostname = "xr1",
            Login = new LabLoginDialog
            {
                DialogIntro = "\n\nUser Access Verification\n\n",
                FailureMessage = "% Authentication failed\n\n",
                PasswordOnlyFinalFailureMessage = "% Authentication failed\n",
                Motd = "\n",
            },
            Modes =
            [
                new("privileged", prefix + "{host}#"),
                new("config", prefix + "{host}(config)#") { IsConfig = true, EndMode = "privileged" },
                new("config-if", prefix + "{host}(config-if)#") { IsConfig = true, EndMode = "privileged" },
                new("config-vlan", prefix + "{host}(config-vlan)#") { IsConfig = true, EndMode = "privileged" },
            ],
            LoginMode = "privileged",
            FileSystemName = flavor.FlashName,
            Commands = commands,
            Filters = TextFilters.Cisco(noMore: false),
            Pager = LabPager.Backspacing(" --More-- "),
            Errors = LabErrorStyle.Ios,
            InterfaceTypes = ["GigabitEthernet", "TenGigE", "MgmtEth", "Loopback", "Bundle-Ether", "tunnel-ip"],
            InitialConfig = state => CiscoConfig.Initial(flavor, state),
        };
    }

    private static void ApplyHostname(LabDeviceState state)
    {
        if (state.Running.StartingWith("hostname").FirstOrDefault() is { } h)
            state.Hostname = h.Text["hostname ".Length..];
    }

    private static IEnumerable<LabCommand> CommitCommands(CiscoFlavor flavor)
    {
        string[] cfg = ["config", "config-if"];
        LabOutput DoCommit(LabCommandContext ctx, string? comment, TimeSpan? confirm)
        {
            if (!CommitEngine.Commit(ctx.Device, ctx.User, comment, confirm, ApplyHostname))
                return LabOutput.Of("% No configuration changes to commit.\n");
            return LabOutput.None;
        }

        yield return new("show ip interface brief", ["privileged"], ctx => LabOutput.Of(Ipv4InterfaceBrief(ctx.Device.Running)));
        yield return new("terminal exec prompt no-timestamp", ["privileged"], _ => LabOutput.None);
        yield return new("terminal exec prompt timestamp", ["privileged"], _ => LabOutput.None);
        yield return new("commit", cfg, ctx => DoCommit(ctx, null, null));
        yield return new("commit comment <text...>", cfg, ctx => DoCommit(ctx, ctx.Arg("text"), null));
        yield return new("commit confirmed", cfg, ctx => DoCommit(ctx, null, TimeSpan.FromSeconds(600)));
        yield return new("commit confirmed <seconds:number>", cfg, ctx =>
        {
            int s = int.Parse(ctx.Arg("seconds"), CultureInfo.InvariantCulture);
            if (s is < 30 or > 65535)
                return ctx.Invalid("seconds");
            return DoCommit(ctx, null, TimeSpan.FromSeconds(s));
        });
        LabOutput ConfirmedMinutes(LabCommandContext ctx, string? comment)
        {
            int m = int.Parse(ctx.Arg("minutes"), CultureInfo.InvariantCulture);
            if (m is < 1 or > 1092)
                return ctx.Invalid("minutes");
            return DoCommit(ctx, comment is null ? null : Vty.Lab.Engine.CommandLineParser.Unquote(comment), TimeSpan.FromMinutes(m));
        }
        yield return new("commit confirmed minutes <minutes:number>", cfg, ctx => ConfirmedMinutes(ctx, null));
        yield return new("commit confirmed minutes <minutes:number> comment <text...>", cfg, ctx => ConfirmedMinutes(ctx, ctx.Arg("text")));
        yield return new("abort", cfg, ctx =>
        {
            CommitEngine.Discard(ctx.Device);
            IosXrReplace.Forget(ctx.Device);
            ctx.EndConfiguration();
            return LabOutput.None;
        });
        yield return new("show configuration", cfg, ctx => LabOutput.Of(PendingChanges(ctx.Device)));
        yield return new("show configuration running", cfg, ctx => LabOutput.Of(CiscoConfig.Render(flavor, ctx.Device, ctx.Device.Running)));
        yield return new("exit", ["config-if"], ctx => { ctx.ExitMode(); return LabOutput.None; });
        yield return new("exit", ["config"], ctx => LeaveConfig(ctx));
        yield return new("end", cfg, ctx => LeaveConfig(ctx));
        yield return new("show configuration commit list", ["privileged"], ctx => LabOutput.Of(CommitList(ctx.Device)));
        yield return new("rollback configuration last <count:number>", ["privileged"], ctx =>
        {
            int n = int.Parse(ctx.Arg("count"), CultureInfo.InvariantCulture);
            if (n < 1 || !CommitEngine.LoadRollback(ctx.Device, n))
                return ctx.Invalid("count");
            CommitEngine.Commit(ctx.Device, ctx.User, $"rollback last {n}", null, ApplyHostname);
            return LabOutput.Of("\nLoading Rollback Changes.\nLoaded Rollback Changes in 1 sec \nCommitting.\n1 items committed in 1 sec (0)items/sec\nUpdating.\nUpdated Commit database in 1 sec \nConfiguration successfully rolled back 1 commits.\n");
        });
    }

    private static LabOutput LeaveConfig(LabCommandContext ctx)
    {
        if (!CommitEngine.HasChanges(ctx.Device))
        {
            ctx.EndConfiguration();
            return LabOutput.None;
        }
        return LabOutput.Ask("", new LabQuestion("Uncommitted changes found, commit them before exiting(yes/no/cancel)? [cancel]:", true, (answer, x) =>
        {
            string a = answer.Trim().ToLowerInvariant();
            if (a.Length > 0 && "yes".StartsWith(a, StringComparison.Ordinal))
            {
                CommitEngine.Commit(x.Device, x.User, null, null, ApplyHostname);
                x.EndConfiguration();
            }
            else if (a.Length > 0 && "no".StartsWith(a, StringComparison.Ordinal))
            {
                CommitEngine.Discard(x.Device);
                x.EndConfiguration();
            }
            return LabOutput.None;
        }));
    }

    private static string PendingChanges(LabDeviceState state)
    {
        var sb = new StringBuilder();
        sb.Append("Building configuration...\n");
        sb.Append(CultureInfo.InvariantCulture, $"!! IOS XR Configuration {Version}\n");
        if (state.Candidate is { } candidate)
        {
            foreach (ConfigNode n in candidate.Children)
            {
                ConfigNode? old = state.Running.Find(n.Text);
                if (old is not null && old.SameAs(n))
                    continue;
                var lines = new List<string> { n.Text };
                n.RenderIndented(lines, " ", 1);
                foreach (string l in lines)
                    sb.Append(l).Append('\n');
                if (n.HasChildren)
                    sb.Append("!\n");
            }
            foreach (ConfigNode old in state.Running.Children)
            {
                // A changed single-valued line (hostname X → hostname Y) shows as its new value only.
                bool replaced = !old.HasChildren && candidate.Children.Any(c => !c.HasChildren && CiscoConfig.FirstWord(c.Text) == CiscoConfig.FirstWord(old.Text));
                if (candidate.Find(old.Text) is null && !replaced)
                    sb.Append("no ").Append(old.Text).Append('\n');
            }
        }
        sb.Append("end\n");
        return sb.ToString();
    }

    private static string CommitList(LabDeviceState state)
    {
        var sb = new StringBuilder();
        sb.Append("SNo. Label/ID              User      Line                Client      Time Stamp\n");
        sb.Append("~~~~ ~~~~~~~~              ~~~~      ~~~~                ~~~~~~      ~~~~~~~~~~\n");
        int sno = 1;
        for (int i = state.Commits.Count - 1; i >= 0; i--)
        {
            LabCommit c = state.Commits[i];
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-5}{1,-22}{2,-10}{3,-20}{4,-12}{5:ddd MMM d HH:mm:ss yyyy}\n",
                sno++, 1000000000 + c.Number, c.User, "vty0:node0_RP0_CPU0", "CLI", c.Time));
        }
        return sb.ToString();
    }

    private static string Ipv4InterfaceBrief(ConfigNode root)
    {
        var sb = new StringBuilder();
        sb.Append('\n');
        sb.Append("Interface                      IP-Address      Status          Protocol Vrf-Name\n");
        foreach (ConfigNode iface in CiscoConfig.Interfaces(root))
        {
            bool down = CiscoConfig.IsShutdown(iface);
            string ip = CiscoConfig.Address(iface)?.Address ?? "unassigned";
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-31}{1,-16}{2,-16}{3,-9}{4}\n",
                CiscoConfig.InterfaceName(iface), ip, down ? "Shutdown" : "Up", down ? "Down" : "Up", "default"));
        }
        return sb.ToString();
    }

    private static string ShowVersion(LabDeviceState s) =>
        $"Cisco IOS XR Software, Version {Version}\n" +
        "Copyright (c) 2013-2022 by Cisco Systems, Inc.\n\n" +
        "Build Information:\n" +
        " Built By     : lab\n" +
        " Built On     : Thu Apr 21 10:40:37 PDT 2022\n" +
        " Built Host   : iox-lnx-000\n" +
        " Workspace    : /auto/srcarchive/prod/7.5.2/asr9k-x64/ws\n" +
        $" Version      : {Version}\n" +
        " Location     : /opt/cisco/XR/packages/\n" +
        " Label        : 7.5.2\n\n" +
        "cisco ASR9K () processor\n" +
        $"System uptime is 4 weeks 2 days 5 hours 10 minutes\n" +
        $"{s.Hostname} uptime is 4 weeks 2 days 5 hours 10 minutes\n";
}
