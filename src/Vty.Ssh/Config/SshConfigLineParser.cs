namespace Vty.Ssh.Config;

/// <summary>
/// Splits ssh_config lines the way OpenSSH does: "Keyword value" or "Keyword=value", arguments
/// separated by blanks, double quotes group an argument, '#' starts a comment at a word start.
/// </summary>
internal static class SshConfigLineParser
{
    /// <summary>Every directive of a file's text, in order (comments and blank lines dropped).</summary>
    public static List<SshConfigDirective> ParseText(string text, string? file)
    {
        var result = new List<SshConfigDirective>();
        int number = 0;
        foreach (string raw in text.Split('\n'))
        {
            number++;
            SshConfigDirective? directive = ParseLine(raw.TrimEnd('\r'), file, number);
            if (directive != null) result.Add(directive);
        }
        return result;
    }

    /// <summary>One line; null for a blank or comment line.</summary>
    public static SshConfigDirective? ParseLine(string line, string? file, int number)
    {
        string trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed[0] == '#') return null;
        int end = 0;
        while (end < trimmed.Length && !char.IsWhiteSpace(trimmed[end]) && trimmed[end] != '=') end++;
        string keyword = trimmed[..end];
        string rest = trimmed[end..].TrimStart();
        // At most one '=' may separate the keyword from its value.
        if (rest.StartsWith('=')) rest = rest[1..].TrimStart();
        if (keyword.Length == 0) throw new SshConfigException($"'{trimmed}' has no keyword", file, number);
        return new SshConfigDirective(keyword, SplitArguments(rest, file, number), file, number);
    }

    private static List<string> SplitArguments(string text, string? file, int number)
    {
        var args = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length || text[i] == '#') break;
            var word = new System.Text.StringBuilder();
            bool quoted = false;
            while (i < text.Length && (quoted || !char.IsWhiteSpace(text[i])))
            {
                char c = text[i++];
                if (c == '"') quoted = !quoted;
                else word.Append(c);
            }
            if (quoted) throw new SshConfigException("unbalanced double quote", file, number);
            args.Add(word.ToString());
        }
        return args;
    }
}
