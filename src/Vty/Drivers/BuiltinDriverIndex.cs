using System.Reflection;

namespace Vty.Drivers;

/// <summary>
/// Reads the built-in definitions (YAML resources) and finds each one's driver name and aliases
/// from its top-level <c>name:</c> and <c>aliases: [...]</c> lines, without parsing the YAML or
/// compiling a pattern: parsing all 151 drivers cost 4–5 % of a fleet run's CPU and most of a
/// single-host run's, though a run usually needs two or three of them. Built-in files therefore
/// define one driver each, with those keys on lines of their own (the tests check every file);
/// a file that does not is reported at start-up, so the rule cannot be broken unnoticed.
/// </summary>
internal static class BuiltinDriverIndex
{
    private const string ResourcePrefix = "Vty.Drivers.Definitions.";

    public static IReadOnlyList<BuiltinDriverDefinition> Read(Assembly assembly) =>
        [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Index("builtin:" + n[ResourcePrefix.Length..], ReadResource(assembly, n)))];

    /// <summary>The name and aliases of the one driver <paramref name="yaml"/> defines, from its top-level lines.</summary>
    internal static BuiltinDriverDefinition Index(string source, string yaml)
    {
        string? name = null;
        IReadOnlyList<string> aliases = [];
        foreach (ReadOnlySpan<char> raw in yaml.AsSpan().EnumerateLines())
        {
            ReadOnlySpan<char> line = raw.TrimEnd();
            if (line.StartsWith("drivers:") || line.StartsWith("---"))
                throw Unindexable(source, "it holds several drivers or documents");
            if (line.StartsWith("name:"))
                name = name is null ? Scalar(line["name:".Length..]) : throw Unindexable(source, "'name:' appears twice");
            else if (line.StartsWith("aliases:"))
                aliases = FlowList(source, line["aliases:".Length..]);
        }
        return name is { Length: > 0 }
            ? new BuiltinDriverDefinition(name, aliases, source, yaml)
            : throw Unindexable(source, "no top-level 'name:' line");
    }

    private static IReadOnlyList<string> FlowList(string source, ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.Length < 2 || value[0] != '[' || value[^1] != ']')
            throw Unindexable(source, "'aliases:' is not a one-line [a, b] list");
        List<string> items = [];
        foreach (Range part in value[1..^1].Split(','))
        {
            string item = Scalar(value[1..^1][part]);
            if (item.Length > 0) items.Add(item);
        }
        return items;
    }

    // A plain or quoted scalar with no escapes (names are [a-z0-9_.-]; the parser validates them).
    private static string Scalar(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.Length >= 2 && (value[0] is '\'' or '"') && value[^1] == value[0])
            value = value[1..^1];
        return value.ToString();
    }

    private static DriverDefinitionException Unindexable(string source, string problem) =>
        new(source, null, null, $"built-in definition cannot be indexed: {problem}. Each built-in file defines one driver, with 'name:' and 'aliases: [...]' on top-level lines of their own");

    private static string ReadResource(Assembly assembly, string name)
    {
        using Stream stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"built-in driver resource {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
