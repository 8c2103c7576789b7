using System.Globalization;
using System.Text.RegularExpressions;

namespace Vty.Inventory.Formats;

/// <summary>
/// Expands Ansible's host ranges: <c>www[01:50].example.com</c> (numbers keep their zero padding),
/// <c>db-[a:f]</c>, with an optional step (<c>[1:9:2]</c>); a name without a range is itself.
/// </summary>
internal static partial class AnsibleHostRange
{
    private const int MaxHosts = 100_000;

    [GeneratedRegex(@"\[(?<from>[0-9]+|[a-zA-Z]):(?<to>[0-9]+|[a-zA-Z])(?::(?<step>[0-9]+))?\]")]
    private static partial Regex RangePattern();

    /// <summary>The names <paramref name="pattern"/> stands for.</summary>
    /// <exception cref="InventoryException">The range is backwards, mixes letters and numbers, or is too large.</exception>
    public static IReadOnlyList<string> Expand(string pattern, string where)
    {
        Match m = RangePattern().Match(pattern);
        if (!m.Success)
            return [pattern];
        string from = m.Groups["from"].Value;
        string to = m.Groups["to"].Value;
        int step = m.Groups["step"].Success ? int.Parse(m.Groups["step"].Value, CultureInfo.InvariantCulture) : 1;
        string head = pattern[..m.Index];
        string tail = pattern[(m.Index + m.Length)..];
        bool numeric = char.IsAsciiDigit(from[0]);
        if (numeric != char.IsAsciiDigit(to[0]) || step < 1)
            throw new InventoryException($"{where}: host range '{m.Value}' must run between two numbers or two letters with a step of at least 1");
        var parts = new List<string>();
        if (numeric)
        {
            if (!long.TryParse(from, CultureInfo.InvariantCulture, out long start) || !long.TryParse(to, CultureInfo.InvariantCulture, out long end) || end < start || (end - start) / step >= MaxHosts)
                throw new InventoryException($"{where}: host range '{m.Value}' must run upwards and name at most {MaxHosts} hosts");
            // Ansible pads to the width of the start when it has a leading zero.
            int width = from.Length > 1 && from[0] == '0' ? from.Length : 0;
            for (long i = start; i <= end; i += step)
                parts.Add(i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
        }
        else
        {
            if (to[0] < from[0])
                throw new InventoryException($"{where}: host range '{m.Value}' must run upwards");
            for (char c = from[0]; c <= to[0]; c = (char)(c + step))
                parts.Add(c.ToString());
        }
        var names = new List<string>();
        foreach (string part in parts)
        {
            names.AddRange(Expand(head + part + tail, where));
            if (names.Count > MaxHosts)
                throw new InventoryException($"{where}: host pattern '{pattern}' names more than {MaxHosts} hosts");
        }
        return names;
    }
}
