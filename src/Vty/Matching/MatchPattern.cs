using System.Text.RegularExpressions;

namespace Vty.Matching;

/// <summary>A pattern and the text it is matched against.</summary>
internal readonly record struct MatchPattern(Regex Regex, MatchScope Scope)
{
    public static IReadOnlyList<MatchPattern> Stream(IEnumerable<Regex> patterns) =>
        patterns.Select(p => new MatchPattern(p, MatchScope.Stream)).ToArray();

    public static IReadOnlyList<MatchPattern> CurrentLine(IEnumerable<Regex> patterns) =>
        patterns.Select(p => new MatchPattern(p, MatchScope.CurrentLine)).ToArray();
}
