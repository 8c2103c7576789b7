using System.Text;

namespace Vty.Inventory.Formats;

/// <summary>
/// Reads an Ansible inventory in INI: host lines with <c>key=value</c> variables (and an optional
/// <c>:port</c>), <c>[group]</c>, <c>[group:vars]</c> and <c>[group:children]</c> sections; hosts
/// before the first section are ungrouped.
/// </summary>
internal static class AnsibleIniReader
{
    private enum Section { Hosts, Vars, Children }

    public static HostInventory Read(string text, string source)
    {
        var draft = new InventoryDraft(source)
        {
            Precedence = GroupPrecedence.ByDepthThenName,
            Finish = AnsibleVariables.Finish,
        };
        draft.Group("all");
        string group = "ungrouped";
        Section section = Section.Hosts;
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            string where = $"{source} line {i + 1}";
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            if (line[0] == '[')
            {
                (group, section) = ReadHeader(line, where);
                draft.Group(group);
                continue;
            }
            switch (section)
            {
                case Section.Hosts:
                    ReadHostLine(draft, group, line, where);
                    break;
                case Section.Vars:
                    int eq = line.IndexOf('=');
                    if (eq <= 0)
                        throw new InventoryException($"{where}: '{line}' in [{group}:vars] is not name=value");
                    var vars = new Dictionary<string, string>(StringComparer.Ordinal);
                    AnsibleVariables.Add(draft, vars, line[..eq].Trim(), Unquote(line[(eq + 1)..].Trim()), $"group '{group}'");
                    draft.Group(group).Settings = draft.Group(group).Settings.Overlay(new HostSettings { Variables = vars });
                    break;
                case Section.Children:
                    string child = Words(line, where)[0];
                    draft.Group(child).AddParent(group);
                    break;
            }
        }
        AnsibleVariables.PlaceUnderAll(draft);
        return draft.Build();
    }

    private static (string Group, Section Section) ReadHeader(string line, string where)
    {
        if (!line.EndsWith(']') || line.Length < 3)
            throw new InventoryException($"{where}: section header '{line}' must look like [group], [group:vars] or [group:children]");
        string inner = line[1..^1].Trim();
        int colon = inner.IndexOf(':');
        if (colon < 0)
            return (inner, Section.Hosts);
        string name = inner[..colon].Trim();
        return inner[(colon + 1)..].Trim() switch
        {
            "vars" => (name, Section.Vars),
            "children" => (name, Section.Children),
            string other => throw new InventoryException($"{where}: unknown section kind ':{other}' in '{line}' (use :vars or :children)"),
        };
    }

    private static void ReadHostLine(InventoryDraft draft, string group, string line, string where)
    {
        List<string> words = Words(line, where);
        string pattern = words[0];
        string? port = null;
        // host:port, but not a bare IPv6 address (several colons).
        int colon = pattern.LastIndexOf(':');
        if (colon > 0 && pattern.IndexOf(':') == colon && !pattern.EndsWith(']'))
        {
            port = pattern[(colon + 1)..];
            pattern = pattern[..colon];
        }
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        if (port is not null)
            vars["ansible_port"] = port;
        foreach (string word in words.Skip(1))
        {
            int eq = word.IndexOf('=');
            if (eq <= 0)
                throw new InventoryException($"{where}: '{word}' after host '{pattern}' is not name=value");
            AnsibleVariables.Add(draft, vars, word[..eq], word[(eq + 1)..], $"host '{pattern}'");
        }
        foreach (string name in AnsibleHostRange.Expand(pattern, where))
        {
            HostDraft host = draft.Host(name);
            host.AddGroup(group);
            host.Settings = host.Settings.Overlay(new HostSettings { Variables = vars });
        }
        draft.Group(group);
    }

    /// <summary>Splits like a shell: blanks separate words, quotes group them, an unquoted <c>#</c> starts a comment.</summary>
    private static List<string> Words(string line, string where)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in line)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0'; else word.Append(c);
                continue;
            }
            if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (quote != '\0')
            throw new InventoryException($"{where}: unterminated quote in '{line}'");
        if (inWord) words.Add(word.ToString());
        if (words.Count == 0)
            throw new InventoryException($"{where}: expected a host or group name");
        return words;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;
}
