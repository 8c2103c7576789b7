namespace Vty.Ssh.KnownHosts;

/// <summary>
/// OpenSSH's host pattern matching: a comma-separated list of patterns with '*' (any run) and
/// '?' (any one character), case-insensitive; a pattern starting with '!' that matches vetoes
/// the whole list.
/// </summary>
internal static class HostPatternMatcher
{
    public static bool MatchesList(string patterns, string hostName)
    {
        bool matched = false;
        foreach (string raw in patterns.Split(','))
        {
            string pattern = raw.Trim();
            if (pattern.Length == 0) continue;
            bool negated = pattern[0] == '!';
            if (negated) pattern = pattern[1..];
            if (!Matches(pattern, hostName)) continue;
            if (negated) return false;
            matched = true;
        }
        return matched;
    }

    /// <summary>Wildcard match of a whole string (iterative, with backtracking to the last '*').</summary>
    public static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
