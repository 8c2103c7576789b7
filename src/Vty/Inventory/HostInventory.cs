using Vty.Inventory.Formats;

namespace Vty.Inventory;

/// <summary>
/// A set of hosts to run jobs on: loaded from an inventory YAML file, or built from URLs given on
/// the command line. See docs/user-guide.md for the file format.
/// </summary>
public sealed class HostInventory
{
    private readonly Dictionary<string, IReadOnlyList<string>> _groupParents;

    internal HostInventory(IReadOnlyList<InventoryHost> hosts, Dictionary<string, IReadOnlyList<string>> groupParents, string? source, IReadOnlyList<string>? warnings = null)
    {
        Hosts = hosts;
        _groupParents = groupParents;
        Source = source;
        Warnings = warnings ?? [];
    }

    /// <summary>
    /// What was read but not used, one sentence each (a password in an Ansible or Nornir file, a
    /// platform no driver matches, a host whose connection Vty cannot make); empty for Vty's YAML.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>All hosts, in file order.</summary>
    public IReadOnlyList<InventoryHost> Hosts { get; }

    /// <summary>Names of the groups the file defines.</summary>
    public IReadOnlyCollection<string> GroupNames => _groupParents.Keys;

    /// <summary>Where the inventory came from (a file path), or null.</summary>
    public string? Source { get; }

    /// <summary>Reads and validates an inventory file in Vty's YAML.</summary>
    /// <exception cref="InventoryException">The file is missing or invalid; the message says where.</exception>
    public static HostInventory Load(string path) => Load(path, new InventoryLoadOptions { Format = InventoryFormat.Vty });

    /// <summary>
    /// Reads an inventory in any format Vty knows (<see cref="InventoryFormat"/>), picked from the
    /// file by default: Vty's YAML, Ansible YAML or INI, a Nornir SimpleInventory (its hosts file or
    /// folder), CSV or router.db.
    /// </summary>
    /// <exception cref="InventoryException">The file is missing or invalid; the message says where.</exception>
    public static HostInventory Load(string path, InventoryLoadOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new InventoryLoadOptions();
        if (NornirReader.HostsFileIn(path) is { } hostsFile)
        {
            if (options.Format is not (InventoryFormat.Auto or InventoryFormat.Nornir))
                throw new InventoryException($"'{path}' is a folder; only a Nornir inventory (hosts.yaml, groups.yaml, defaults.yaml) is read from a folder");
            return NornirReader.Read(hostsFile);
        }
        string text = ReadText(path);
        InventoryFormat format = options.Format == InventoryFormat.Auto ? InventoryFormatDetector.Detect(path, text) : options.Format;
        return format switch
        {
            InventoryFormat.AnsibleYaml => AnsibleYamlReader.Read(text, path),
            InventoryFormat.AnsibleIni => AnsibleIniReader.Read(text, path),
            InventoryFormat.Nornir => NornirReader.Read(path),
            InventoryFormat.Csv or InventoryFormat.RouterDb => DelimitedInventoryReader.Read(text, path, format, options),
            _ => Parse(text, path),
        };
    }

    private static string ReadText(string path)
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
        return text;
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
