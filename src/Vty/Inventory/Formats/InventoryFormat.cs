namespace Vty.Inventory.Formats;

/// <summary>The file formats an inventory can be read from.</summary>
public enum InventoryFormat
{
    /// <summary>Pick from the file name and content (see <see cref="InventoryFormatDetector"/>).</summary>
    Auto,

    /// <summary>Vty's own YAML: <c>defaults</c>, <c>groups</c>, <c>hosts</c>.</summary>
    Vty,

    /// <summary>An Ansible inventory in YAML (<c>all:</c>, <c>hosts:</c>, <c>children:</c>, <c>vars:</c>).</summary>
    AnsibleYaml,

    /// <summary>An Ansible inventory in INI (<c>[group]</c>, <c>[group:vars]</c>, <c>[group:children]</c>).</summary>
    AnsibleIni,

    /// <summary>A Nornir SimpleInventory: <c>hosts.yaml</c> with <c>groups.yaml</c> and <c>defaults.yaml</c> beside it.</summary>
    Nornir,

    /// <summary>Comma-separated values with a header row naming the columns.</summary>
    Csv,

    /// <summary>An Oxidized / RANCID-style <c>router.db</c>: <c>name:model</c> lines, no header.</summary>
    RouterDb,
}
