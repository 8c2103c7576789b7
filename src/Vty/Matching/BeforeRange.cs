namespace Vty.Matching;

/// <summary>
/// Chooses the part of the unconsumed text before a match (absolute positions
/// <paramref name="from"/> to <paramref name="to"/>) that a scan hit carries as its text, given
/// which pattern matched. Runs under the channel's lock: read <paramref name="buffer"/> only.
/// </summary>
internal delegate (long From, long To) BeforeRange(ReceiveBuffer buffer, int patternIndex, long from, long to);
