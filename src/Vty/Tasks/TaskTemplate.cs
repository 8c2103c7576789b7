using System.Text;
using System.Text.RegularExpressions;

namespace Vty.Tasks;

/// <summary>Fills <c>{{ name }}</c> placeholders in task steps from a host's variables.</summary>
public static partial class TaskTemplate
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholder();

    /// <summary>The names of the variables <paramref name="text"/> uses.</summary>
    public static IEnumerable<string> VariablesIn(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value);

    /// <summary>Replaces every placeholder.</summary>
    /// <exception cref="TaskFileException">A placeholder names a variable the host does not have; <paramref name="where"/> says which step.</exception>
    public static string Render(string text, IReadOnlyDictionary<string, string> variables, string where)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
            return text;
        return Placeholder().Replace(text, m =>
        {
            string name = m.Groups[1].Value;
            return variables.TryGetValue(name, out string? value)
                ? value
                : throw new TaskFileException($"{where}: variable '{name}' is not defined for this host; add it under 'vars:' in the inventory or the task file");
        });
    }

    /// <summary>Turns the escapes <c>\n</c>, <c>\r</c>, <c>\t</c> and <c>\\</c> of a send step into characters.</summary>
    public static string Unescape(string text)
    {
        if (!text.Contains('\\'))
            return text;
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                char next = text[i + 1];
                char? mapped = next switch { 'n' => '\n', 'r' => '\r', 't' => '\t', '\\' => '\\', _ => null };
                if (mapped is char c)
                {
                    builder.Append(c);
                    i++;
                    continue;
                }
            }
            builder.Append(text[i]);
        }
        return builder.ToString();
    }
}
