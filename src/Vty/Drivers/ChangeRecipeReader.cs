using YamlDotNet.RepresentationModel;

namespace Vty.Drivers;

/// <summary>Reads a driver's <c>change:</c> section (see docs/drivers.md) into a <see cref="ChangeRecipe"/>.</summary>
internal static class ChangeRecipeReader
{
    private static readonly string[] Keys = ["discard", "compare", "replace"];

    public static ChangeRecipe Read(YamlNode node, Func<string, string, Exception> error)
    {
        if (node is not YamlMappingNode map)
            throw error("change", "expected a mapping with any of 'discard:', 'compare:', 'replace:'");
        foreach (YamlNode key in map.Children.Keys)
        {
            string k = (key as YamlScalarNode)?.Value ?? "";
            if (!Keys.Contains(k))
                throw error("change." + k, $"unknown field (line {key.Start.Line}); allowed here: {string.Join(", ", Keys)}");
        }
        return new ChangeRecipe
        {
            DiscardCommand = BackupRecipeReader.Scalar(map, "discard"),
            CompareCommand = BackupRecipeReader.Scalar(map, "compare"),
            Replace = BackupRecipeReader.Scalar(map, "replace") switch
            {
                null => null,
                "junos-load-override" => ConfigReplaceMethod.JunosLoadOverride,
                "iosxr-commit-replace" => ConfigReplaceMethod.IosXrCommitReplace,
                "eos-config-session" => ConfigReplaceMethod.EosConfigSession,
                var other => throw error("change.replace", $"unknown method '{other}'; known: junos-load-override, iosxr-commit-replace, eos-config-session"),
            },
        };
    }
}
