using System.Globalization;
using System.Text;

namespace Vty.Lab.Profiles.Cisco;

/// <summary>Outputs of the Cisco-style show commands, derived from the configuration tree.</summary>
internal static class CiscoShow
{
    public static string IpInterfaceBrief(ConfigNode root)
    {
        var sb = new StringBuilder();
        sb.Append("Interface              IP-Address      OK? Method Status                Protocol\n");
        foreach (ConfigNode iface in CiscoConfig.Interfaces(root))
        {
            string name = CiscoConfig.InterfaceName(iface);
            (string Address, string Mask)? addr = CiscoConfig.Address(iface);
            bool down = CiscoConfig.IsShutdown(iface);
            string status = down ? "administratively down" : "up";
            string line = string.Format(CultureInfo.InvariantCulture, "{0,-23}{1,-16}YES {2,-7}{3,-22}{4}",
                name, addr?.Address ?? "unassigned", addr is null ? "unset" : "manual", status, down ? "down" : "up");
            sb.Append(line).Append('\n');
        }
        return sb.ToString();
    }

    public static string InterfacesDescription(ConfigNode root, Func<string, string> shortName)
    {
        var sb = new StringBuilder();
        sb.Append("Interface                      Status         Protocol Description\n");
        foreach (ConfigNode iface in CiscoConfig.Interfaces(root))
        {
            bool down = CiscoConfig.IsShutdown(iface);
            string desc = iface.StartingWith("description").FirstOrDefault()?.Text is { } d ? d["description ".Length..] : "";
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-31}{1,-15}{2,-9}{3}",
                shortName(CiscoConfig.InterfaceName(iface)), down ? "admin down" : "up", down ? "down" : "up", desc).TrimEnd()).Append('\n');
        }
        return sb.ToString();
    }

    public static string VlanBrief(ConfigNode root, CiscoFlavor flavor)
    {
        var vlans = new SortedDictionary<int, string> { [1] = "default" };
        foreach (ConfigNode v in root.StartingWith("vlan"))
        {
            if (!int.TryParse(v.Text["vlan ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int id))
                continue;
            string? name = v.StartingWith("name").FirstOrDefault()?.Text;
            vlans[id] = name is null ? string.Create(CultureInfo.InvariantCulture, $"VLAN{id:D4}") : name[5..];
        }
        var ports = new Dictionary<int, List<string>>();
        foreach (ConfigNode iface in CiscoConfig.Interfaces(root))
        {
            string name = CiscoConfig.InterfaceName(iface);
            if (!flavor.IsSwitchPort(name) || iface.Find("no switchport") is not null || CiscoConfig.IsTrunk(iface))
                continue;
            int vlan = CiscoConfig.AccessVlan(iface) ?? 1;
            if (!ports.TryGetValue(vlan, out List<string>? list))
                ports[vlan] = list = [];
            list.Add(flavor.ShortName(name));
        }
        var sb = new StringBuilder();
        sb.Append("\nVLAN Name                             Status    Ports\n");
        sb.Append("---- -------------------------------- --------- -------------------------------\n");
        foreach ((int id, string name) in vlans)
            AppendVlanRow(sb, id, name, "active", ports.TryGetValue(id, out List<string>? p) ? p : []);
        if (flavor.ShowsLegacyVlans)
        {
            AppendVlanRow(sb, 1002, "fddi-default", "act/unsup", []);
            AppendVlanRow(sb, 1003, "token-ring-default", "act/unsup", []);
            AppendVlanRow(sb, 1004, "fddinet-default", "act/unsup", []);
            AppendVlanRow(sb, 1005, "trnet-default", "act/unsup", []);
        }
        return sb.ToString();
    }

    private static void AppendVlanRow(StringBuilder sb, int id, string name, string status, List<string> ports)
    {
        string head = string.Format(CultureInfo.InvariantCulture, "{0,-5}{1,-33}{2,-10}", id, name.Length > 32 ? name[..32] : name, status);
        var rows = new List<string>();
        var current = new StringBuilder();
        foreach (string p in ports)
        {
            string piece = current.Length == 0 ? p : ", " + p;
            if (current.Length + piece.Length > 31)
            {
                rows.Add(current.ToString() + ",");
                current.Clear();
                piece = p;
            }
            current.Append(piece);
        }
        rows.Add(current.ToString());
        sb.Append((head + rows[0]).TrimEnd()).Append('\n');
        for (int i = 1; i < rows.Count; i++)
            sb.Append(new string(' ', 48)).Append(rows[i]).Append('\n');
    }

    public static string Interfaces(LabDeviceState state, ConfigNode root, string? only, CiscoFlavor flavor)
    {
        var sb = new StringBuilder();
        int index = 0;
        foreach (ConfigNode iface in CiscoConfig.Interfaces(root))
        {
            index++;
            string name = CiscoConfig.InterfaceName(iface);
            if (only is not null && !string.Equals(only, name, StringComparison.OrdinalIgnoreCase))
                continue;
            bool down = CiscoConfig.IsShutdown(iface);
            bool loopback = name.StartsWith("Loopback", StringComparison.OrdinalIgnoreCase);
            string mac = CiscoConfig.Mac(state.Hostname, index);
            sb.Append(CultureInfo.InvariantCulture, $"{name} is {(down ? "administratively down" : "up")}, line protocol is {(down ? "down" : "up")} \n");
            if (loopback)
                sb.Append("  Hardware is Loopback\n");
            else
                sb.Append(CultureInfo.InvariantCulture, $"  Hardware is {flavor.Hardware}, address is {mac} (bia {mac})\n");
            if (iface.StartingWith("description").FirstOrDefault() is { } d)
                sb.Append("  Description: ").Append(d.Text["description ".Length..]).Append('\n');
            if (CiscoConfig.Address(iface) is { } a)
                sb.Append(CultureInfo.InvariantCulture, $"  Internet address is {a.Address}/{CiscoConfig.MaskLength(a.Mask)}\n");
            int mtu = iface.StartingWith("mtu").FirstOrDefault() is { } m ? int.Parse(m.Text[4..], CultureInfo.InvariantCulture) : loopback ? 1514 : 1500;
            sb.Append(CultureInfo.InvariantCulture, $"  MTU {mtu} bytes, BW {(loopback ? 8000000 : 1000000)} Kbit/sec, DLY {(loopback ? 5000 : 10)} usec, \n");
            sb.Append("     reliability 255/255, txload 1/255, rxload 1/255\n");
            sb.Append(CultureInfo.InvariantCulture, $"  Encapsulation {(loopback ? "LOOPBACK" : "ARPA")}, loopback not set\n");
            sb.Append("  Keepalive set (10 sec)\n");
            if (!loopback)
            {
                sb.Append("  Full Duplex, 1000Mbps, media type is RJ45\n");
                sb.Append("  output flow-control is unsupported, input flow-control is unsupported\n");
                sb.Append("  ARP type: ARPA, ARP Timeout 04:00:00\n");
            }
            sb.Append("  Last input 00:00:00, output 00:00:00, output hang never\n");
            sb.Append("  Last clearing of \"show interface\" counters never\n");
            sb.Append("  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 0\n");
            sb.Append("  Queueing strategy: fifo\n");
            sb.Append("  Output queue: 0/40 (size/max)\n");
            int rate = down ? 0 : 1000 * index;
            sb.Append(CultureInfo.InvariantCulture, $"  5 minute input rate {rate} bits/sec, {(down ? 0 : index)} packets/sec\n");
            sb.Append(CultureInfo.InvariantCulture, $"  5 minute output rate {rate} bits/sec, {(down ? 0 : index)} packets/sec\n");
            long packets = down ? 0 : 104729L * index;
            sb.Append(CultureInfo.InvariantCulture, $"     {packets} packets input, {packets * 412} bytes, 0 no buffer\n");
            sb.Append("     Received 0 broadcasts (0 IP multicasts)\n");
            sb.Append("     0 runts, 0 giants, 0 throttles \n");
            sb.Append("     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored\n");
            sb.Append(CultureInfo.InvariantCulture, $"     {packets / 2} packets output, {packets * 301} bytes, 0 underruns\n");
            sb.Append("     0 output errors, 0 collisions, 0 interface resets\n");
            sb.Append("     0 unknown protocol drops\n");
            sb.Append("     0 output buffer failures, 0 output buffers swapped out\n");
        }
        return sb.ToString();
    }

    public static string IpRoute(ConfigNode root)
    {
        var sb = new StringBuilder();
        sb.Append("Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP\n");
        sb.Append("       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area \n");
        sb.Append("       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2\n");
        sb.Append("       E1 - OSPF external type 1, E2 - OSPF external type 2\n");
        sb.Append("       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2\n");
        sb.Append("       ia - IS-IS inter area, * - candidate default, U - per-user static route\n");
        sb.Append("       o - ODR, P - periodic downloaded static route, H - NHRP, l - LISP\n");
        sb.Append("       + - replicated route, % - next hop override\n\n");
        string? gateway = null;
        var routes = new List<string>();
        foreach (ConfigNode r in root.StartingWith("ip route"))
        {
            string[] w = r.Text.Split(' ');
            if (w.Length < 5)
                continue;
            if (w[2] == "0.0.0.0" && w[3] == "0.0.0.0")
                gateway = w[4];
            routes.Add(string.Create(CultureInfo.InvariantCulture, $"S{(w[2] == "0.0.0.0" ? "*" : " ")}    {w[2]}/{CiscoConfig.MaskLength(w[3])} [1/0] via {w[4]}"));
        }
        sb.Append(gateway is null ? "Gateway of last resort is not set\n\n" : $"Gateway of last resort is {gateway} to network 0.0.0.0\n\n");
        foreach (ConfigNode iface in CiscoConfig.Interfaces(root))
        {
            if (CiscoConfig.IsShutdown(iface) || CiscoConfig.Address(iface) is not { } a)
                continue;
            int len = CiscoConfig.MaskLength(a.Mask);
            string name = CiscoConfig.InterfaceName(iface);
            routes.Add(string.Create(CultureInfo.InvariantCulture, $"C        {CiscoConfig.Network(a.Address, len)}/{len} is directly connected, {name}"));
            routes.Add(string.Create(CultureInfo.InvariantCulture, $"L        {a.Address}/32 is directly connected, {name}"));
        }
        foreach (string r in routes)
            sb.Append(r).Append('\n');
        return sb.ToString();
    }
}
