using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vty.Inventory;

/// <summary>
/// Reads inventory YAML with the representation model so every error can name the file and line,
/// and unknown keys (a misspelt <c>pasword_env</c>) are errors rather than silently ignored.
/// </summary>
internal static class InventoryParser
{
    private static readonly string[] TopKeys = ["defaults", "groups", "hosts"];

    private static readonly string[] SettingKeys =
    [
        "url", "protocol", "port", "driver", "username", "password", "password_env", "enable_password_env",
        "key", "key_passphrase_env", "legacy", "encoding", "timeout", "max_output", "vars", "variables", "groups",
        "ssh_config", "jump", "zone",
    ];

    public static HostInventory Parse(string yaml, string source)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
                throw new InventoryException($"{source}: the inventory is empty; it needs at least a 'hosts:' section");
            root = stream.Documents[0].RootNode as YamlMappingNode
                ?? throw Error(source, stream.Documents[0].RootNode, "the inventory must be a mapping with 'defaults', 'groups' and 'hosts'");
        }
        catch (YamlException e)
        {
            throw new InventoryException($"{source} line {e.Start.Line}: not valid YAML: {e.Message}", e);
        }

        CheckKeys(source, root, TopKeys, "at the top level");
        HostSettings defaults = new();
        if (Child(root, "defaults") is YamlNode defaultsNode && !IsNull(defaultsNode))
            defaults = ReadSettings(source, defaultsNode, "defaults", allowGroups: false).Settings;

        var groupLayers = new Dictionary<string, (HostSettings Settings, IReadOnlyList<string> Parents, YamlNode Node)>(StringComparer.Ordinal);
        if (Child(root, "groups") is YamlNode groupsNode && !IsNull(groupsNode))
        {
            if (groupsNode is not YamlMappingNode groups)
                throw Error(source, groupsNode, "'groups' must map group names to settings");
            foreach ((YamlNode keyNode, YamlNode value) in groups.Children)
            {
                string name = ScalarText(source, keyNode, "group name");
                (HostSettings settings, IReadOnlyList<string> inherits) = IsNull(value) ? (new HostSettings(), []) : ReadSettings(source, value, $"group '{name}'", allowGroups: true);
                groupLayers[name] = (settings, inherits, keyNode);
            }
            foreach ((string name, var layer) in groupLayers)
                foreach (string parent in layer.Parents)
                    if (!groupLayers.ContainsKey(parent))
                        throw Error(source, layer.Node, $"group '{name}' inherits from unknown group '{parent}'");
        }

        YamlNode hostsNode = Child(root, "hosts") ?? throw new InventoryException($"{source}: no 'hosts:' section; add one, e.g. hosts: {{ r1: {{ url: ssh://admin@10.0.0.1, driver: ios }} }}");
        if (hostsNode is not YamlMappingNode hostsMap)
            throw Error(source, hostsNode, "'hosts' must map host names to settings (or to a URL)");

        var hosts = new List<InventoryHost>();
        foreach ((YamlNode keyNode, YamlNode value) in hostsMap.Children)
        {
            string name = ScalarText(source, keyNode, "host name");
            HostSettings own;
            IReadOnlyList<string> memberOf;
            if (value is YamlScalarNode scalar && !IsNull(value))
            {
                own = new HostSettings { Url = scalar.Value };
                memberOf = [];
            }
            else if (IsNull(value))
            {
                own = new HostSettings();
                memberOf = [];
            }
            else
            {
                (own, memberOf) = ReadSettings(source, value, $"host '{name}'", allowGroups: true);
            }

            var allGroups = new List<string>();
            HostSettings merged = defaults;
            foreach (string group in memberOf)
            {
                if (!groupLayers.ContainsKey(group))
                {
                    string known = groupLayers.Count == 0 ? "no groups are defined" : "groups: " + string.Join(", ", groupLayers.Keys);
                    throw Error(source, keyNode, $"host '{name}' is in unknown group '{group}' ({known})");
                }
                merged = ApplyGroup(source, group, groupLayers, merged, allGroups, new Stack<string>());
            }
            merged = merged.Overlay(own);
            string url;
            try
            {
                url = HostUrlBuilder.Build(merged, fallbackAddress: name);
            }
            catch (InventoryException e)
            {
                throw Error(source, keyNode, $"host '{name}': {e.Message}");
            }
            var variables = new Dictionary<string, string>(merged.Variables, StringComparer.Ordinal)
            {
                ["host"] = name,
                ["url"] = url,
            };
            hosts.Add(new InventoryHost { Name = name, Url = url, Settings = merged with { Variables = variables }, Groups = allGroups });
        }

        var parents = groupLayers.ToDictionary(g => g.Key, g => g.Value.Parents, StringComparer.Ordinal);
        return new HostInventory(hosts, parents, source);
    }

    private static HostSettings ApplyGroup(
        string source, string group,
        Dictionary<string, (HostSettings Settings, IReadOnlyList<string> Parents, YamlNode Node)> layers,
        HostSettings below, List<string> visited, Stack<string> path)
    {
        if (path.Contains(group))
            throw Error(source, layers[group].Node, $"group inheritance loops: {string.Join(" -> ", path.Reverse().Append(group))}");
        path.Push(group);
        HostSettings merged = below;
        foreach (string parent in layers[group].Parents)
            merged = ApplyGroup(source, parent, layers, merged, visited, path);
        path.Pop();
        if (!visited.Contains(group))
            visited.Add(group);
        return merged.Overlay(layers[group].Settings);
    }

    private static (HostSettings Settings, IReadOnlyList<string> Groups) ReadSettings(string source, YamlNode node, string what, bool allowGroups)
    {
        if (node is not YamlMappingNode map)
            throw Error(source, node, $"{what} must be a mapping of settings ({string.Join(", ", SettingKeys)})");
        CheckKeys(source, map, SettingKeys, $"in {what}");
        var groups = new List<string>();
        if (Child(map, "groups") is YamlNode groupsNode && !IsNull(groupsNode))
        {
            if (!allowGroups)
                throw Error(source, groupsNode, $"{what} cannot have 'groups'");
            if (groupsNode is YamlSequenceNode seq)
                groups.AddRange(seq.Children.Select(c => ScalarText(source, c, "group name")));
            else
                groups.AddRange(ScalarText(source, groupsNode, "group name").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        YamlNode? varsNode = Child(map, "vars") ?? Child(map, "variables");
        if (varsNode is not null && !IsNull(varsNode))
        {
            if (varsNode is not YamlMappingNode varsMap)
                throw Error(source, varsNode, $"'vars' in {what} must map names to values");
            foreach ((YamlNode k, YamlNode v) in varsMap.Children)
                variables[ScalarText(source, k, "variable name")] = v is YamlScalarNode s ? s.Value ?? "" : throw Error(source, v, $"variable '{k}' in {what} must be a single value");
        }

        var settings = new HostSettings
        {
            Url = OptionalText(source, map, "url"),
            Protocol = OptionalText(source, map, "protocol"),
            Port = OptionalInt(source, map, "port", 1, 65535),
            Driver = OptionalText(source, map, "driver"),
            Username = OptionalText(source, map, "username"),
            Password = OptionalText(source, map, "password"),
            PasswordEnv = OptionalText(source, map, "password_env"),
            EnablePasswordEnv = OptionalText(source, map, "enable_password_env"),
            Key = OptionalText(source, map, "key"),
            KeyPassphraseEnv = OptionalText(source, map, "key_passphrase_env"),
            Legacy = OptionalBool(source, map, "legacy"),
            Encoding = OptionalText(source, map, "encoding"),
            TimeoutSeconds = OptionalSeconds(source, map, "timeout"),
            MaxOutput = OptionalSize(source, map, "max_output"),
            Jump = OptionalText(source, map, "jump"),
            Zone = OptionalText(source, map, "zone"),
            Variables = variables,
        };
        settings = WithSshConfig(source, map, settings, what);
        if (settings.Encoding is string encoding)
        {
            try
            {
                Text.DeviceEncoding.Get(encoding);
            }
            catch (ArgumentException e)
            {
                throw Error(source, Child(map, "encoding")!, $"{e.Message.Split(" (Parameter", 2)[0]} (in {what})");
            }
        }
        if (settings.Protocol is string protocol && !Protocols.ProtocolRegistry.IsRegistered(protocol))
            throw Error(source, Child(map, "protocol")!, $"protocol '{protocol}' in {what} is not one of {string.Join(", ", Protocols.ProtocolRegistry.Schemes)}");
        return (settings, groups);
    }

    private static void CheckKeys(string source, YamlMappingNode map, string[] known, string where)
    {
        foreach (YamlNode key in map.Children.Keys)
        {
            string name = ScalarText(source, key, "key");
            if (!known.Contains(name, StringComparer.Ordinal))
                throw Error(source, key, $"unknown key '{name}' {where} (known: {string.Join(", ", known)})");
        }
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? value : null;

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) } s
        && (s.Value is null or "" or "~" or "null");

    private static string ScalarText(string source, YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(source, node, $"expected a single value for {what}");

    // ssh_config: ALIAS, or a map with alias: and/or file: (an ssh_config file to read for this host).
    private static HostSettings WithSshConfig(string source, YamlMappingNode map, HostSettings settings, string what)
    {
        YamlNode? node = Child(map, "ssh_config");
        if (node is null || IsNull(node)) return settings;
        if (node is YamlScalarNode) return settings with { SshConfigAlias = ScalarText(source, node, "'ssh_config'") };
        if (node is not YamlMappingNode config)
            throw Error(source, node, $"'ssh_config' in {what} must be an ssh_config Host alias, or a map with alias: and/or file:");
        CheckKeys(source, config, ["alias", "file"], $"in 'ssh_config' of {what}");
        string? alias = OptionalText(source, config, "alias");
        string? file = OptionalText(source, config, "file");
        if (alias is null && file is null)
            throw Error(source, node, $"'ssh_config' in {what} names neither alias: nor file:");
        return settings with { SshConfigAlias = alias, SshConfigFile = file };
    }

    private static string? OptionalText(string source, YamlMappingNode map, string key)
    {
        YamlNode? node = Child(map, key);
        if (node is null || IsNull(node)) return null;
        return ScalarText(source, node, $"'{key}'");
    }

    private static int? OptionalInt(string source, YamlMappingNode map, string key, int min, int max)
    {
        string? text = OptionalText(source, map, key);
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            throw Error(source, Child(map, key)!, $"'{key}' must be a whole number from {min} to {max}, not '{text}'");
        return value;
    }

    private static bool? OptionalBool(string source, YamlMappingNode map, string key)
    {
        string? text = OptionalText(source, map, key);
        return text?.ToLowerInvariant() switch
        {
            null => null,
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(source, Child(map, key)!, $"'{key}' must be true or false, not '{text}'"),
        };
    }

    private static double? OptionalSeconds(string source, YamlMappingNode map, string key)
    {
        string? text = OptionalText(source, map, key);
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value <= 0 || value > 86400)
            throw Error(source, Child(map, key)!, $"'{key}' must be a number of seconds above 0, not '{text}'");
        return value;
    }

    private static long? OptionalSize(string source, YamlMappingNode map, string key)
    {
        string? text = OptionalText(source, map, key);
        if (text is null) return null;
        if (!Protocols.ByteSize.TryParse(text, out long bytes) || bytes < 4096)
            throw Error(source, Child(map, key)!, $"'{key}' must be a size of at least 4K (e.g. 64M, 512K, 1G), not '{text}'");
        return bytes;
    }

    private static InventoryException Error(string source, YamlNode node, string message) =>
        new($"{source} line {node.Start.Line}: {message}");
}
