using System.Text.RegularExpressions;

namespace Vty.Matching;

/// <summary>
/// A pattern match found by <see cref="SessionChannel.WaitForMatchAsync"/>, at absolute text
/// positions, with the text before it and (when consumed) the raw bytes up to it.
/// </summary>
internal sealed record ScanHit(int PatternIndex, long Start, long End, Match Match, string Before, byte[] RawBytes);
