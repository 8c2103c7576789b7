using System.Globalization;
using System.Text;

namespace Vty.Lab.Serving;

/// <summary>
/// Writes a running lab as inventory YAML for <c>vty run --inventory</c>: one host per device and
/// transport (<c>ios1-ssh</c>, <c>ios1-telnet</c>), each with its <c>url:</c> and <c>driver:</c>,
/// grouped as <c>lab-ssh</c> / <c>lab-telnet</c>. The lab's throwaway login goes in
/// <c>defaults</c>; the enable password is never written (set VTY_ENABLE_PASSWORD).
/// </summary>
public static class LabInventoryWriter
{
    /// <summary>The inventory text for <paramref name="lab"/>.</summary>
    public static string Write(LabHost lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var yaml = new StringBuilder();
        yaml.Append("# Vty virtual lab: ").Append(lab.Devices.Count.ToString(CultureInfo.InvariantCulture))
            .Append(" emulated devices on ").Append(lab.Options.Address).Append(", written by `vty lab`.\n");
        yaml.Append("# Throwaway lab credentials; the enable password comes from VTY_ENABLE_PASSWORD.\n");
        yaml.Append("defaults:\n");
        yaml.Append("  username: ").Append(Quote(lab.Options.Username)).Append('\n');
        yaml.Append("  password: ").Append(Quote(lab.Options.Password)).Append('\n');
        yaml.Append("groups:\n");
        if (lab.Options.Ssh) yaml.Append("  lab-ssh: {}\n");
        if (lab.Options.Telnet) yaml.Append("  lab-telnet: {}\n");
        yaml.Append("hosts:\n");
        foreach (LabHostDevice device in lab.Devices)
        {
            if (device.SshUrl is { } ssh) AppendHost(yaml, device.Name + "-ssh", ssh, device.Profile, "lab-ssh");
            if (device.TelnetUrl is { } telnet) AppendHost(yaml, device.Name + "-telnet", telnet, device.Profile, "lab-telnet");
        }
        return yaml.ToString();
    }

    private static void AppendHost(StringBuilder yaml, string name, string url, string driver, string group)
    {
        yaml.Append("  ").Append(Quote(name)).Append(":\n");
        yaml.Append("    url: ").Append(Quote(url)).Append('\n');
        yaml.Append("    driver: ").Append(Quote(driver)).Append('\n');
        yaml.Append("    groups: [").Append(group).Append("]\n");
    }

    // Double-quoted YAML scalars with escapes, so any user name or password round-trips.
    private static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    if (char.IsControl(c)) quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else quoted.Append(c);
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }
}
