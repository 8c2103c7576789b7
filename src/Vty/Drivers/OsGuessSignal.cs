using System.Text.RegularExpressions;

namespace Vty.Drivers;

/// <summary>
/// One clue for OS guessing: when <see cref="Pattern"/> matches the login transcript, the driver
/// scores <see cref="Confidence"/> (0–100). The highest score wins; ties go to the more specific driver.
/// </summary>
public sealed record OsGuessSignal(Regex Pattern, int Confidence)
{
    /// <summary>What the pattern is matched against: the login transcript (default) or the SSH server version.</summary>
    public OsGuessSource Source { get; init; } = OsGuessSource.Transcript;
}
