using System.Text;

namespace Vty.Lab.Profiles.Common;

/// <summary>
/// A <c>set a b c value</c> configuration tree as VyOS and PAN-OS keep it: the words of a path become
/// nested nodes, a keyword that names its node (<c>ethernet eth0</c>, <c>entry ethernet1/1</c>) forms one
/// node with its name, and the last word of a single-valued leaf is its value (<c>description x</c>).
/// Words in <c>containers</c> and <c>flags</c> never take a value (<c>service ssh</c>, <c>disable</c>).
/// Renders in brace format with or without <c>;</c> and back to <c>set</c> commands.
/// </summary>
internal sealed class PathConfig(IReadOnlySet<string> named, IReadOnlySet<string> containers, IReadOnlySet<string> flags, IReadOnlySet<string> multiValued, bool semicolons, int indent = 4)
{
    /// <summary>Groups the words of a path into node texts.</summary>
    public List<string> Group(IReadOnlyList<string> words)
    {
        var groups = new List<string>();
        for (int i = 0; i < words.Count; i++)
        {
            if (named.Contains(words[i]) && i + 1 < words.Count)
            {
                groups.Add(words[i] + " " + words[i + 1]);
                i++;
            }
            else
            {
                groups.Add(words[i]);
            }
        }
        // A leaf keyword followed by its value (description "x") stays one node.
        if (groups.Count >= 2 && !groups[^2].Contains(' ') && !containers.Contains(groups[^2]) && (!groups[^1].Contains(' ') || groups[^1].StartsWith('"')) && !flags.Contains(groups[^1]) && !containers.Contains(groups[^1]))
        {
            string value = groups[^1];
            groups.RemoveAt(groups.Count - 1);
            groups[^1] += " " + value;
        }
        return groups;
    }

    /// <summary>Sets a path: nodes are created as needed; a single-valued leaf replaces its old value.</summary>
    public void Set(ConfigNode root, IReadOnlyList<string> groups)
    {
        ConfigNode node = root;
        for (int i = 0; i < groups.Count - 1; i++)
            node = node.Find(groups[i]) ?? Add(node, groups[i]);
        string leaf = groups[^1];
        string key = Head(leaf);
        if (leaf.Contains(' ') && !named.Contains(key) && !multiValued.Contains(key) && !containers.Contains(key))
            node.SetLine(leaf, 1);
        else if (node.Find(leaf) is null)
            Add(node, leaf);
    }

    /// <summary>Deletes a path; false when it does not exist. Deleting a leaf's key deletes its value.</summary>
    public bool Delete(ConfigNode root, IReadOnlyList<string> groups)
    {
        ConfigNode node = root;
        for (int i = 0; i < groups.Count - 1; i++)
        {
            if (node.Find(groups[i]) is not { } next)
                return false;
            node = next;
        }
        ConfigNode? target = node.Find(groups[^1]) ?? node.StartingWith(groups[^1]).FirstOrDefault();
        if (target is null)
            return false;
        node.Remove(target);
        return true;
    }

    /// <summary>The node at a path, or null.</summary>
    public static ConfigNode? Find(ConfigNode root, IReadOnlyList<string> groups)
    {
        ConfigNode? node = root;
        foreach (string g in groups)
        {
            node = node.Find(g);
            if (node is null)
                return null;
        }
        return node;
    }

    /// <summary>Brace-format text of a subtree, indented by four spaces per level.</summary>
    public string Render(ConfigNode node)
    {
        var sb = new StringBuilder();
        Render(node, sb, 0);
        return sb.ToString();
    }

    private void Render(ConfigNode node, StringBuilder sb, int depth)
    {
        string pad = new(' ', depth * indent);
        foreach (ConfigNode c in node.Children)
        {
            if (c.HasChildren || named.Contains(Head(c.Text)) || containers.Contains(c.Text))
            {
                sb.Append(pad).Append(c.Text).Append(" {\n");
                Render(c, sb, depth + 1);
                sb.Append(pad).Append("}\n");
            }
            else
            {
                sb.Append(pad).Append(c.Text).Append(semicolons ? ";\n" : "\n");
            }
        }
    }

    /// <summary>The tree as <c>set</c> commands, one per leaf; leaf values in <paramref name="quote"/> (VyOS: <c>'</c>).</summary>
    public IEnumerable<string> SetCommands(ConfigNode node, string prefix = "set", string quote = "")
    {
        foreach (ConfigNode c in node.Children)
        {
            string text = c.Text;
            int sp = text.IndexOf(' ');
            if (!c.HasChildren && sp > 0 && !named.Contains(text[..sp]))
                text = text[..(sp + 1)] + quote + Unquoted(text[(sp + 1)..]) + quote;
            string path = prefix + " " + text;
            if (c.HasChildren)
            {
                foreach (string s in SetCommands(c, path, quote))
                    yield return s;
            }
            else
            {
                yield return path;
            }
        }
    }

    /// <summary>The words of a typed path; single or double quotes group words and are removed.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        char quote = '\0';
        bool any = false;
        foreach (char c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                    quote = '\0';
                else
                    current.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                any = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (any || current.Length > 0)
                    words.Add(current.ToString());
                current.Clear();
                any = false;
            }
            else
            {
                current.Append(c);
            }
        }
        if (any || current.Length > 0)
            words.Add(current.ToString());
        return words;
    }

    private static string Unquoted(string v) => v.Length >= 2 && v[0] == '"' && v[^1] == '"' ? v[1..^1] : v;

    /// <summary>A value as brace format writes it: double-quoted when it has a space.</summary>
    public static string Quoted(string value) => value.Contains(' ') ? "\"" + value + "\"" : value;

    private static ConfigNode Add(ConfigNode node, string text)
    {
        var child = new ConfigNode(text);
        node.Insert(child);
        return child;
    }

    private static string Head(string s)
    {
        int sp = s.IndexOf(' ');
        return sp < 0 ? s : s[..sp];
    }
}
