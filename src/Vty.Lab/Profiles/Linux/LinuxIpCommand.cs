using System.Text;

namespace Vty.Lab.Profiles.Linux;

/// <summary>
/// <c>ip</c> (iproute2) on the lab host: <c>ip [-br] addr|link [show]</c> over a fixed set of
/// interfaces (loopback, an uplink on the lab network, an unplugged second port).
/// </summary>
internal static class LinuxIpCommand
{
    private sealed record Interface(int Index, string Name, string State, string Flags, int Mtu, string Mac, string[] Addresses);

    private static readonly Interface[] Interfaces =
    [
        new(1, "lo", "UNKNOWN", "LOOPBACK,UP,LOWER_UP", 65536, "00:00:00:00:00:00", ["127.0.0.1/8", "::1/128"]),
        new(2, "eth0", "UP", "BROADCAST,MULTICAST,UP,LOWER_UP", 1500, "52:54:00:00:00:08", ["192.0.2.8/24", "fe80::5054:ff:fe00:8/64"]),
        new(3, "eth1", "DOWN", "NO-CARRIER,BROADCAST,MULTICAST,UP", 1500, "52:54:00:00:00:09", []),
    ];

    public static LabOutput Run(LabCommandContext ctx)
    {
        List<string> args = ShellWords.Split(ctx.Arg("args"));
        bool brief = false;
        int i = 0;
        for (; i < args.Count && args[i].StartsWith('-'); i++)
        {
            if (args[i] is "-br" or "-brief" or "--brief")
                brief = true;
            else
                return LabOutput.Stderr($"Option \"{args[i]}\" is unknown, try \"ip -help\".\n", 255);
        }

        if (i >= args.Count)
            return LabOutput.Stderr("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { address | link | route | ... }\n", 255);
        string obj = args[i];
        if (i + 1 < args.Count && args[i + 1] is not ("show" or "list" or "sh" or "ls"))
            return LabOutput.Stderr($"Command \"{args[i + 1]}\" is unknown, try \"ip {obj} help\".\n", 255);
        bool address = obj.Length > 0 && "address".StartsWith(obj, StringComparison.Ordinal);
        bool link = obj.Length > 0 && "link".StartsWith(obj, StringComparison.Ordinal);
        if (!address && !link)
            return LabOutput.Stderr($"Object \"{obj}\" is unknown, try \"ip help\".\n", 255);

        var sb = new StringBuilder();
        foreach (Interface nic in Interfaces)
        {
            if (brief)
            {
                sb.Append(nic.Name.PadRight(16)).Append(' ').Append(nic.State.PadRight(14)).Append(' ');
                if (address)
                    sb.AppendJoin(' ', nic.Addresses).Append(nic.Addresses.Length > 0 ? " " : "");
                else
                    sb.Append(nic.Mac).Append(" <").Append(nic.Flags).Append("> ");
                sb.Append('\n');
                continue;
            }

            sb.Append($"{nic.Index}: {nic.Name}: <{nic.Flags}> mtu {nic.Mtu} qdisc {(nic.Name == "lo" ? "noqueue" : "fq_codel")} state {nic.State} group default qlen 1000\n");
            sb.Append(nic.Name == "lo" ? "    link/loopback " : "    link/ether ").Append(nic.Mac)
              .Append(nic.Name == "lo" ? " brd 00:00:00:00:00:00\n" : " brd ff:ff:ff:ff:ff:ff\n");
            if (!address)
                continue;
            foreach (string a in nic.Addresses)
            {
                bool v6 = a.Contains(':');
                string scope = nic.Name == "lo" ? "host" : v6 ? "link" : "global";
                string brd = !v6 && nic.Name != "lo" ? " brd 192.0.2.255" : "";
                sb.Append($"    {(v6 ? "inet6" : "inet")} {a}{brd} scope {scope}{(v6 ? " " : " " + nic.Name)}\n");
                sb.Append("       valid_lft forever preferred_lft forever\n");
            }
        }

        return LabOutput.Of(sb.ToString());
    }
}
