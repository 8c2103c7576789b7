namespace Vty.Drivers;

/// <summary>
/// One driver of a <see cref="DriverCatalog"/>: its name and aliases, known without parsing it, and
/// the driver itself, parsed on first use for built-ins (once, thread-safe; a failure is kept and
/// thrown again on every use).
/// </summary>
internal sealed class DriverCatalogEntry
{
    private readonly Lazy<Driver> _driver;

    private DriverCatalogEntry(string name, IReadOnlyList<string> aliases, string source, Lazy<Driver> driver)
    {
        Name = name;
        Aliases = aliases;
        Source = source;
        _driver = driver;
    }

    public string Name { get; }

    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Where the definition comes from (<c>builtin:ios.yaml</c>, a file path).</summary>
    public string Source { get; }

    public Driver Driver => _driver.Value;

    public bool IsParsed => _driver.IsValueCreated;

    /// <summary>A driver already parsed (user definitions).</summary>
    public static DriverCatalogEntry Parsed(Driver driver) =>
        new(driver.Name, driver.Aliases, driver.Source, new Lazy<Driver>(driver));

    /// <summary>
    /// A built-in definition parsed on first use, its base found through <paramref name="resolveBase"/>.
    /// The parsed driver must have the name and aliases the index read for it.
    /// </summary>
    public static DriverCatalogEntry Deferred(BuiltinDriverDefinition definition, Func<string, Driver?> resolveBase) =>
        new(definition.Name, definition.Aliases, definition.Source, new Lazy<Driver>(() =>
        {
            IReadOnlyList<Driver> read = DriverDefinitionReader.Read(definition.Yaml, definition.Source, resolveBase);
            if (read.Count != 1 || read[0].Name != definition.Name || !read[0].Aliases.SequenceEqual(definition.Aliases))
                throw new DriverDefinitionException(definition.Source, definition.Name, null,
                    $"the built-in index read name '{definition.Name}' and aliases [{string.Join(", ", definition.Aliases)}], but the YAML defines " +
                    string.Join("; ", read.Select(d => $"'{d.Name}' [{string.Join(", ", d.Aliases)}]")) + "; keep one driver per built-in file with 'name:' and 'aliases: [...]' on lines of their own");
            return read[0];
        }, LazyThreadSafetyMode.ExecutionAndPublication));
}
