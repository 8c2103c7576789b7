namespace Vty.Lab;

/// <summary>
/// A command-line error, with what an OS needs to print it: the offending word, its column in the
/// typed line and the width of the prompt the line was typed after (for the caret line).
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Line">The line as typed (without a pipe part).</param>
/// <param name="Token">The offending word (empty for Incomplete).</param>
/// <param name="Column">Column of the offending word in <paramref name="Line"/> (line length for Incomplete).</param>
/// <param name="PromptWidth">Width of the last prompt line (0 without a terminal).</param>
public sealed record LabParseError(LabParseErrorKind Kind, string Line, string Token, int Column, int PromptWidth)
{
    /// <summary>Spaces then '^' so that the caret sits under <see cref="Column"/> of the echoed line.</summary>
    public string CaretLine => new string(' ', PromptWidth + Column) + "^";
}
