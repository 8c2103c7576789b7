using System.Globalization;

namespace Vty.Inventory.Formats;

/// <summary>
/// Ansible's connection variables: secrets are dropped as they are read (with a warning), the rest
/// stay as task variables and, once a host's layers are merged, become its address, port, user,
/// protocol, key and driver.
/// </summary>
internal static class AnsibleVariables
{
    private static readonly HashSet<string> Secrets = new(StringComparer.Ordinal)
    {
        "ansible_password", "ansible_ssh_pass", "ansible_ssh_password", "ansible_become_password", "ansible_become_pass",
        "ansible_enable_password", "ansible_private_key_passphrase", "ansible_httpapi_password", "ansible_winrm_password",
    };

    private static readonly HashSet<string> SshConnections = new(StringComparer.OrdinalIgnoreCase)
    {
        "ssh", "paramiko", "paramiko_ssh", "smart", "libssh", "network_cli",
        "ansible.netcommon.network_cli", "ansible.builtin.ssh", "ansible.builtin.paramiko_ssh", "ansible.netcommon.libssh",
    };

    /// <summary>
    /// Adds one variable to a layer, or leaves it out with a warning when it is a secret: Vty takes
    /// secrets from the environment or a prompt, never from an inventory file.
    /// </summary>
    public static void Add(InventoryDraft draft, Dictionary<string, string> layer, string name, string value, string where)
    {
        if (Secrets.Contains(name))
        {
            draft.Warn($"{draft.Source}: {name} ({where}) ignored: Vty never reads secrets from inventory files; export VTY_PASSWORD / VTY_ENABLE_PASSWORD (or set vty_password_env) or let vty prompt");
            return;
        }
        layer[name] = value;
    }

    /// <summary>Merged variables to settings; a host whose connection Vty cannot make is left out.</summary>
    public static (HostSettings? Settings, string? SkipReason) Finish(InventoryDraft draft, string host, HostSettings merged)
    {
        IReadOnlyDictionary<string, string> v = merged.Variables;
        string? connection = Get(v, "ansible_connection");
        string? protocol = null;
        if (connection is not null)
        {
            if (SshConnections.Contains(connection))
                protocol = "ssh";
            else if (connection.Equals("telnet", StringComparison.OrdinalIgnoreCase))
                protocol = "telnet";
            else
                return (null, $"ansible_connection '{connection}' is not one Vty makes (it connects over ssh or telnet)");
        }
        string? driver = Get(v, "vty_driver") ?? (Get(v, "ansible_network_os") is { } os ? PlatformDrivers.FindOrWarn(draft, os, "ansible_network_os") : null);
        int? port = null;
        if ((Get(v, "ansible_port") ?? Get(v, "ansible_ssh_port")) is { } portText)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int p) || p is < 1 or > 65535)
                throw new InventoryException($"{draft.Source}: host '{host}': ansible_port must be a whole number from 1 to 65535, not '{portText}'");
            port = p;
        }
        HostSettings finished = merged.Overlay(new HostSettings
        {
            Url = Get(v, "ansible_host") ?? Get(v, "ansible_ssh_host"),
            Protocol = protocol,
            Port = port,
            Driver = driver,
            Username = Get(v, "ansible_user") ?? Get(v, "ansible_ssh_user"),
            Key = Get(v, "ansible_ssh_private_key_file") ?? Get(v, "ansible_private_key_file"),
            PasswordEnv = Get(v, "vty_password_env"),
            EnablePasswordEnv = Get(v, "vty_enable_password_env"),
            KeyPassphraseEnv = Get(v, "vty_key_passphrase_env"),
        });
        return (finished, null);
    }

    /// <summary>
    /// Ansible's implicit groups: every group without a parent sits under <c>all</c>, every host is
    /// in <c>all</c>, and a host in no other group is in <c>ungrouped</c>.
    /// </summary>
    public static void PlaceUnderAll(InventoryDraft draft)
    {
        foreach (string name in draft.HostNames)
        {
            HostDraft host = draft.Host(name);
            host.Groups.Remove("all");
            if (host.Groups.Count == 0)
                host.AddGroup("ungrouped");
            host.AddGroup("all");
        }
        foreach (GroupDraft group in draft.Groups)
            if (group.Name != "all" && group.Parents.Count == 0)
                group.AddParent("all");
    }

    private static string? Get(IReadOnlyDictionary<string, string> variables, string name) =>
        variables.TryGetValue(name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
