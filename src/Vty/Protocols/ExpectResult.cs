using System.Text.RegularExpressions;

namespace Vty.Protocols;

/// <summary>
/// What an Expect/WaitFor found: which pattern matched, the match itself and the text received
/// before it (since the last consumed position).
/// </summary>
/// <param name="Index">Index of the matching pattern in the list that was awaited.</param>
/// <param name="Pattern">The pattern that matched.</param>
/// <param name="Match">The regex match (groups included).</param>
/// <param name="Before">Cleaned text between the previous consumed position and the match.</param>
public sealed record ExpectResult(int Index, Regex Pattern, Match Match, string Before)
{
    /// <summary>The matched text.</summary>
    public string Text => Match.Value;

    /// <summary>Raw bytes received up to the match since the previous consumed position (only filled by Expect, which consumes).</summary>
    public ReadOnlyMemory<byte> RawBytes { get; init; }
}
