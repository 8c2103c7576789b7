namespace Vty.Inventory;

/// <summary>
/// A set of hosts to run jobs on: loaded from an inventory YAML file, or built from URLs given on
/// the command line. See docs/user-guide.md for the file format.
/// </summary>
public sealed class HostInventory
{
    private readonly Dictionary<string, IReadOnlyList<string>> _groupParents;

    internal HostInventory(IReadOnlyList<InventoryHost> hosts, Dictionary<string, IReadOnlyList<string>> groupParents, string? source)
    {
        Hosts = hosts;
        _groupParents = groupParents;
        Source = source;
    }

    /// <summary>All hosts, in file order.</summary>
    public IReadOnlyList<InventoryHost> Hosts { get; }

    /// <summary>Names of the groups the file defines.</summary>
    public IReadOnlyCollection<string> GroupNames => _groupParents.Keys;

    /// <summary>Where the inventory came from (a file path), or null.</summary>
    public string? Source { get; }

    /// <summary>Reads and validates an inventory file.</summary>
    /// <exception cref="InventoryException">The file is missing or invalid; the message says where.</exception>
    public static HostInventory Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InventoryException($"cannot read inventory '{path}': {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses inventory YAML; <paramref name="source"/> names it in error messages.</summary>
    public static HostInventory Parse(string yaml, string source = "inventory") => InventoryParser.Parse(yaml, source);

    /// <summary>An inventory of the given URLs, each with <paramref name="defaults"/> beneath it.</summary>
    public static HostInventory FromUrls(IEnumerable<string> urls, HostSettings? defaults = null)
    {
        var hosts = new List<InventoryHost>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string url in urls)
        {
            InventoryHost host = InventoryHost.FromUrl(url, defaults);
            // The same device given twice (e.g. over SSH and Telnet, or two lab profiles) still
            // needs distinct result names: the scheme, then the whole URL (password hidden) tell them apart.
            string[] candidates = [host.Name, host.Url[..(host.Url.IndexOf("://", StringComparison.Ordinal) + 3)] + host.Name, Fleet.HostResultJson.SafeUrl(host.Url)];
            string name = candidates.FirstOrDefault(names.Add)
                ?? throw new InventoryException($"the host '{Fleet.HostResultJson.SafeUrl(host.Url)}' is given twice; give each host once");
            hosts.Add(host with { Name = name });
        }
        return new HostInventory(hosts, new Dictionary<string, IReadOnlyList<string>>(), null);
    }

    /// <summary>
    /// The hosts in any of the comma-separated groups (or named directly), or all hosts when
    /// <paramref name="groups"/> is null or empty.
    /// </summary>
    /// <exception cref="InventoryException">A name is neither a group nor a host.</exception>
    public IReadOnlyList<InventoryHost> Select(string? groups)
    {
        if (string.IsNullOrWhiteSpace(groups))
            return Hosts;
        string[] wanted = groups.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string name in wanted)
        {
            if (!_groupParents.ContainsKey(name) && !Hosts.Any(h => h.Name == name))
            {
                string known = _groupParents.Count == 0 ? "the inventory defines no groups" : "groups: " + string.Join(", ", _groupParents.Keys.Order(StringComparer.Ordinal));
                throw new InventoryException($"no group or host named '{name}' in {Source ?? "the inventory"} ({known})");
            }
        }
        return Hosts.Where(h => wanted.Any(w => h.Name == w || h.Groups.Contains(w))).ToList();
    }
}
