using Vty.Ssh.Algorithms;

namespace Vty.Ssh.Config;

/// <summary>
/// OpenSSH pattern lists: '*' and '?' wildcards, '!' negates. A list matches when some positive
/// pattern matches and no negated pattern does. Matching is case-sensitive, as in ssh: Host lines
/// compare the destination as typed; Match host/originalhost lower-case the patterns only.
/// </summary>
public static class SshHostPattern
{
    /// <summary>True when <paramref name="text"/> matches the pattern list.</summary>
    public static bool MatchesList(string text, IEnumerable<string> patterns, bool lowerCasePatterns = false)
    {
        string subject = text;
        bool positive = false;
        foreach (string raw in patterns)
        {
            bool negated = raw.StartsWith('!');
            string pattern = negated ? raw[1..] : raw;
            if (lowerCasePatterns) pattern = pattern.ToLowerInvariant();
            if (!AlgorithmList.WildcardMatches(pattern, subject)) continue;
            if (negated) return false;
            positive = true;
        }
        return positive;
    }

    /// <summary>A comma-separated pattern list (Match host a,b,!c).</summary>
    public static bool MatchesCommaList(string text, string list, bool lowerCasePatterns = false) =>
        MatchesList(text, list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), lowerCasePatterns);
}
