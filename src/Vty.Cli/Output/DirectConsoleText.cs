using Spectre.Console;

namespace Vty.Cli.Output;

/// <summary>
/// Writes what <see cref="AnsiConsole"/>'s <c>WriteLine</c> and <c>MarkupLine</c> would write, but
/// copies the text straight to the console's writer whenever the result is known to be the same:
/// a line of printable ASCII that fits the console's width comes out unchanged, with no styles to
/// apply. Everything else (wrapping, wide or control characters, carriage returns, colours on a
/// terminal) still goes through Spectre. Measuring and wrapping every output line through Spectre
/// cost about a third of a text-mode <c>vty run</c>'s CPU. Text is gathered per <see cref="Flush"/>
/// and written in one call, because the console writer flushes (a system call) on every write.
/// </summary>
internal sealed class DirectConsoleText(IAnsiConsole console)
{
    private static readonly string NewLine = Environment.NewLine;

    // Gathered text goes out at this size at the latest: a host with megabytes of output is not held twice.
    private const int FlushAt = 64 * 1024;

    private readonly TextWriter _writer = console.Profile.Out.Writer;
    private readonly bool _ansi = console.Profile.Capabilities.Ansi;
    private char[] _buffer = [];
    private int _length;

    /// <summary>The same as <c>console.WriteLine(text)</c>.</summary>
    public void WriteLine(string text)
    {
        // Spectre reads a lone CR as a line break and CR LF as one break: leave such text to it whole.
        if (text.Contains('\r'))
        {
            WriteThroughSpectre(text);
            return;
        }

        int width = console.Profile.Width;
        int slowStart = -1; // start of the run of lines Spectre must render, if any
        int start = 0;
        while (true)
        {
            int end = text.IndexOf('\n', start);
            int lineEnd = end < 0 ? text.Length : end;
            ReadOnlySpan<char> line = text.AsSpan(start, lineEnd - start);
            if (Fits(line, width))
            {
                if (slowStart >= 0)
                {
                    WriteThroughSpectre(text[slowStart..(start - 1)]);
                    slowStart = -1;
                }
                Append(line);
                Append(NewLine);
                if (_length >= FlushAt) Flush();
            }
            else if (slowStart < 0)
            {
                slowStart = start;
            }

            if (end < 0) break;
            start = end + 1;
        }
        if (slowStart >= 0)
            WriteThroughSpectre(text[slowStart..]);
    }

    /// <summary>
    /// The same as <c>console.MarkupLine(markup)</c>, where <paramref name="plain"/> is the text that
    /// markup shows (its tags removed, its escapes resolved): written directly when the console has
    /// no colours and it fits on one line.
    /// </summary>
    public void MarkupLine(string markup, string plain)
    {
        if (!_ansi && Fits(plain, console.Profile.Width))
        {
            Append(plain);
            Append(NewLine);
            return;
        }
        Flush();
        console.MarkupLine(markup);
    }

    /// <summary>Writes a renderable (a rule, a table) through Spectre, after what is gathered so far.</summary>
    public void Write(Spectre.Console.Rendering.IRenderable renderable)
    {
        Flush();
        console.Write(renderable);
    }

    /// <summary>Writes what was gathered to the console's writer in one call.</summary>
    public void Flush()
    {
        if (_length == 0) return;
        _writer.Write(_buffer, 0, _length);
        _length = 0;
    }

    /// <summary>True when Spectre would print <paramref name="line"/> unchanged: printable ASCII, within the width.</summary>
    internal static bool Fits(ReadOnlySpan<char> line, int width) =>
        line.Length <= width && !line.ContainsAnyExceptInRange(' ', '~');

    private void WriteThroughSpectre(string text)
    {
        Flush();
        console.WriteLine(text);
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length)
        {
            // Grows to FlushAt plus one line at most, once per printer.
            Array.Resize(ref _buffer, Math.Max(_length + text.Length, Math.Max(4096, _buffer.Length * 2)));
        }
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }
}
