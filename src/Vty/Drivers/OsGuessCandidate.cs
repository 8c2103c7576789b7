namespace Vty.Drivers;

/// <summary>One driver's standing in an OS guess: its best confidence and the signals that matched.</summary>
public sealed record OsGuessCandidate(Driver Driver, int Confidence, IReadOnlyList<OsGuessSignal> MatchedSignals);
