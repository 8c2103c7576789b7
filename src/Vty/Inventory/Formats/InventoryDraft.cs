namespace Vty.Inventory.Formats;

/// <summary>
/// What a foreign inventory file says, before merging: default settings, groups with their
/// parents, hosts with their groups, each layer as written. <see cref="Build"/> merges them the way
/// the file's own tool does (<see cref="GroupPrecedence"/>) and builds the hosts' URLs.
/// </summary>
internal sealed class InventoryDraft(string source)
{
    private readonly Dictionary<string, GroupDraft> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HostDraft> _hosts = new(StringComparer.Ordinal);
    private readonly List<string> _hostOrder = [];
    private readonly HashSet<string> _warnings = new(StringComparer.Ordinal);
    private readonly List<string> _warningOrder = [];

    /// <summary>The file, for messages.</summary>
    public string Source { get; } = source;

    /// <summary>Settings beneath every group and host.</summary>
    public HostSettings Defaults { get; set; } = new();

    /// <summary>How a host's groups are ordered before they are laid over each other.</summary>
    public GroupPrecedence Precedence { get; init; } = GroupPrecedence.LaterWins;

    /// <summary>
    /// Turns a host's merged settings into the final ones (e.g. Ansible's <c>ansible_*</c> variables
    /// into URL, port and driver); returns null and a reason to leave the host out.
    /// </summary>
    public Func<InventoryDraft, string, HostSettings, (HostSettings? Settings, string? SkipReason)>? Finish { get; init; }

    /// <summary>Every group mentioned so far.</summary>
    public IEnumerable<GroupDraft> Groups => _groups.Values;

    /// <summary>Host names in the order the file first mentions them.</summary>
    public IReadOnlyList<string> HostNames => _hostOrder;

    /// <summary>A group, created (with no settings) on first mention.</summary>
    public GroupDraft Group(string name)
    {
        if (!_groups.TryGetValue(name, out GroupDraft? group))
            _groups[name] = group = new GroupDraft(name);
        return group;
    }

    /// <summary>True when the file defines or mentions this group.</summary>
    public bool HasGroup(string name) => _groups.ContainsKey(name);

    /// <summary>A host, created on first mention; later mentions add to its settings and groups.</summary>
    public HostDraft Host(string name)
    {
        if (!_hosts.TryGetValue(name, out HostDraft? host))
        {
            _hosts[name] = host = new HostDraft(name);
            _hostOrder.Add(name);
        }
        return host;
    }

    /// <summary>Records a warning once (the same message for many hosts is said once).</summary>
    public void Warn(string message)
    {
        if (_warnings.Add(message))
            _warningOrder.Add(message);
    }

    /// <summary>Merges the layers and builds every host's URL.</summary>
    /// <exception cref="InventoryException">A group inherits from itself, or a host's address or port is unusable.</exception>
    public HostInventory Build()
    {
        var hosts = new List<InventoryHost>(_hostOrder.Count);
        foreach (string name in _hostOrder)
        {
            HostDraft draft = _hosts[name];
            var allGroups = new List<string>();
            HostSettings merged = Defaults;
            foreach (string group in OrderGroups(draft.Groups))
                merged = ApplyGroup(group, merged, allGroups, []);
            merged = merged.Overlay(draft.Settings);
            if (Finish is not null)
            {
                (HostSettings? finished, string? skip) = Finish(this, name, merged);
                if (finished is null)
                {
                    Warn($"{Source}: host '{name}' left out: {skip}");
                    continue;
                }
                merged = finished;
            }
            string url;
            try
            {
                url = HostUrlBuilder.Build(merged, fallbackAddress: name);
            }
            catch (InventoryException e)
            {
                throw new InventoryException($"{Source}: host '{name}': {e.Message}", e);
            }
            var variables = new Dictionary<string, string>(merged.Variables, StringComparer.Ordinal)
            {
                ["host"] = name,
                ["url"] = url,
            };
            hosts.Add(new InventoryHost { Name = name, Url = url, Settings = merged with { Variables = variables }, Groups = allGroups });
        }
        var parents = _groups.ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Value.Parents, StringComparer.Ordinal);
        return new HostInventory(hosts, parents, Source, _warningOrder);
    }

    private IEnumerable<string> OrderGroups(List<string> groups) => Precedence switch
    {
        // Ansible: shallower groups first, then by name; the last one applied wins.
        GroupPrecedence.ByDepthThenName => groups.OrderBy(g => Depth(g, [])).ThenBy(g => g, StringComparer.Ordinal),
        // Nornir: the first group listed wins, so it is applied last.
        GroupPrecedence.FirstWins => Enumerable.Reverse(groups),
        _ => groups,
    };

    private int Depth(string group, HashSet<string> path)
    {
        if (!_groups.TryGetValue(group, out GroupDraft? draft) || draft.Parents.Count == 0 || !path.Add(group))
            return 0;
        int depth = 1 + draft.Parents.Max(p => Depth(p, path));
        path.Remove(group);
        return depth;
    }

    private HostSettings ApplyGroup(string group, HostSettings below, List<string> visited, List<string> path)
    {
        if (path.Contains(group))
            throw new InventoryException($"{Source}: group inheritance loops: {string.Join(" -> ", path.Append(group))}");
        GroupDraft draft = Group(group);
        path.Add(group);
        HostSettings merged = below;
        IEnumerable<string> parents = Precedence == GroupPrecedence.FirstWins ? Enumerable.Reverse(draft.Parents) : draft.Parents;
        foreach (string parent in parents)
            merged = ApplyGroup(parent, merged, visited, path);
        path.RemoveAt(path.Count - 1);
        if (!visited.Contains(group))
            visited.Add(group);
        return merged.Overlay(draft.Settings);
    }
}
