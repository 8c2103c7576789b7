using System.Diagnostics.CodeAnalysis;

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

    private static readonly Lazy<DriverCatalog> BuiltinCatalog = new(LoadBuiltin);

    private readonly Dictionary<string, DriverCatalogEntry> _byName;
    private readonly Dictionary<string, string> _aliases;
    private IReadOnlyList<Driver>? _drivers;

    private DriverCatalog(IEnumerable<DriverCatalogEntry> entries)
    {
        _byName = new Dictionary<string, DriverCatalogEntry>(StringComparer.Ordinal);
        foreach (DriverCatalogEntry e in entries)
            _byName[e.Name] = e;
        Names = [.. _byName.Keys.Order(StringComparer.Ordinal)];

        _aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in Names)
        {
            DriverCatalogEntry e = _byName[name];
            foreach (string alias in e.Aliases)
            {
                if (_byName.ContainsKey(alias))
                    throw new DriverDefinitionException(e.Source, name, "aliases", $"alias '{alias}' is already the name of a driver; remove or rename the alias");
                if (_aliases.TryGetValue(alias, out string? other) && other != name)
                    throw new DriverDefinitionException(e.Source, name, "aliases", $"alias '{alias}' is already used by driver '{other}'; remove or rename it in one of the two");
                _aliases[alias] = name;
            }
        }

        if (!_byName.ContainsKey(GenericName))
            throw new DriverDefinitionException("catalog", GenericName, null, "the catalogue has no 'generic' driver");
    }

    /// <summary>
    /// The drivers shipped with Vty (YAML resources in the assembly). Each is parsed the first time
    /// it is asked for: a run that names its drivers parses those and their bases, not all of them.
    /// </summary>
    public static DriverCatalog Builtin => BuiltinCatalog.Value;

    /// <summary>Every driver, ordered by name (parses every driver not parsed yet).</summary>
    public IReadOnlyList<Driver> Drivers => _drivers ??= [.. Names.Select(n => _byName[n].Driver)];

    /// <summary>Every driver name (not aliases), ordered.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Alias → driver name (e.g. <c>iosxr</c> → <c>ios_xr</c>, <c>linux</c> → <c>shell</c>).</summary>
    public IReadOnlyDictionary<string, string> Aliases => _aliases;

    /// <summary>The fallback driver: generic prompt, error and login patterns.</summary>
    public Driver Generic => _byName[GenericName].Driver;

    /// <summary>The driver with this name or alias; throws <see cref="UnknownDriverException"/> otherwise.</summary>
    public Driver Get(string name) =>
        TryGet(name, out Driver? driver) ? driver : throw new UnknownDriverException(name, Names);

    /// <summary>Finds a driver by name or alias (case-insensitive).</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out Driver? driver)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Trim().ToLowerInvariant();
        if (_byName.TryGetValue(key, out DriverCatalogEntry? entry)
            || (_aliases.TryGetValue(key, out string? target) && _byName.TryGetValue(target, out entry)))
        {
            driver = entry.Driver;
            return true;
        }
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

        // A replacement keeps answering to the aliases of the driver it replaces. Drivers not
        // parsed yet stay so: they still resolve their bases in the catalogue they came from.
        added = [.. added.Select(a => _byName.TryGetValue(a.Name, out DriverCatalogEntry? old)
            ? a with { Aliases = [.. a.Aliases.Union(old.Aliases)] }
            : a)];
        return new DriverCatalog([
            .. _byName.Values.Where(e => added.All(a => a.Name != e.Name)),
            .. added.Select(DriverCatalogEntry.Parsed)]);
    }

    /// <summary>True once the driver named <paramref name="name"/> has been parsed (tests).</summary>
    internal bool IsParsed(string name) => _byName[name].IsParsed;

    /// <summary>A new catalogue of the built-in definitions, none parsed yet (<see cref="Builtin"/> holds one).</summary>
    internal static DriverCatalog LoadBuiltin()
    {
        DriverCatalog? catalog = null;
        Driver? ResolveBase(string name) => catalog!.TryGet(name, out Driver? d) ? d : null;
        catalog = new DriverCatalog(BuiltinDriverIndex.Read(typeof(DriverCatalog).Assembly)
            .Select(definition => DriverCatalogEntry.Deferred(definition, ResolveBase)));
        return catalog;
    }
}
