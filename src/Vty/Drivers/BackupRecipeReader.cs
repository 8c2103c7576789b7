using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Vty.Drivers;

/// <summary>Reads a driver's <c>backup:</c> section (see docs/drivers.md) into a <see cref="BackupRecipe"/>.</summary>
internal static class BackupRecipeReader
{
    private static readonly string[] Keys = ["commands", "enable", "drop", "secrets"];

    /// <summary>
    /// Parses <paramref name="node"/>; <paramref name="error"/> builds a definition error for a field,
    /// <paramref name="compile"/> compiles a pattern with the driver's options and match timeout.
    /// </summary>
    public static BackupRecipe Read(YamlNode node, Func<string, string, Exception> error, Func<string, string, Regex> compile)
    {
        if (node is not YamlMappingNode map)
            throw error("backup", "expected a mapping with 'commands:' and optionally 'enable:', 'drop:', 'secrets:'");
        foreach (YamlNode key in map.Children.Keys)
        {
            string k = (key as YamlScalarNode)?.Value ?? "";
            if (!Keys.Contains(k))
                throw error("backup." + k, $"unknown field (line {key.Start.Line}); allowed here: {string.Join(", ", Keys)}");
        }

        IReadOnlyList<string> commands = Strings(map, "commands", error);
        if (commands.Count == 0)
            throw error("backup.commands", "at least one command is required (the command that prints the configuration)");
        var secrets = new List<Regex>();
        IReadOnlyList<string> secretPatterns = Strings(map, "secrets", error);
        for (int i = 0; i < secretPatterns.Count; i++)
        {
            Regex regex = compile(secretPatterns[i], $"backup.secrets[{i}]");
            if (!regex.GetGroupNames().Contains("secret"))
                throw error($"backup.secrets[{i}]", $"'{secretPatterns[i]}' has no group named 'secret': write (?<secret>...) around the part to remove");
            secrets.Add(regex);
        }

        return new BackupRecipe
        {
            Commands = commands,
            NeedsEnable = Scalar(map, "enable") is { } enable && (enable is "true" or "yes"
                ? true
                : enable is "false" or "no" ? false : throw error("backup.enable", $"expected true or false, got '{enable}'")),
            DropLines = Strings(map, "drop", error).Select((p, i) => compile(p, $"backup.drop[{i}]")).ToList(),
            Secrets = secrets,
        };
    }

    internal static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? node) && node is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;

    internal static IReadOnlyList<string> Strings(YamlMappingNode map, string key, Func<string, string, Exception> error)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? node))
            return [];
        if (node is YamlScalarNode { Value: { Length: > 0 } single })
            return [single];
        if (node is not YamlSequenceNode seq)
            throw error("backup." + key, $"expected a list of strings (line {node.Start.Line})");
        var list = new List<string>();
        foreach (YamlNode item in seq.Children)
        {
            if (item is not YamlScalarNode { Value: { Length: > 0 } value })
                throw error($"backup.{key}[{list.Count}]", $"expected a non-empty string (line {item.Start.Line})");
            list.Add(value);
        }
        return list;
    }
}
