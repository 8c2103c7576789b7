namespace Vty.Drivers;

/// <summary>One built-in definition file as indexed before parsing: its driver's name and aliases, and the YAML.</summary>
internal sealed record BuiltinDriverDefinition(string Name, IReadOnlyList<string> Aliases, string Source, string Yaml);
