using System.Text.RegularExpressions;

namespace Vty.Matching;

/// <summary>
/// A pattern and the text it is matched against. A current-line pattern may carry a
/// <see cref="Filter"/>: a match counts only when the filter accepts the text from the match to
/// the end of the line (the learned prompt: a prompt-shaped line of output is not the prompt).
/// </summary>
internal readonly record struct MatchPattern(Regex Regex, MatchScope Scope, LineFilter? Filter = null)
{
    public static IReadOnlyList<MatchPattern> Stream(IEnumerable<Regex> patterns) =>
        patterns.Select(p => new MatchPattern(p, MatchScope.Stream)).ToArray();

    public static IReadOnlyList<MatchPattern> CurrentLine(IEnumerable<Regex> patterns) =>
        patterns.Select(p => new MatchPattern(p, MatchScope.CurrentLine)).ToArray();
}
