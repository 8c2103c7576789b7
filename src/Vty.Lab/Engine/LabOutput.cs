namespace Vty.Lab;

/// <summary>What a command printed: text or lazily produced lines, stderr text, exit status, or a follow-up question.</summary>
public sealed class LabOutput
{
    /// <summary>No output, success.</summary>
    public static readonly LabOutput None = new();

    /// <summary>Output text (lines separated by "\n"); the engine converts line ends for the terminal.</summary>
    public string? Text { get; init; }

    /// <summary>Output produced lazily one line at a time (large outputs); used when <see cref="Text"/> is null.</summary>
    public IEnumerable<string>? Lines { get; init; }

    /// <summary>Text for stderr (Linux); printed to the terminal in interactive sessions.</summary>
    public string? ErrorText { get; init; }

    /// <summary>Exit status (Linux semantics; network OSes use 0).</summary>
    public int ExitStatus { get; init; }

    /// <summary>True when the device rejected the command (its error message is in the text).</summary>
    public bool IsError { get; init; }

    /// <summary>True when the output must not be paged (<c>| no-more</c>).</summary>
    public bool NoPaging { get; init; }

    /// <summary>A question to ask after printing this output.</summary>
    public LabQuestion? Question { get; init; }

    /// <summary>The output as lines, without line ends; a final line without "\n" is included.</summary>
    public IEnumerable<string> EnumerateLines()
    {
        if (Text is null)
            return Lines ?? [];
        return SplitLines(Text);
    }

    private static IEnumerable<string> SplitLines(string text)
    {
        int start = 0;
        while (start < text.Length)
        {
            int nl = text.IndexOf('\n', start);
            if (nl < 0)
            {
                yield return text[start..];
                yield break;
            }
            int end = nl > start && text[nl - 1] == '\r' ? nl - 1 : nl;
            yield return text[start..end];
            start = nl + 1;
        }
    }

    /// <summary>True when the text ends without a line end (a prompt-like last line).</summary>
    public bool EndsWithoutNewline => Text is { Length: > 0 } t && t[^1] != '\n';

    /// <summary>Output text, success.</summary>
    public static LabOutput Of(string text) => new() { Text = text };

    /// <summary>Lazily produced lines, success.</summary>
    public static LabOutput OfLines(IEnumerable<string> lines) => new() { Lines = lines };

    /// <summary>An error message printed as the device prints it (stdout on network OSes).</summary>
    public static LabOutput Fail(string text, int exitStatus = 0) => new() { Text = text, IsError = true, ExitStatus = exitStatus };

    /// <summary>A shell error on stderr with its exit status.</summary>
    public static LabOutput Stderr(string text, int exitStatus) => new() { ErrorText = text, IsError = exitStatus != 0, ExitStatus = exitStatus };

    /// <summary>Prints <paramref name="text"/> (may be empty) then asks a question.</summary>
    public static LabOutput Ask(string text, LabQuestion question) => new() { Text = text, Question = question };
}
