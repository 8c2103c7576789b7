namespace Vty.Parsing;

/// <summary>
/// The template folders searched for a platform and command, in order: an explicit folder
/// (<c>--templates DIR</c>), <c>NET_TEXTFSM</c> (Netmiko's variable, so an installed
/// ntc-templates is found; a folder without an index is tried as <c>DIR/templates</c>),
/// <c>~/.config/vty/templates</c>, and the built-in set. The first folder whose index has a
/// row for the platform and command is used. As Netmiko does, <c>cisco_xe</c> falls back to
/// <c>cisco_ios</c> when nothing is found for it.
/// </summary>
public sealed class TemplateLibrary
{
    /// <summary>Netmiko's variable naming a template folder (ntc-templates' <c>templates</c> directory).</summary>
    public const string EnvironmentVariable = "NET_TEXTFSM";

    private static readonly Lazy<TemplateLibrary> DefaultLibrary = new(() => Create());

    /// <summary>Searches <paramref name="tables"/> in order.</summary>
    public TemplateLibrary(IEnumerable<CliTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        Tables = tables.ToArray();
        if (Tables.Count == 0)
            throw new ArgumentException("a template library needs at least one folder", nameof(tables));
    }

    /// <summary>The folders in search order.</summary>
    public IReadOnlyList<CliTable> Tables { get; }

    /// <summary>NET_TEXTFSM, ~/.config/vty/templates and the built-in set (read once per process).</summary>
    public static TemplateLibrary Default => DefaultLibrary.Value;

    /// <summary>The user's config folder for templates: <c>~/.config/vty/templates</c>.</summary>
    public static string UserFolder => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "vty", "templates");

    /// <summary>
    /// Builds the search path: <paramref name="folder"/> (if given) first, then NET_TEXTFSM, the
    /// user folder (when it exists) and the built-in set.
    /// </summary>
    /// <exception cref="TemplateIndexException">A named folder does not exist or has no index.</exception>
    public static TemplateLibrary Create(string? folder = null)
    {
        var tables = new List<CliTable>();
        if (folder is not null)
            tables.Add(new CliTable(folder));
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } net)
        {
            string dir = ExpandHome(net);
            if (!File.Exists(Path.Combine(dir, "index")) && File.Exists(Path.Combine(dir, "templates", "index")))
                dir = Path.Combine(dir, "templates");
            try
            {
                tables.Add(new CliTable(dir));
            }
            catch (TemplateIndexException e)
            {
                throw new TemplateIndexException($"{EnvironmentVariable}={net}: {e.Message} (point it at ntc-templates' templates folder, or unset it)", e);
            }
        }

        if (Directory.Exists(UserFolder))
            tables.Add(new CliTable(UserFolder));
        tables.Add(CliTable.BuiltIn);
        return new TemplateLibrary(tables);
    }

    /// <summary>The folder and Template field for a platform and command, or null when none has one.</summary>
    public (CliTable Table, string Templates)? Find(string platform, string command)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(command);
        foreach (string candidate in Candidates(platform))
        {
            foreach (CliTable table in Tables)
            {
                if (table.FindTemplates(candidate, command) is { } templates)
                    return (table, templates);
            }
        }

        return null;
    }

    /// <summary>Parses <paramref name="output"/> of <paramref name="command"/> on <paramref name="platform"/>.</summary>
    /// <exception cref="NoTemplateException">No folder has a template for them.</exception>
    /// <exception cref="TextFsmParseException">The template raised Error on this output.</exception>
    public TextFsmTable Parse(string output, string platform, string command, CancellationToken cancellationToken = default)
    {
        (CliTable table, string templates) = Find(platform, command)
            ?? throw new NoTemplateException(platform, command, Tables.Select(t => t.Folder).ToArray());
        return table.ParseWith(output, templates, cancellationToken);
    }

    /// <summary>As <see cref="Parse"/>, as rows with lower-case keys (Netmiko's <c>use_textfsm=True</c> shape).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object>> ParseRows(string output, string platform, string command, CancellationToken cancellationToken = default) =>
        Parse(output, platform, command, cancellationToken).ToDictionaries(lowerCaseKeys: true);

    private static IEnumerable<string> Candidates(string platform)
    {
        yield return platform;
        if (platform.Contains("cisco_xe", StringComparison.Ordinal))
            yield return "cisco_ios";
    }

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : "")
            : path;
}
