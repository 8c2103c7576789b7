namespace Vty.Inventory.Formats;

/// <summary>How <see cref="HostInventory.Load(string, InventoryLoadOptions?)"/> reads a file.</summary>
public sealed record InventoryLoadOptions
{
    /// <summary>The file's format; <see cref="InventoryFormat.Auto"/> picks it from the name and content.</summary>
    public InventoryFormat Format { get; init; } = InventoryFormat.Auto;

    /// <summary>Field separator for CSV and router.db files; null: <c>,</c> for CSV (tab for <c>.tsv</c>), <c>:</c> for router.db.</summary>
    public char? Separator { get; init; }

    /// <summary>
    /// Column names for CSV and router.db files in order (<c>name</c>, <c>ip</c>, <c>model</c>,
    /// <c>group</c>, <c>username</c>, …); null: a CSV file's header row, or <c>name,model</c> for router.db.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Parses a format name as written on the command line (<c>ansible</c>, <c>ansible-ini</c>, <c>nornir</c>, <c>csv</c>, <c>routerdb</c>, <c>vty</c>, <c>auto</c>).</summary>
    /// <exception cref="ArgumentException">The name is none of those.</exception>
    public static InventoryFormat ParseFormat(string name) => name.Trim().ToLowerInvariant() switch
    {
        "auto" => InventoryFormat.Auto,
        "vty" or "yaml" => InventoryFormat.Vty,
        "ansible" or "ansible-yaml" or "ansible_yaml" => InventoryFormat.AnsibleYaml,
        "ansible-ini" or "ansible_ini" or "ini" => InventoryFormat.AnsibleIni,
        "nornir" => InventoryFormat.Nornir,
        "csv" => InventoryFormat.Csv,
        "routerdb" or "router.db" or "oxidized" => InventoryFormat.RouterDb,
        _ => throw new ArgumentException($"unknown inventory format '{name}': use auto, vty, ansible, ansible-ini, nornir, csv or routerdb"),
    };
}
