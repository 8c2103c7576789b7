using System.Text.RegularExpressions;

namespace Vty.Drivers;

/// <summary>
/// A question the device may ask while changing mode (a password prompt, "[confirm]", "uncommitted
/// changes?") and what to answer: a named credential of the account or fixed text.
/// </summary>
public sealed record ModeAnswer
{
    /// <summary>Matched against the current (last) line.</summary>
    public required Regex Prompt { get; init; }

    /// <summary>The account secret to send (never logged), or null to send <see cref="Text"/>.</summary>
    public ModeCredential? Credential { get; init; }

    /// <summary>Text sent (with the line ending) when <see cref="Credential"/> is null; may be empty (just Enter).</summary>
    public string Text { get; init; } = "";
}
