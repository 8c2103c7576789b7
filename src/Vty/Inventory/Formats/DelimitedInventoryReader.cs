namespace Vty.Inventory.Formats;

/// <summary>
/// Reads one-host-per-line inventories: CSV with a header row, and Oxidized/RANCID <c>router.db</c>
/// (<c>name:model</c>, no header). Columns are named by the header or by
/// <see cref="InventoryLoadOptions.Columns"/>; see <see cref="Column"/> for the names understood.
/// </summary>
internal static class DelimitedInventoryReader
{
    /// <summary>What a column means.</summary>
    private enum Column { Name, Address, Url, Protocol, Port, Driver, Username, Groups, Secret, Variable }

    private static readonly string[] RouterDbColumns = ["name", "model"];

    public static HostInventory Read(string text, string source, InventoryFormat format, InventoryLoadOptions options)
    {
        bool csv = format == InventoryFormat.Csv;
        char separator = options.Separator ?? (csv ? (source.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',') : ':');
        var draft = new InventoryDraft(source);
        IReadOnlyList<string>? names = options.Columns ?? (csv ? null : RouterDbColumns);
        List<(Column Kind, string Name)>? columns = names is null ? null : Classify(names, source, draft);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            string where = $"{source} line {i + 1}";
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
                continue;
            List<string> fields = DelimitedFields.Split(line, separator, quotes: csv, where);
            if (columns is null)
            {
                columns = Classify(fields, source, draft);
                if (!columns.Any(c => c.Kind is Column.Name or Column.Address or Column.Url))
                    throw new InventoryException($"{where}: the header row names no host column (name, host, hostname, ip, address or url); add one, or give the columns with --inventory-columns");
                continue;
            }
            if (fields.Count > columns.Count && !csv)
                // router.db lines often carry more fields than the ones mapped; the rest is not ours.
                fields = fields.Take(columns.Count).ToList();
            else if (fields.Count > columns.Count)
                throw new InventoryException($"{where}: {fields.Count} fields but the header names {columns.Count} columns");
            ReadHost(draft, seen, columns, fields, where);
        }
        if (columns is null)
            throw new InventoryException($"{source}: the inventory is empty");
        return draft.Build();
    }

    private static void ReadHost(InventoryDraft draft, HashSet<string> seen, List<(Column Kind, string Name)> columns, List<string> fields, string where)
    {
        string? name = null, address = null, url = null, protocol = null, driver = null, username = null;
        int? port = null;
        var groups = new List<string>();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int c = 0; c < columns.Count && c < fields.Count; c++)
        {
            string value = fields[c];
            if (value.Length == 0)
                continue;
            switch (columns[c].Kind)
            {
                case Column.Name: name = value; break;
                case Column.Address: address = value; break;
                case Column.Url: url = value; break;
                case Column.Protocol: protocol = value.ToLowerInvariant(); break;
                case Column.Username: username = value; break;
                case Column.Driver: driver = PlatformDrivers.FindOrWarn(draft, value, columns[c].Name); break;
                case Column.Groups:
                    groups.AddRange(value.Split([';', '|', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case Column.Port:
                    if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int p) || p is < 1 or > 65535)
                        throw new InventoryException($"{where}: port must be a whole number from 1 to 65535, not '{value}'");
                    port = p;
                    break;
                case Column.Secret: break;
                default: variables[columns[c].Name] = value; break;
            }
        }
        name ??= address ?? url ?? throw new InventoryException($"{where}: the line has no host name, address or url");
        if (protocol is not (null or "ssh" or "telnet" or "dummy"))
            throw new InventoryException($"{where}: protocol '{protocol}' is not one of ssh, telnet, dummy");
        if (!seen.Add(name))
            throw new InventoryException($"{where}: host '{name}' is listed twice; give each host one line");
        HostDraft host = draft.Host(name);
        host.Settings = new HostSettings { Url = url ?? address, Protocol = protocol, Port = port, Driver = driver, Username = username, Variables = variables };
        foreach (string group in groups)
        {
            draft.Group(group);
            host.AddGroup(group);
        }
    }

    private static List<(Column Kind, string Name)> Classify(IReadOnlyList<string> names, string source, InventoryDraft draft)
    {
        var columns = new List<(Column, string)>();
        foreach (string raw in names)
        {
            string name = raw.Trim();
            Column kind = name.ToLowerInvariant() switch
            {
                "name" or "host" or "hostname" or "device" or "node" => Column.Name,
                "ip" or "address" or "ip_address" or "ipaddress" or "mgmt_ip" or "management_ip" => Column.Address,
                "url" => Column.Url,
                "protocol" or "transport" or "input" => Column.Protocol,
                "port" => Column.Port,
                "model" or "driver" or "platform" or "device_type" or "os" or "network_os" => Column.Driver,
                "username" or "user" => Column.Username,
                "group" or "groups" => Column.Groups,
                "password" or "secret" or "enable" or "enable_password" or "enable_secret" or "passphrase" => Column.Secret,
                _ => Column.Variable,
            };
            if (kind == Column.Secret)
                draft.Warn($"{source}: column '{name}' ignored: Vty never reads secrets from inventory files; export VTY_PASSWORD / VTY_ENABLE_PASSWORD or let vty prompt");
            columns.Add((kind, name));
        }
        return columns;
    }
}
