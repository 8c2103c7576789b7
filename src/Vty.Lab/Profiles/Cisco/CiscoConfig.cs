using System.Globalization;
using System.Net;
using System.Text;

namespace Vty.Lab.Profiles.Cisco;

/// <summary>Builds, reads and renders the IOS-style configuration tree of the Cisco-like profiles.</summary>
internal static class CiscoConfig
{
    public static ConfigNode Initial(CiscoFlavor flavor, LabDeviceState state)
    {
        var root = new ConfigNode("");
        bool hostnameAdded = false;
        foreach (string line in flavor.GlobalLines)
        {
            // IOS and NX-OS print the host name after the version, service and feature lines.
            if (!hostnameAdded && !StartsWithAny(line, "version", "service", "no service", "feature", "!"))
            {
                root.Insert(new ConfigNode("hostname " + state.Hostname));
                hostnameAdded = true;
            }
            AddPath(root, line);
        }
        if (!hostnameAdded)
            root.Insert(new ConfigNode("hostname " + state.Hostname));
        foreach ((string name, string[] lines) in flavor.Interfaces)
        {
            var node = new ConfigNode("interface " + name);
            foreach (string l in lines)
                node.Insert(new ConfigNode(l));
            root.Insert(node);
        }
        foreach (string line in flavor.TrailerLines)
            AddPath(root, line);
        return root;
    }

    private static bool StartsWithAny(string line, params string[] prefixes) =>
        prefixes.Any(p => ConfigNode.StartsWithWords(line, p));

    /// <summary>Adds "a" or "a\n b\n  c" (a line with children indented one space per level) at the top level.</summary>
    private static void AddPath(ConfigNode root, string text)
    {
        string[] parts = text.Split('\n');
        var stack = new List<ConfigNode> { root };
        foreach (string part in parts)
        {
            int depth = part.Length - part.TrimStart(' ').Length;
            var node = new ConfigNode(part.Trim());
            while (stack.Count > depth + 1)
                stack.RemoveAt(stack.Count - 1);
            stack[^1].Insert(node);
            stack.Add(node);
        }
    }

    /// <summary>Configuration body lines with "!" separators as IOS prints them.</summary>
    public static List<string> Body(ConfigNode root, string separator = "!")
    {
        var lines = new List<string>();
        IReadOnlyList<ConfigNode> top = root.Children;
        for (int i = 0; i < top.Count; i++)
        {
            ConfigNode n = top[i];
            lines.Add(n.Text);
            n.RenderIndented(lines, " ", 1);
            bool nextDiffers = i + 1 >= top.Count || FirstWord(top[i + 1].Text) != FirstWord(n.Text);
            if (n.HasChildren || nextDiffers || FirstWord(n.Text) == "interface")
                lines.Add(separator);
        }
        return lines;
    }

    public static string Render(CiscoFlavor flavor, LabDeviceState state, ConfigNode root)
    {
        List<string> body = Body(root, flavor.Separator);
        int bytes = body.Sum(l => l.Length + 1) + 4;
        var sb = new StringBuilder();
        sb.Append(flavor.RunningHeader(state, bytes.ToString(CultureInfo.InvariantCulture)));
        foreach (string l in body)
            sb.Append(l).Append('\n');
        if (flavor.RenderEnd)
            sb.Append("end\n");
        return sb.ToString();
    }

    public static string FirstWord(string text)
    {
        int sp = text.IndexOf(' ');
        return sp < 0 ? text : text[..sp];
    }

    public static IEnumerable<ConfigNode> Interfaces(ConfigNode root) => root.StartingWith("interface");

    public static string InterfaceName(ConfigNode node) => node.Text["interface ".Length..];

    public static ConfigNode? FindInterface(ConfigNode root, string name) => root.Find("interface " + name);

    public static bool IsShutdown(ConfigNode iface) => iface.Find("shutdown") is not null;

    /// <summary>"a.b.c.d m.m.m.m" of the interface, or null.</summary>
    public static (string Address, string Mask)? Address(ConfigNode iface)
    {
        foreach (ConfigNode c in iface.Children)
        {
            if (!ConfigNode.StartsWithWords(c.Text, "ip address") && !ConfigNode.StartsWithWords(c.Text, "ipv4 address"))
                continue;
            string[] w = c.Text.Split(' ');
            if (w.Length >= 4 && w[2] != "dhcp")
                return (w[2], w[3]);
            if (w.Length == 3 && w[2].Contains('/'))
                return (w[2][..w[2].IndexOf('/')], w[2][(w[2].IndexOf('/') + 1)..]);
        }
        return null;
    }

    public static bool IsIPv4(string s) =>
        s.Count(c => c == '.') == 3 && IPAddress.TryParse(s, out IPAddress? a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;

    public static int MaskLength(string mask)
    {
        if (int.TryParse(mask, NumberStyles.None, CultureInfo.InvariantCulture, out int len))
            return len;
        if (!IPAddress.TryParse(mask, out IPAddress? m))
            return 0;
        int bits = 0;
        foreach (byte b in m.GetAddressBytes())
            bits += System.Numerics.BitOperations.PopCount(b);
        return bits;
    }

    public static string MaskFromLength(int length)
    {
        uint v = length == 0 ? 0 : uint.MaxValue << (32 - length);
        return $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}";
    }

    public static bool IsMask(string s)
    {
        if (!IsIPv4(s))
            return false;
        uint v = 0;
        foreach (byte b in IPAddress.Parse(s).GetAddressBytes())
            v = (v << 8) | b;
        uint inv = ~v;
        return (inv & (inv + 1)) == 0;
    }

    public static string Network(string address, int length)
    {
        byte[] a = IPAddress.Parse(address).GetAddressBytes();
        uint v = (uint)(a[0] << 24 | a[1] << 16 | a[2] << 8 | a[3]);
        uint mask = length == 0 ? 0 : uint.MaxValue << (32 - length);
        v &= mask;
        return $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}";
    }

    /// <summary>A stable MAC address for the n-th interface of a device.</summary>
    public static string Mac(string hostname, int index)
    {
        int h = 0;
        foreach (char c in hostname)
            h = (h * 31 + c) & 0xFFFF;
        return string.Create(CultureInfo.InvariantCulture, $"5254.00{h >> 8:x2}.{h & 255:x2}{index & 255:x2}");
    }

    public static int? AccessVlan(ConfigNode iface)
    {
        foreach (ConfigNode c in iface.StartingWith("switchport access vlan"))
        {
            if (int.TryParse(c.Text["switchport access vlan ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int v))
                return v;
        }
        return null;
    }

    public static bool IsTrunk(ConfigNode iface) => iface.Find("switchport mode trunk") is not null;
}
