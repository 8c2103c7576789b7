using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Vty.Inventory.Formats;

/// <summary>
/// Reads a Nornir SimpleInventory: the hosts file, and <c>groups.yaml</c> and <c>defaults.yaml</c>
/// beside it when present (Nornir's default names). <c>hostname</c>, <c>port</c>, <c>username</c>,
/// <c>platform</c> (mapped to a driver) and <c>groups</c> are settings, <c>data</c> becomes task
/// variables; the first group a host lists wins, as in Nornir.
/// </summary>
internal static class NornirReader
{
    private static readonly string[] Keys = ["hostname", "port", "username", "password", "platform", "groups", "data", "connection_options"];

    public static HostInventory Read(string hostsPath)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(hostsPath))!;
        var draft = new InventoryDraft(hostsPath) { Precedence = GroupPrecedence.FirstWins };
        string? defaultsPath = Sibling(folder, "defaults");
        if (defaultsPath is not null && YamlInventoryText.Load(ReadFile(defaultsPath), defaultsPath) is YamlNode defaults)
            draft.Defaults = ReadLayer(draft, defaultsPath, defaults, "defaults").Settings;
        string? groupsPath = Sibling(folder, "groups");
        if (groupsPath is not null && YamlInventoryText.Load(ReadFile(groupsPath), groupsPath) is YamlNode groupsRoot)
        {
            if (groupsRoot is not YamlMappingNode groups)
                throw YamlInventoryText.Error(groupsPath, groupsRoot, "the groups file must map group names to their settings");
            foreach ((YamlNode key, YamlNode value) in groups.Children)
            {
                string name = YamlInventoryText.Scalar(groupsPath, key, "group name");
                (HostSettings settings, List<string> parents) = ReadLayer(draft, groupsPath, value, $"group '{name}'");
                GroupDraft group = draft.Group(name);
                group.Settings = settings;
                foreach (string parent in parents)
                    group.AddParent(parent);
            }
        }
        var known = draft.Groups.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        foreach (GroupDraft group in draft.Groups.ToList())
            CheckGroups(groupsPath ?? hostsPath, $"group '{group.Name}'", group.Parents, known);

        YamlMappingNode hosts = YamlInventoryText.LoadMapping(ReadFile(hostsPath), hostsPath, "the hosts file must map host names to their settings (hostname, platform, groups, data)");
        foreach ((YamlNode key, YamlNode value) in hosts.Children)
        {
            string name = YamlInventoryText.Scalar(hostsPath, key, "host name");
            (HostSettings settings, List<string> groups) = ReadLayer(draft, hostsPath, value, $"host '{name}'");
            CheckGroups(hostsPath, $"host '{name}'", groups, known);
            HostDraft host = draft.Host(name);
            host.Settings = settings;
            foreach (string group in groups)
                host.AddGroup(group);
        }
        return draft.Build();
    }

    /// <summary>The hosts file when <paramref name="path"/> is a Nornir inventory folder; null otherwise.</summary>
    public static string? HostsFileIn(string path) => Directory.Exists(path) ? Sibling(path, "hosts") : null;

    private static string? Sibling(string folder, string name) =>
        new[] { ".yaml", ".yml" }.Select(ext => Path.Combine(folder, name + ext)).FirstOrDefault(File.Exists);

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InventoryException($"cannot read inventory '{path}': {e.Message}", e);
        }
    }

    private static void CheckGroups(string source, string what, List<string> groups, HashSet<string> known)
    {
        foreach (string group in groups)
            if (!known.Contains(group))
                throw new InventoryException($"{source}: {what} is in group '{group}', which the groups file does not define ({(known.Count == 0 ? "no groups file beside the hosts file" : "groups: " + string.Join(", ", known.Order(StringComparer.Ordinal)))})");
    }

    private static (HostSettings Settings, List<string> Groups) ReadLayer(InventoryDraft draft, string source, YamlNode node, string what)
    {
        if (YamlInventoryText.IsNull(node))
            return (new HostSettings(), []);
        if (node is not YamlMappingNode map)
            throw YamlInventoryText.Error(source, node, $"{what} must be a mapping of {string.Join(", ", Keys)}");
        foreach (YamlNode key in map.Children.Keys)
        {
            string name = YamlInventoryText.Scalar(source, key, "key");
            if (!Keys.Contains(name, StringComparer.Ordinal))
                throw YamlInventoryText.Error(source, key, $"unknown key '{name}' in {what} (a Nornir SimpleInventory entry has {string.Join(", ", Keys)})");
        }
        if (Text(source, map, "password") is not null)
            draft.Warn($"{source}: password ({what}) ignored: Vty never reads secrets from inventory files; export VTY_PASSWORD (or use a vty inventory with password_env) or let vty prompt");
        int? port = null;
        if (Text(source, map, "port") is { } portText)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int p) || p is < 1 or > 65535)
                throw YamlInventoryText.Error(source, YamlInventoryText.Child(map, "port")!, $"port of {what} must be a whole number from 1 to 65535, not '{portText}'");
            port = p;
        }
        var groups = new List<string>();
        if (YamlInventoryText.Child(map, "groups") is { } groupsNode && !YamlInventoryText.IsNull(groupsNode))
        {
            if (groupsNode is not YamlSequenceNode list)
                throw YamlInventoryText.Error(source, groupsNode, $"groups of {what} must be a list of group names");
            groups.AddRange(list.Children.Select(c => YamlInventoryText.Scalar(source, c, "group name")));
        }
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (YamlInventoryText.Child(map, "data") is { } data && !YamlInventoryText.IsNull(data))
        {
            if (data is not YamlMappingNode dataMap)
                throw YamlInventoryText.Error(source, data, $"data of {what} must be a mapping of names to values");
            Flatten(draft, source, dataMap, "", variables, what);
        }
        string? platform = Text(source, map, "platform");
        var settings = new HostSettings
        {
            Url = Text(source, map, "hostname"),
            Port = port,
            Username = Text(source, map, "username"),
            Driver = platform is null ? null : PlatformDrivers.FindOrWarn(draft, platform, "platform"),
            Variables = variables,
        };
        return (settings, groups);
    }

    /// <summary>Nested data becomes dotted names (<c>site.rack</c>); lists join with commas.</summary>
    private static void Flatten(InventoryDraft draft, string source, YamlMappingNode map, string prefix, Dictionary<string, string> into, string what)
    {
        foreach ((YamlNode key, YamlNode value) in map.Children)
        {
            string name = prefix + YamlInventoryText.Scalar(source, key, "data name");
            switch (value)
            {
                case YamlMappingNode nested:
                    Flatten(draft, source, nested, name + ".", into, what);
                    break;
                case YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode):
                    into[name] = string.Join(",", list.Children.Select(c => ((YamlScalarNode)c).Value));
                    break;
                case YamlScalarNode scalar:
                    into[name] = scalar.Value ?? "";
                    break;
                default:
                    draft.Warn($"{source}: data '{name}' of {what} is a list of mappings and was ignored");
                    break;
            }
        }
    }

    private static string? Text(string source, YamlMappingNode map, string key)
    {
        YamlNode? node = YamlInventoryText.Child(map, key);
        return node is null || YamlInventoryText.IsNull(node) ? null : YamlInventoryText.Scalar(source, node, $"'{key}'");
    }
}
