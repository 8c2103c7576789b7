using System.Text.RegularExpressions;

namespace Vty.Matching;

/// <summary>
/// A pattern match found by SessionChannel.WaitForMatchAsync, at absolute text
/// positions, with the text before it and (when consumed) the raw bytes up to it.
/// </summary>
internal sealed record ScanHit(int PatternIndex, long Start, long End, Match Match, string Before, ReceivedBytes Raw)
{
    /// <summary>For line-scope matches, the whole line the match is in (from the scan start when the line was partly consumed).</summary>
    public string? Line { get; init; }

    /// <summary>The pattern list <see cref="PatternIndex"/> refers to.</summary>
    public IReadOnlyList<MatchPattern> Patterns { get; init; } = [];

    /// <summary>The raw bytes in one array (joined on first use).</summary>
    public byte[] RawBytes => Raw.ToArray();
}
