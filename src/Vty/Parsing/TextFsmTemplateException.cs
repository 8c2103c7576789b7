namespace Vty.Parsing;

/// <summary>
/// A TextFSM template that is not valid: the message names the template, the line and what is
/// wrong, as Google's reference implementation would refuse it.
/// </summary>
public sealed class TextFsmTemplateException : VtyException
{
    /// <summary>Creates the exception; <paramref name="line"/> is 1-based, or null when the problem has no single line.</summary>
    public TextFsmTemplateException(string source, int? line, string reason, Exception? inner = null)
        : base($"TextFSM template {source}{(line is null ? "" : $", line {line}")}: {reason}", inner)
    {
        Source = source;
        Line = line;
        Reason = reason;
    }

    /// <summary>The template's file (or the name it was given).</summary>
    public new string Source { get; }

    /// <summary>The 1-based line of the problem, or null.</summary>
    public int? Line { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }
}
