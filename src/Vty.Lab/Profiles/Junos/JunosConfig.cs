using System.Text;

namespace Vty.Lab.Profiles.Junos;

/// <summary>
/// Junos statements on the shared configuration tree: <c>set</c> paths become nested nodes
/// (keywords that take a name, like <c>unit 0</c> or <c>family inet</c>, form one node), nodes
/// with children render as <c>name {</c> … <c>}</c> and leaves as <c>name;</c>.
/// </summary>
internal static class JunosConfig
{
    /// <summary>Keywords whose next word names the node (<c>unit 0</c>, <c>address 10.0.0.1/24</c>).</summary>
    private static readonly HashSet<string> Named = new(StringComparer.Ordinal)
    {
        "unit", "family", "address", "host-name", "description", "vlan-id", "mtu", "domain-name", "time-zone",
        "route", "next-hop", "server", "members", "user", "class", "uid", "encrypted-password", "file", "any",
        "name-server", "native-vlan-id", "interface-mode", "speed", "community", "authorization", "vlan",
        "local-address", "neighbor", "peer-as", "type", "group", "area", "interface", "contact", "location", "version",
    };

    /// <summary>Leaves that hold one value: setting them again replaces the old value.</summary>
    private static readonly HashSet<string> SingleValued = new(StringComparer.Ordinal)
    {
        "host-name", "description", "vlan-id", "mtu", "domain-name", "time-zone", "native-vlan-id", "interface-mode",
        "speed", "class", "uid", "encrypted-password", "contact", "location", "peer-as", "type", "local-address", "version",
    };

    /// <summary>Top-level hierarchies <c>set</c> accepts.</summary>
    public static readonly HashSet<string> TopLevel = new(StringComparer.Ordinal)
    {
        "system", "interfaces", "vlans", "routing-options", "protocols", "snmp", "policy-options", "firewall",
        "security", "chassis", "class-of-service", "routing-instances", "groups", "apply-groups", "version",
    };

    public static List<string> Group(IReadOnlyList<string> words)
    {
        var groups = new List<string>();
        for (int i = 0; i < words.Count; i++)
        {
            string w = words[i];
            if (Named.Contains(w) && i + 1 < words.Count)
            {
                groups.Add(w + " " + words[i + 1]);
                i++;
            }
            else
            {
                groups.Add(w);
            }
        }
        return groups;
    }

    public static List<string> Words(string text)
    {
        var words = new List<string>();
        foreach (var token in Engine.CommandLineParser.Tokenize(text))
            words.Add(token.Text);
        return words;
    }

    /// <summary>Applies <c>set</c> with a full path (already grouped).</summary>
    public static void Set(ConfigNode root, List<string> groups)
    {
        ConfigNode node = root;
        for (int i = 0; i < groups.Count - 1; i++)
            node = FindGroup(node, groups[i]) ?? AddGroup(node, groups[i]);
        string leaf = groups[^1];
        string key = FirstWord(leaf);
        if (SingleValued.Contains(key) && leaf.Contains(' '))
        {
            node.SetLine(leaf, 1);
            return;
        }
        if (FindGroup(node, leaf) is null)
            AddGroup(node, leaf);
    }

    /// <summary>Applies <c>delete</c>; false when the statement does not exist.</summary>
    public static bool Delete(ConfigNode root, List<string> groups)
    {
        ConfigNode node = root;
        for (int i = 0; i < groups.Count - 1; i++)
        {
            ConfigNode? next = FindGroup(node, groups[i]);
            if (next is null)
                return false;
            node = next;
        }
        string leaf = groups[^1];
        ConfigNode? target = FindGroup(node, leaf);
        if (target is null && SingleValued.Contains(FirstWord(leaf)))
            target = node.StartingWith(FirstWord(leaf)).FirstOrDefault();
        if (target is null)
            return false;
        node.Remove(target);
        return true;
    }

    public static ConfigNode? Find(ConfigNode root, IReadOnlyList<string> groups)
    {
        ConfigNode? node = root;
        foreach (string g in groups)
        {
            node = FindGroup(node, g);
            if (node is null)
                return null;
        }
        return node;
    }

    private static ConfigNode? FindGroup(ConfigNode node, string group) => node.Find(group);

    private static ConfigNode AddGroup(ConfigNode node, string group)
    {
        var child = new ConfigNode(group);
        node.Insert(child);
        return child;
    }

    private static string FirstWord(string s)
    {
        int sp = s.IndexOf(' ');
        return sp < 0 ? s : s[..sp];
    }

    /// <summary>Brace-format lines of a subtree.</summary>
    public static void Render(ConfigNode node, List<string> lines, int depth = 0)
    {
        string indent = new(' ', depth * 4);
        foreach (ConfigNode c in node.Children)
        {
            if (c.HasChildren)
            {
                lines.Add(indent + c.Text + " {");
                Render(c, lines, depth + 1);
                lines.Add(indent + "}");
            }
            else
            {
                lines.Add(indent + c.Text + ";");
            }
        }
    }

    public static string RenderText(ConfigNode node)
    {
        var lines = new List<string>();
        Render(node, lines);
        var sb = new StringBuilder();
        foreach (string l in lines)
            sb.Append(l).Append('\n');
        return sb.ToString();
    }

    /// <summary>Turns brace-format lines back into <c>set</c> commands (<c>| display set</c>).</summary>
    public static IEnumerable<string> DisplaySet(IEnumerable<string> lines)
    {
        var path = new List<string>();
        foreach (string raw in lines)
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.EndsWith(" {", StringComparison.Ordinal))
            {
                path.Add(line[..^2]);
            }
            else if (line == "}")
            {
                if (path.Count > 0)
                    path.RemoveAt(path.Count - 1);
            }
            else if (line.EndsWith(';'))
            {
                string leaf = line[..^1];
                yield return path.Count == 0 ? "set " + leaf : "set " + string.Join(' ', path) + " " + leaf;
            }
        }
    }

    /// <summary>Every node of a tree as (parent path, text, is leaf), in order.</summary>
    private static void Flatten(ConfigNode node, string path, List<(string Path, string Text, bool Leaf)> into)
    {
        foreach (ConfigNode c in node.Children)
        {
            into.Add((path, c.Text, !c.HasChildren));
            if (c.HasChildren)
                Flatten(c, path.Length == 0 ? c.Text : path + " " + c.Text, into);
        }
    }

    /// <summary><c>show | compare</c>: what the candidate changes, grouped by hierarchy level.</summary>
    public static string Compare(ConfigNode running, ConfigNode candidate)
    {
        var before = new List<(string Path, string Text, bool Leaf)>();
        var after = new List<(string Path, string Text, bool Leaf)>();
        Flatten(running, "", before);
        Flatten(candidate, "", after);
        // A statement that only turned from a leaf into a container (family inet → family inet { … }) is not a change.
        var beforeSet = new HashSet<(string, string)>(before.Select(e => (e.Path, e.Text)));
        var afterSet = new HashSet<(string, string)>(after.Select(e => (e.Path, e.Text)));
        var order = new List<string>();
        var changes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string path, string line)
        {
            if (!changes.TryGetValue(path, out List<string>? list))
            {
                changes[path] = list = [];
                order.Add(path);
            }
            list.Add(line);
        }
        foreach ((string p, string l, bool leaf) in before)
        {
            if (leaf && !afterSet.Contains((p, l)))
                Add(p, "-   " + l + ";");
        }
        foreach ((string p, string l, bool leaf) in after)
        {
            if (leaf && !beforeSet.Contains((p, l)))
                Add(p, "+   " + l + ";");
        }
        var sb = new StringBuilder();
        foreach (string p in order)
        {
            sb.Append(p.Length == 0 ? "[edit]" : "[edit " + p + "]").Append('\n');
            foreach (string l in changes[p])
                sb.Append(l).Append('\n');
        }
        return sb.ToString();
    }
}
