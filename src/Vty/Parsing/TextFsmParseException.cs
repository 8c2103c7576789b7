namespace Vty.Parsing;

/// <summary>
/// The template stopped the parse: a rule with the <c>Error</c> action matched an input line
/// (the template's way of saying "this output is not what I understand"), or a rule's regular
/// expression ran out of time. Nothing parsed so far is returned, as in the reference.
/// </summary>
public sealed class TextFsmParseException : VtyException
{
    /// <summary>Creates the exception.</summary>
    public TextFsmParseException(string source, int ruleLine, int inputLineNumber, string inputLine, string? templateMessage, string? problem = null, Exception? inner = null)
        : base(Describe(source, ruleLine, inputLineNumber, inputLine, templateMessage, problem), inner)
    {
        Source = source;
        RuleLine = ruleLine;
        InputLineNumber = inputLineNumber;
        InputLine = inputLine;
        TemplateMessage = templateMessage;
    }

    /// <summary>The template's file (or the name it was given).</summary>
    public new string Source { get; }

    /// <summary>The template line of the rule that raised the error.</summary>
    public int RuleLine { get; }

    /// <summary>The 1-based number of the input line being parsed.</summary>
    public int InputLineNumber { get; }

    /// <summary>The input line being parsed.</summary>
    public string InputLine { get; }

    /// <summary>The message the rule gave (<c>-> Error "message"</c>), without quotes, or null.</summary>
    public string? TemplateMessage { get; }

    private static string Describe(string source, int ruleLine, int inputLineNumber, string inputLine, string? message, string? problem)
    {
        string what = problem ?? (message is null ? "the template raised Error" : $"the template raised Error: {message}");
        string shown = inputLine.Length > 200 ? inputLine[..200] + "…" : inputLine;
        return $"TextFSM template {source}, rule at line {ruleLine}: {what} (input line {inputLineNumber}: '{shown}')";
    }
}
