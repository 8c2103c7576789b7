using System.Collections.Concurrent;

namespace Vty.Parsing;

/// <summary>
/// A template folder with an <c>index</c> (ntc-templates' layout): finds the template(s) for a
/// platform and command and parses output with them. Several templates in one index row
/// (<c>a.textfsm:b.textfsm</c>) each parse the output; the later tables add their new columns to
/// the rows of the first whose Key values are equal (or row by row when there are no Keys), as
/// the reference CliTable does. Templates are read once and cached.
/// </summary>
public sealed class CliTable
{
    private readonly TemplateFolder _folder;
    private readonly Lazy<TemplateIndex> _index;
    private readonly ConcurrentDictionary<string, TextFsmTemplate> _templates = new(StringComparer.Ordinal);

    /// <summary>A folder on disk holding <paramref name="indexFile"/> and the templates it names.</summary>
    /// <exception cref="TemplateIndexException">The folder or its index does not exist.</exception>
    public CliTable(string directory, string indexFile = "index")
        : this(TemplateFolder.FromDirectory(directory), indexFile)
    {
        if (!Directory.Exists(directory))
            throw new TemplateIndexException($"template folder '{directory}' does not exist");
        if (!File.Exists(Path.Combine(directory, indexFile)))
            throw new TemplateIndexException($"template folder '{directory}' has no '{indexFile}' file; a template folder needs an index (see docs/user-guide.md, Structured output)");
    }

    private CliTable(TemplateFolder folder, string indexFile)
    {
        _folder = folder;
        IndexFile = indexFile;
        _index = new Lazy<TemplateIndex>(() => TemplateIndex.Parse(
            folder.Read(indexFile) ?? throw new TemplateIndexException($"template folder {folder.DisplayName} has no '{indexFile}' file"),
            folder.SourceOf(indexFile)));
    }

    /// <summary>The templates Vty ships (written for the lab's platforms; see docs/user-guide.md).</summary>
    public static CliTable BuiltIn { get; } = new(TemplateFolder.BuiltIn, "index");

    /// <summary>The folder's path, or "built-in".</summary>
    public string Folder => _folder.DisplayName;

    /// <summary>The index file's name in the folder.</summary>
    public string IndexFile { get; }

    /// <summary>
    /// The index's Template field for these attributes (usually <c>Platform</c> and <c>Command</c>),
    /// or null when no row matches.
    /// </summary>
    /// <exception cref="TemplateIndexException">The index is malformed.</exception>
    public string? FindTemplates(IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return _index.Value.Find(attributes);
    }

    /// <summary>The Template field for <paramref name="platform"/> and <paramref name="command"/>, or null.</summary>
    public string? FindTemplates(string platform, string command) =>
        FindTemplates(new Dictionary<string, string> { ["Command"] = command, ["Platform"] = platform });

    /// <summary>Parses <paramref name="output"/> with the template(s) the index names for these attributes.</summary>
    /// <exception cref="NoTemplateException">No index row matches.</exception>
    public TextFsmTable Parse(string output, string platform, string command, CancellationToken cancellationToken = default)
    {
        string templates = FindTemplates(platform, command) ?? throw new NoTemplateException(platform, command, [Folder]);
        return ParseWith(output, templates, cancellationToken);
    }

    /// <summary>Parses <paramref name="output"/> with the named templates of this folder (joined by ':').</summary>
    /// <exception cref="TemplateIndexException">A named template file does not exist.</exception>
    /// <exception cref="TextFsmTemplateException">A template is not valid.</exception>
    public TextFsmTable ParseWith(string output, string templates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(templates);
        string[] names = templates.Split(':');
        TextFsmTemplate[] loaded = names.Select(Template).ToArray();

        var keys = new List<string>();
        TextFsmTable first = loaded[0].Parse(output, cancellationToken);
        keys.AddRange(loaded[0].Keys);
        var header = new List<string>(first.Header);
        List<object[]> rows = first.Rows.Select(r => r.ToArray()).ToList();
        for (int t = 1; t < loaded.Length; t++)
        {
            TextFsmTable next = loaded[t].Parse(output, cancellationToken);
            if (keys.Count == 0)
                keys.AddRange(loaded[t].Keys);
            rows = Extend(header, rows, next, keys, names[t]);
        }

        return new TextFsmTable(header, keys.Where(header.Contains).ToArray(), rows);
    }

    private TextFsmTemplate Template(string name) => _templates.GetOrAdd(name, n =>
    {
        string text = _folder.Read(n) ?? throw new TemplateIndexException($"template '{n}' named in {_folder.SourceOf(IndexFile)} does not exist in {_folder.DisplayName}");
        return TextFsmTemplate.FromText(text, _folder.SourceOf(n));
    });

    private static List<object[]> Extend(List<string> header, List<object[]> rows, TextFsmTable next, List<string> keys, string templateName)
    {
        foreach (string key in keys)
        {
            if (!header.Contains(key))
                throw new TemplateIndexException($"template '{templateName}' joins on Key '{key}', which the first template of the row does not have");
        }

        string[] added = next.Header.Where(h => !header.Contains(h)).ToArray();
        if (added.Length == 0)
            return rows;
        int width = header.Count;
        header.AddRange(added);
        int[] sourceColumns = added.Select(a => IndexOf(next.Header, a)).ToArray();
        var widened = rows.Select(r =>
        {
            var row = new object[width + added.Length];
            r.CopyTo(row, 0);
            Array.Fill(row, "", width, added.Length);
            return row;
        }).ToList();

        if (keys.Count == 0)
        {
            for (int r = 0; r < Math.Min(widened.Count, next.Rows.Count); r++)
            {
                for (int a = 0; a < added.Length; a++)
                    widened[r][width + a] = next.Rows[r][sourceColumns[a]];
            }

            return widened;
        }

        int[] mine = keys.Select(k => header.IndexOf(k)).ToArray();
        int[] theirs = keys.Select(k => IndexOf(next.Header, k)).ToArray();
        foreach (object[] row in widened)
        {
            foreach (IReadOnlyList<object> other in next.Rows)
            {
                bool same = true;
                for (int k = 0; k < keys.Count && same; k++)
                    same = theirs[k] >= 0 && CellsEqual(row[mine[k]], other[theirs[k]]);
                if (!same)
                    continue;
                for (int a = 0; a < added.Length; a++)
                    row[width + a] = other[sourceColumns[a]];
                break;
            }
        }

        return widened;
    }

    private static int IndexOf(IReadOnlyList<string> list, string item)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] == item)
                return i;
        }

        return -1;
    }

    private static bool CellsEqual(object? a, object? b) => (a, b) switch
    {
        (string x, string y) => x == y,
        (IReadOnlyDictionary<string, string?> x, IReadOnlyDictionary<string, string?> y) => x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out string? v) && v == p.Value),
        (object?[] x, object?[] y) => x.Length == y.Length && x.Zip(y).All(p => CellsEqual(p.First, p.Second)),
        (null, null) => true,
        _ => false,
    };
}
