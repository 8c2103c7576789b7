namespace Vty.Matching;

/// <summary>Accepts or rejects the text a current-line pattern matched (from the match to the end of the line).</summary>
internal delegate bool LineFilter(ReadOnlySpan<char> matched);
