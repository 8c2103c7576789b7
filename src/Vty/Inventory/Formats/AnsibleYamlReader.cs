using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vty.Inventory.Formats;

/// <summary>
/// Reads an Ansible inventory in YAML: top-level groups (usually <c>all</c>), each with
/// <c>hosts</c>, <c>vars</c> and <c>children</c>, nested to any depth; host ranges are expanded.
/// </summary>
internal static class AnsibleYamlReader
{
    public static HostInventory Read(string yaml, string source)
    {
        YamlMappingNode root = YamlInventoryText.LoadMapping(yaml, source, "an Ansible inventory must map group names (e.g. all:) to hosts, vars and children");
        var draft = new InventoryDraft(source)
        {
            Precedence = GroupPrecedence.ByDepthThenName,
            Finish = AnsibleVariables.Finish,
        };
        draft.Group("all");
        foreach ((YamlNode key, YamlNode value) in root.Children)
            ReadGroup(draft, YamlInventoryText.Scalar(source, key, "group name"), value, parent: null);
        AnsibleVariables.PlaceUnderAll(draft);
        return draft.Build();
    }

    private static void ReadGroup(InventoryDraft draft, string name, YamlNode node, string? parent)
    {
        GroupDraft group = draft.Group(name);
        if (parent is not null && parent != "all")
            group.AddParent(parent);
        if (YamlInventoryText.IsNull(node))
            return;
        if (node is not YamlMappingNode map)
            throw YamlInventoryText.Error(draft.Source, node, $"group '{name}' must be a mapping with hosts, vars or children");
        foreach ((YamlNode keyNode, YamlNode value) in map.Children)
        {
            string key = YamlInventoryText.Scalar(draft.Source, keyNode, "key");
            switch (key)
            {
                case "vars":
                    group.Settings = group.Settings.Overlay(new HostSettings { Variables = ReadVars(draft, value, $"group '{name}'") });
                    break;
                case "hosts":
                    ReadHosts(draft, name, value);
                    break;
                case "children":
                    if (YamlInventoryText.IsNull(value))
                        break;
                    if (value is not YamlMappingNode children)
                        throw YamlInventoryText.Error(draft.Source, value, $"'children' of group '{name}' must map group names to groups");
                    foreach ((YamlNode childKey, YamlNode child) in children.Children)
                        ReadGroup(draft, YamlInventoryText.Scalar(draft.Source, childKey, "group name"), child, name);
                    break;
                default:
                    throw YamlInventoryText.Error(draft.Source, keyNode, $"unknown key '{key}' in group '{name}' (an Ansible group has hosts, vars and children)");
            }
        }
    }

    private static void ReadHosts(InventoryDraft draft, string group, YamlNode node)
    {
        if (YamlInventoryText.IsNull(node))
            return;
        if (node is not YamlMappingNode hosts)
            throw YamlInventoryText.Error(draft.Source, node, $"'hosts' of group '{group}' must map host names to their variables");
        foreach ((YamlNode key, YamlNode value) in hosts.Children)
        {
            string pattern = YamlInventoryText.Scalar(draft.Source, key, "host name");
            string where = $"{draft.Source} line {key.Start.Line}";
            Dictionary<string, string> vars = YamlInventoryText.IsNull(value) ? [] : ReadVars(draft, value, $"host '{pattern}'");
            foreach (string name in AnsibleHostRange.Expand(pattern, where))
            {
                HostDraft host = draft.Host(name);
                host.AddGroup(group);
                host.Settings = host.Settings.Overlay(new HostSettings { Variables = vars });
            }
        }
    }

    private static Dictionary<string, string> ReadVars(InventoryDraft draft, YamlNode node, string where)
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        if (YamlInventoryText.IsNull(node))
            return vars;
        if (node is not YamlMappingNode map)
            throw YamlInventoryText.Error(draft.Source, node, $"the variables of {where} must be a mapping of names to values");
        foreach ((YamlNode key, YamlNode value) in map.Children)
        {
            string name = YamlInventoryText.Scalar(draft.Source, key, "variable name");
            if (value is YamlScalarNode { Tag: { IsEmpty: false, IsNonSpecific: false } tag } && tag.Value == "!vault")
            {
                draft.Warn($"{draft.Source}: {name} ({where}) is vault-encrypted and was ignored: Vty does not decrypt Ansible Vault");
                continue;
            }
            if (value is not YamlScalarNode scalar)
            {
                draft.Warn($"{draft.Source}: variable {name} ({where}) is a list or mapping and was ignored: Vty keeps single values only");
                continue;
            }
            AnsibleVariables.Add(draft, vars, name, scalar.Value ?? "", where);
        }
        return vars;
    }
}
