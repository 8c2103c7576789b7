using Vty.Drivers;

namespace Vty.Inventory.Formats;

/// <summary>
/// Maps the platform names other tools write (Ansible's <c>ansible_network_os</c>, Nornir's
/// <c>platform</c>, Netmiko's <c>device_type</c>, Oxidized's model) to a Vty driver name.
/// </summary>
internal static class PlatformDrivers
{
    // Names no driver answers to by name or alias: NAPALM's and scrapli's spellings, Ansible's short
    // collection names.
    private static readonly Dictionary<string, string> Extra = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nxos_ssh"] = "nxos",
        ["cisco_iosxe"] = "ios_xe",
        ["cisco_iosxr"] = "ios_xr",
        ["cisco_nxos_ssh"] = "nxos",
        ["ce"] = "vrp_v8",
        ["dellos10"] = "os10",
        ["iosxrv"] = "ios_xr",
        ["eos_ssh"] = "eos",
        ["sros"] = "sros",
        ["linux_shell"] = "shell",
    };

    /// <summary>
    /// The driver for <paramref name="platform"/>: its own name or alias, a known other spelling,
    /// or the last part of an Ansible collection name (<c>cisco.ios.ios</c>); null when none fits.
    /// </summary>
    public static string? Find(string platform, DriverCatalog? catalog = null)
    {
        catalog ??= DriverCatalog.Builtin;
        string name = platform.Trim();
        if (name.Length == 0)
            return null;
        foreach (string candidate in Candidates(name))
        {
            if (catalog.TryGet(candidate, out Driver? driver))
                return driver.Name;
            if (Extra.TryGetValue(candidate, out string? mapped) && catalog.TryGet(mapped, out driver))
                return driver.Name;
        }
        return null;
    }

    /// <summary>
    /// The driver for a platform read by <paramref name="draft"/>; an unknown platform warns and
    /// returns null, so the driver is guessed at login.
    /// </summary>
    public static string? FindOrWarn(InventoryDraft draft, string platform, string key)
    {
        string? driver = Find(platform);
        if (driver is null)
            draft.Warn($"{draft.Source}: {key} '{platform}' matches no Vty driver; those hosts get one by guessing at login (vty driver list shows the names)");
        return driver;
    }

    private static IEnumerable<string> Candidates(string name)
    {
        yield return name;
        int dot = name.LastIndexOf('.');
        if (dot >= 0 && dot < name.Length - 1)
            yield return name[(dot + 1)..];
    }
}
