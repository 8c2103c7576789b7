namespace Vty.Cli.Ssh;

/// <summary>
/// An OpenSSH-style algorithm list option value: "a,b" replaces the list, "+a,b" appends to the
/// defaults, "-a,b" removes from them, "^a,b" puts them first.
/// </summary>
internal static class AlgorithmListValue
{
    public static List<string> Apply(string value, IReadOnlyList<string> defaults)
    {
        if (value.Length == 0) throw new FormatException("empty algorithm list");
        char op = value[0];
        string[] names = value.TrimStart('+', '-', '^').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return op switch
        {
            '+' => [.. defaults, .. names.Where(n => !defaults.Contains(n))],
            '-' => [.. defaults.Where(d => !names.Contains(d))],
            '^' => [.. names, .. defaults.Where(d => !names.Contains(d))],
            _ => [.. names],
        };
    }
}
