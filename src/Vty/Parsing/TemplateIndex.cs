using System.Text.RegularExpressions;

namespace Vty.Parsing;

/// <summary>
/// An ntc-templates / TextFSM <c>index</c> file: comma-separated, a header row naming the columns
/// (<c>Template</c> required; usually <c>Hostname</c>, <c>Platform</c>, <c>Command</c>), lines
/// starting with '#' ignored, rows with the wrong number of fields skipped. Every column but
/// Template is a Python regex matched at the start of the attribute; in Command,
/// <c>sh[[ow]]</c> means "sh, sho or show".
/// </summary>
internal sealed partial class TemplateIndex
{
    private readonly string[] _header;
    private readonly List<(string Template, Regex?[] Columns)> _rows = [];

    private TemplateIndex(string[] header) => _header = header;

    public static TemplateIndex Parse(string text, string source)
    {
        string[] lines = text.Split('\n');
        int i = 0;
        string header = "";
        while (header.Length == 0)
        {
            if (i >= lines.Length)
                throw new TemplateIndexException($"template index {source} has no header line; the first line must name the columns, e.g. 'Template, Hostname, Platform, Command'");
            header = lines[i++].Split('#')[0].Trim();
        }

        string[] columns = header.Split(',').Select(c => c.Trim()).ToArray();
        if (columns.Distinct(StringComparer.Ordinal).Count() != columns.Length)
            throw new TemplateIndexException($"template index {source}: duplicate column in the header '{header}'");
        int templateColumn = Array.IndexOf(columns, "Template");
        if (templateColumn < 0)
            throw new TemplateIndexException($"template index {source} does not have a 'Template' column (header: '{header}')");

        var index = new TemplateIndex(columns);
        for (int lineNumber = i + 1; i < lines.Length; i++, lineNumber++)
        {
            string line = lines[i];
            if (line.StartsWith('#'))
                continue;
            string[] fields = line.Split(',').Select(f => f.Trim()).ToArray();
            if (fields.Length != columns.Length)
                continue;
            var compiled = new Regex?[columns.Length];
            for (int c = 0; c < columns.Length; c++)
            {
                if (c == templateColumn || fields[c].Length == 0)
                    continue;
                string pattern = columns[c] == "Command" ? Completion().Replace(fields[c], Expand) : fields[c];
                try
                {
                    compiled[c] = PythonRegex.Translate(pattern).CompileAnchored(RegexOptions.None, TimeSpan.FromSeconds(2));
                }
                catch (Exception e) when (e is PythonRegexException or ArgumentException)
                {
                    throw new TemplateIndexException($"template index {source}, line {lineNumber}: the {columns[c]} pattern '{fields[c]}' is not a valid regular expression: {e.Message}", e);
                }
            }

            index._rows.Add((fields[templateColumn], compiled));
        }

        return index;
    }

    /// <summary>The Template field (names joined by ':') of the first row every attribute matches, or null.</summary>
    public string? Find(IReadOnlyDictionary<string, string> attributes)
    {
        foreach ((string template, Regex?[] columns) in _rows)
        {
            bool match = true;
            foreach ((string key, string value) in attributes)
            {
                int c = Array.IndexOf(_header, key);
                if (c >= 0 && columns[c] is { } regex && !regex.IsMatch(value))
                {
                    match = false;
                    break;
                }
            }

            if (match)
                return template;
        }

        return null;
    }

    // "[[ow]]" -> "(o(w)?)?": each further letter optional after the one before it.
    private static string Expand(Match m)
    {
        string word = m.Groups[1].Value;
        return "(" + string.Join('(', word.ToCharArray()) + string.Concat(Enumerable.Repeat(")?", word.Length));
    }

    [GeneratedRegex(@"\[\[(.+?)\]\]")]
    private static partial Regex Completion();
}
