using System.Text;

namespace Vty.Lab.Profiles.Linux;

/// <summary>Splits a shell command line into words the way a POSIX shell does for simple cases: quotes and backslashes.</summary>
internal static class ShellWords
{
    /// <summary>Words with quotes removed.</summary>
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                    quote = '\0';
                else if (c == '\\' && quote == '"' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$')
                    current.Append(text[++i]);
                else
                    current.Append(c);
                continue;
            }
            if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                current.Append(text[++i]);
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }
        if (inWord)
            words.Add(current.ToString());
        return words;
    }

    /// <summary>Raw tokens (quotes kept) with their text, for finding operators outside quotes.</summary>
    public static List<string> RawTokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        char quote = '\0';
        foreach (char c in text)
        {
            if (quote != '\0')
            {
                current.Append(c);
                if (c == quote)
                    quote = '\0';
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                current.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }
        if (current.Length > 0)
            tokens.Add(current.ToString());
        return tokens;
    }

    /// <summary>Splits <paramref name="text"/> at unquoted occurrences of the given operators, keeping which operator followed each part.</summary>
    public static List<(string Part, string? Operator)> SplitOperators(string text, string[] operators)
    {
        var parts = new List<(string, string?)>();
        char quote = '\0';
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                    quote = '\0';
                continue;
            }
            if (c is '\'' or '"')
            {
                quote = c;
                continue;
            }
            foreach (string op in operators)
            {
                if (string.CompareOrdinal(text, i, op, 0, op.Length) == 0)
                {
                    // "||" must not be read as two pipes, and "|" must not split "||".
                    if (op == "|" && i + 1 < text.Length && text[i + 1] == '|')
                        break;
                    parts.Add((text[start..i], op));
                    i += op.Length - 1;
                    start = i + 1;
                    goto next;
                }
            }
        next:;
        }
        parts.Add((text[start..], null));
        return parts;
    }

    /// <summary>Expands $?, $VAR and ${VAR} outside single quotes.</summary>
    public static string Expand(string text, Func<string, string?> variable)
    {
        if (!text.Contains('$'))
            return text;
        var sb = new StringBuilder(text.Length);
        bool single = false;
        bool dbl = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\'' && !dbl)
                single = !single;
            else if (c == '"' && !single)
                dbl = !dbl;
            if (c != '$' || single || i + 1 >= text.Length)
            {
                sb.Append(c);
                continue;
            }
            char n = text[i + 1];
            if (n == '?')
            {
                sb.Append(variable("?"));
                i++;
                continue;
            }
            int start = i + 1;
            bool braced = n == '{';
            if (braced)
                start++;
            int end = start;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
                end++;
            if (end == start)
            {
                sb.Append(c);
                continue;
            }
            sb.Append(variable(text[start..end]) ?? "");
            i = braced && end < text.Length && text[end] == '}' ? end : end - 1;
        }
        return sb.ToString();
    }
}
