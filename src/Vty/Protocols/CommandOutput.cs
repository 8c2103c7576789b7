using System.Text.RegularExpressions;
using Vty.Matching;

namespace Vty.Protocols;

/// <summary>Turns the text between a command and the next prompt into the command's output.</summary>
internal static class CommandOutput
{
    // A long command may come back wrapped over a few lines of echo.
    private const int MaxEchoLines = 8;

    // Text read to find the echo (a few short lines); it is only read further when a line runs past it.
    private const int EchoWindowChars = 4 * 1024;

    /// <summary>
    /// Removes the echoed command (also when the terminal wrapped it) and the line break before
    /// the prompt. Text that does not start with the echo is kept whole (devices without echo).
    /// </summary>
    public static string Normalize(string command, string text, bool stripEcho)
    {
        // One substring at the end: outputs can be hundreds of megabytes.
        int start = stripEcho && command.Length > 0 ? EchoEnd(command, text, out _) : 0;
        int end = text.Length > start && text[^1] == '\n' ? text.Length - 1 : text.Length;
        return start == 0 && end == text.Length ? text : text[start..end];
    }

    /// <summary>
    /// The part of the received text between absolute <paramref name="from"/> and
    /// <paramref name="to"/> that <see cref="Normalize"/> would keep, found in place so the output
    /// is copied out of the buffer once.
    /// </summary>
    public static (long From, long To) OutputRange(ReceiveBuffer buffer, string command, bool stripEcho, long from, long to)
    {
        long start = from;
        if (stripEcho && command.Length > 0)
        {
            // A line running past the window could still end in the echo: read on, 16 times more each time.
            long window = EchoWindowChars;
            int echo;
            bool ranToEnd;
            long windowEnd;
            do
            {
                windowEnd = Math.Min(to, from + window);
                echo = EchoEnd(command, buffer.GetString(from, windowEnd), out ranToEnd);
                window *= 16;
            }
            while (ranToEnd && windowEnd < to);
            start = from + echo;
        }

        long end = to > start && buffer.Slice(to - 1, to)[0] == '\n' ? to - 1 : to;
        return (start, end);
    }

    /// <summary>The first output line matching an error pattern (with IOS's caret line before it), or null.</summary>
    public static string? FindError(string output, IReadOnlyList<Regex> patterns)
    {
        if (patterns.Count == 0 || output.Length == 0)
            return null;

        // Walks the lines in place: outputs can be large and most carry no error at all.
        int previous = -1;
        int start = 0;
        while (start <= output.Length)
        {
            int newline = output.IndexOf('\n', start);
            int end = newline < 0 ? output.Length : newline;
            var line = output.AsSpan(start, end - start);
            // Indexed: a foreach over the interface would allocate an enumerator per line.
            for (int i = 0; i < patterns.Count; i++)
            {
                if (!patterns[i].IsMatch(line))
                    continue;

                // IOS puts the marker line before the message ("   ^" then "% Invalid input…").
                bool caret = previous >= 0 && output.AsSpan(previous, start - 1 - previous).TrimStart().StartsWith('^');
                int from = caret ? previous : start;
                return output[from..end].TrimEnd();
            }

            if (newline < 0)
                break;
            previous = start;
            start = newline + 1;
        }

        return null;
    }

    // Where the output starts after the echoed command, or 0 when the text does not start with it.
    // ranToEnd: the answer looked at a line that runs to the end of the text, so more text could change it.
    private static int EchoEnd(string command, string text, out bool ranToEnd)
    {
        ranToEnd = false;
        string wanted = Squeeze(command);
        if (wanted.Length == 0)
            return 0;

        int position = 0;
        string seen = "";
        for (int line = 0; line < MaxEchoLines && position <= text.Length; line++)
        {
            int newline = text.IndexOf('\n', position);
            ranToEnd = newline < 0;
            string current = newline < 0 ? text[position..] : text[position..newline];
            seen += Squeeze(current);

            // The echo line may carry prompt text before the command (a redrawn prompt).
            if (seen.EndsWith(wanted, StringComparison.Ordinal))
                return newline < 0 ? text.Length : newline + 1;
            if (!wanted.StartsWith(seen, StringComparison.Ordinal) || newline < 0)
                break;
            position = newline + 1;
        }

        return 0;
    }

    private static string Squeeze(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (!char.IsWhiteSpace(c))
                sb.Append(c);
        }

        return sb.ToString();
    }
}
