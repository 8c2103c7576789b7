namespace Vty.Lab.Profiles.Cisco;

/// <summary>
/// Reads a configuration file the way IOS-XR's <c>load</c> and EOS's <c>copy … session-config</c>
/// take one: lines indented one space per level, <c>!</c> comments and separators, and the
/// <c>Building configuration…</c> and <c>end</c> lines that <c>show running-config</c> prints around it.
/// </summary>
internal static class CiscoConfigText
{
    /// <summary>The tree of <paramref name="text"/>, or an error naming the first line that cannot be placed.</summary>
    public static (ConfigNode? Root, string? Error) Parse(string text)
    {
        var root = new ConfigNode("");
        var stack = new List<ConfigNode> { root };
        string[] lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd();
            string trimmed = line.TrimStart(' ');
            if (trimmed.Length == 0 || trimmed[0] == '!' || trimmed == "end" || trimmed.StartsWith("Building configuration", StringComparison.Ordinal))
                continue;
            if (line.Contains('\t', StringComparison.Ordinal))
                return (null, $"line {i + 1}: tabs are not configuration indentation");
            int depth = line.Length - trimmed.Length;
            if (depth > stack.Count - 1)
                return (null, $"line {i + 1}: '{trimmed}' is indented deeper than its parent");
            while (stack.Count > depth + 1)
                stack.RemoveAt(stack.Count - 1);
            var node = new ConfigNode(trimmed);
            stack[^1].Insert(node);
            stack.Add(node);
        }
        return (root, null);
    }

    /// <summary>Applies a loaded tree on top of <paramref name="target"/>: each top-level section of <paramref name="loaded"/> takes the place of the same section.</summary>
    public static void Merge(ConfigNode target, ConfigNode loaded)
    {
        foreach (ConfigNode section in loaded.Children)
        {
            if (target.Find(section.Text) is { } existing)
                target.Remove(existing);
            target.Insert(section.Clone());
        }
    }

    /// <summary>The host name a configuration sets, or null.</summary>
    public static string? Hostname(ConfigNode root) =>
        root.StartingWith("hostname").FirstOrDefault() is { } h ? h.Text["hostname ".Length..].Trim() : null;
}
