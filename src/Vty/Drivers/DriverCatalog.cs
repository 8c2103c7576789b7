using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Vty.Drivers;

/// <summary>
/// An immutable set of drivers with their aliases. <see cref="Builtin"/> holds the definitions
/// shipped with Vty; <see cref="LoadFile"/> and <see cref="LoadDirectory"/> return a new catalogue
/// with user YAML definitions added (a user driver with a built-in's name replaces it).
/// </summary>
public sealed class DriverCatalog
{
    /// <summary>Name of the fallback driver used when nothing better is known.</summary>
    public const string GenericName = "generic";

    private const string ResourcePrefix = "Vty.Drivers.Definitions.";

    private static readonly Lazy<DriverCatalog> BuiltinCatalog = new(LoadBuiltin);

    private readonly Dictionary<string, Driver> _byName;
    private readonly Dictionary<string, string> _aliases;

    private DriverCatalog(IReadOnlyList<Driver> drivers)
    {
        _byName = new Dictionary<string, Driver>(StringComparer.Ordinal);
        foreach (Driver d in drivers)
            _byName[d.Name] = d;
        Drivers = _byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        Names = Drivers.Select(d => d.Name).ToList();

        _aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Driver d in Drivers)
        {
            foreach (string alias in d.Aliases)
            {
                if (_byName.ContainsKey(alias))
                    throw new DriverDefinitionException(d.Source, d.Name, "aliases", $"alias '{alias}' is already the name of a driver; remove or rename the alias");
                if (_aliases.TryGetValue(alias, out string? other) && other != d.Name)
                    throw new DriverDefinitionException(d.Source, d.Name, "aliases", $"alias '{alias}' is already used by driver '{other}'; remove or rename it in one of the two");
                _aliases[alias] = d.Name;
            }
        }

        Generic = _byName.TryGetValue(GenericName, out Driver? generic)
            ? generic
            : throw new DriverDefinitionException("catalog", GenericName, null, "the catalogue has no 'generic' driver");
    }

    /// <summary>The drivers shipped with Vty (YAML resources in the assembly).</summary>
    public static DriverCatalog Builtin => BuiltinCatalog.Value;

    /// <summary>Every driver, ordered by name.</summary>
    public IReadOnlyList<Driver> Drivers { get; }

    /// <summary>Every driver name (not aliases), ordered.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Alias → driver name (e.g. <c>iosxr</c> → <c>ios_xr</c>, <c>linux</c> → <c>shell</c>).</summary>
    public IReadOnlyDictionary<string, string> Aliases => _aliases;

    /// <summary>The fallback driver: generic prompt, error and login patterns.</summary>
    public Driver Generic { get; }

    /// <summary>The driver with this name or alias; throws <see cref="UnknownDriverException"/> otherwise.</summary>
    public Driver Get(string name) =>
        TryGet(name, out Driver? driver) ? driver : throw new UnknownDriverException(name, Names);

    /// <summary>Finds a driver by name or alias (case-insensitive).</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out Driver? driver)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Trim().ToLowerInvariant();
        if (_byName.TryGetValue(key, out driver))
            return true;
        if (_aliases.TryGetValue(key, out string? target))
            return _byName.TryGetValue(target, out driver);
        driver = null;
        return false;
    }

    /// <summary>A new catalogue with the drivers of one YAML file added (same name replaces).</summary>
    public DriverCatalog LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DriverDefinitionException(path, null, null, $"cannot read the file: {e.Message}. Check the path and its permissions", e);
        }

        return WithYaml(text, path);
    }

    /// <summary>A new catalogue with every <c>*.yaml</c>/<c>*.yml</c> file of a directory added, in name order.</summary>
    public DriverCatalog LoadDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
            throw new DriverDefinitionException(directory, null, null, "the driver directory does not exist; create it or pass an existing folder (--drivers DIR)");
        DriverCatalog catalog = this;
        foreach (string file in Directory.EnumerateFiles(directory)
                     .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                     .OrderBy(f => f, StringComparer.Ordinal))
        {
            catalog = catalog.LoadFile(file);
        }

        return catalog;
    }

    /// <summary>A new catalogue with the drivers defined in <paramref name="yaml"/> added.</summary>
    public DriverCatalog WithYaml(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        IReadOnlyList<Driver> added = DriverDefinitionReader.Read(yaml, source, n => TryGet(n, out Driver? d) ? d : null);

        // A replacement keeps answering to the aliases of the driver it replaces.
        added = added.Select(a => _byName.TryGetValue(a.Name, out Driver? old)
            ? a with { Aliases = a.Aliases.Union(old.Aliases).ToList() }
            : a).ToList();
        return new DriverCatalog([.. Drivers.Where(d => added.All(a => a.Name != d.Name)), .. added]);
    }

    private static DriverCatalog LoadBuiltin()
    {
        Assembly assembly = typeof(DriverCatalog).Assembly;
        var loaded = new List<Driver>();
        var pending = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => (Name: n, Text: ReadResource(assembly, n)))
            .ToList();

        // Definitions may extend one another in any file order: keep passing over the files whose
        // base is not loaded yet until none is left (or none makes progress: a genuine error).
        while (pending.Count > 0)
        {
            var next = new List<(string Name, string Text)>();
            foreach ((string resource, string text) in pending)
            {
                string source = "builtin:" + resource[ResourcePrefix.Length..];
                try
                {
                    loaded.AddRange(DriverDefinitionReader.Read(text, source, n => loaded.FirstOrDefault(d => d.Name == n || d.Aliases.Contains(n))));
                }
                catch (DriverDefinitionException e) when (e.Field == "extends" && next.Count < pending.Count)
                {
                    next.Add((resource, text));
                }
            }

            if (next.Count == pending.Count)
            {
                (string resource, string text) = next[0];
                DriverDefinitionReader.Read(text, "builtin:" + resource[ResourcePrefix.Length..], _ => null);
            }

            pending = next;
        }

        return new DriverCatalog(loaded);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using Stream stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"built-in driver resource {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
