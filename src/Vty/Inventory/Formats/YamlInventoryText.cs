using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vty.Inventory.Formats;

/// <summary>YAML helpers the foreign inventory readers share: loading, scalars, errors with line numbers.</summary>
internal static class YamlInventoryText
{
    /// <summary>The file's root mapping; an empty file or another root is an error saying <paramref name="shape"/>.</summary>
    public static YamlMappingNode LoadMapping(string yaml, string source, string shape)
    {
        YamlNode? root = Load(yaml, source);
        if (root is null)
            throw new InventoryException($"{source}: the inventory is empty");
        return root as YamlMappingNode ?? throw Error(source, root, shape);
    }

    /// <summary>The root node, or null for an empty document.</summary>
    public static YamlNode? Load(string yaml, string source)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
                return null;
            return stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            throw new InventoryException($"{source} line {e.Start.Line}: not valid YAML: {e.Message}", e);
        }
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) } s
        && (s.Value is null or "" or "~" or "null");

    public static string Scalar(string source, YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(source, node, $"expected a single value for {what}");

    public static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? value : null;

    public static InventoryException Error(string source, YamlNode node, string message) =>
        new($"{source} line {node.Start.Line}: {message}");
}
