using YamlDotNet.RepresentationModel;

namespace Vty.Inventory.Formats;

/// <summary>
/// Picks an inventory file's format: a folder is a Nornir inventory; <c>router.db</c> and
/// <c>.db</c> are router.db; <c>.csv</c>/<c>.tsv</c> are CSV; <c>.ini</c>/<c>.cfg</c> and text whose
/// first line is a <c>[group]</c> header or a bare host name are Ansible INI; YAML is told apart by
/// its shape (Ansible groups with hosts/children/vars, Vty's defaults/groups/hosts, or Nornir hosts
/// with hostname/platform/data).
/// </summary>
public static class InventoryFormatDetector
{
    private static readonly HashSet<string> AnsibleGroupKeys = new(StringComparer.Ordinal) { "hosts", "children", "vars" };
    private static readonly HashSet<string> VtyTopKeys = new(StringComparer.Ordinal) { "defaults", "groups", "hosts" };
    private static readonly HashSet<string> NornirKeys = new(StringComparer.Ordinal) { "hostname", "port", "username", "password", "platform", "groups", "data", "connection_options" };

    /// <summary>The format of the file (or folder) at <paramref name="path"/> whose text is <paramref name="text"/> (null for a folder).</summary>
    public static InventoryFormat Detect(string path, string? text)
    {
        if (text is null)
            return InventoryFormat.Nornir;
        string file = Path.GetFileName(path).ToLowerInvariant();
        string extension = Path.GetExtension(file);
        if (file == "router.db" || extension == ".db")
            return InventoryFormat.RouterDb;
        if (extension is ".csv" or ".tsv")
            return InventoryFormat.Csv;
        if (extension is ".ini" or ".cfg")
            return InventoryFormat.AnsibleIni;
        if (extension is not (".yaml" or ".yml") && LooksLikeIni(text))
            return InventoryFormat.AnsibleIni;
        return DetectYaml(text);
    }

    private static bool LooksLikeIni(string text)
    {
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';' || line == "---")
                continue;
            if (line[0] == '[')
                return line.EndsWith(']') && !line.Contains(',');
            // A YAML key ends with ':' or has ': '; an INI host line is a name and name=value pairs.
            return !line.EndsWith(':') && !line.Contains(": ", StringComparison.Ordinal) && !line.StartsWith('{');
        }
        return false;
    }

    private static InventoryFormat DetectYaml(string text)
    {
        YamlNode? root;
        try
        {
            root = YamlInventoryText.Load(text, "inventory");
        }
        catch (InventoryException)
        {
            // Vty's own reader reports the YAML error with its line.
            return InventoryFormat.Vty;
        }
        if (root is not YamlMappingNode map || map.Children.Count == 0)
            return InventoryFormat.Vty;
        var topKeys = map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToList();
        if (map.Children.Values.All(v => v is YamlMappingNode m ? Keys(m).All(AnsibleGroupKeys.Contains) : YamlInventoryText.IsNull(v))
            && map.Children.Values.Any(v => v is YamlMappingNode { Children.Count: > 0 }))
            return InventoryFormat.AnsibleYaml;
        if (topKeys.All(VtyTopKeys.Contains))
            return InventoryFormat.Vty;
        if (map.Children.Values.All(v => v is YamlMappingNode m ? Keys(m).All(NornirKeys.Contains) : YamlInventoryText.IsNull(v)))
            return InventoryFormat.Nornir;
        return InventoryFormat.Vty;
    }

    private static IEnumerable<string> Keys(YamlMappingNode map) => map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");
}
