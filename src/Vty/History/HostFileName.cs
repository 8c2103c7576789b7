using System.Text;

namespace Vty.History;

/// <summary>The file a host's configuration is stored in: its name with anything unsafe for a path replaced.</summary>
public static class HostFileName
{
    /// <summary>
    /// <c>core-1</c> stays <c>core-1</c>; <c>127.0.0.1:2201</c> becomes <c>127.0.0.1_2201</c>; names
    /// that would be hidden, empty or special (<c>.</c>, <c>..</c>) get a leading underscore.
    /// </summary>
    public static string For(string hostName)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostName);
        var name = new StringBuilder(hostName.Length);
        foreach (char c in hostName)
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@' ? c : '_');
        if (name[0] == '.')
            name.Insert(0, '_');
        return name.ToString();
    }
}
