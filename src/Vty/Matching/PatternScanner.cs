using System.Text.RegularExpressions;

namespace Vty.Matching;

/// <summary>
/// The incremental search behind Expect/WaitFor: each scan looks only at the text that arrived
/// since the previous scan plus a bounded overlap (the last few lines, at most
/// <c>maxOverlap</c> characters) and the current line, never the whole buffer again, so megabytes
/// of output cost linear time. A match must therefore start within that overlap of the data seen
/// before, which every prompt does.
/// </summary>
internal static class PatternScanner
{
    // Lines re-scanned before the current line: a prompt may carry one or two lines of context
    // (Junos "{master}" / "[edit]") and a chunk may end right after the line break before it.
    private const int OverlapLines = 3;

    /// <summary>
    /// Finds the earliest match of any pattern in <paramref name="input"/> at or after
    /// <paramref name="startAt"/>; ties go to the pattern listed first. Text before
    /// <paramref name="startAt"/> is visible to lookbehinds and anchors only.
    /// </summary>
    public static bool FindEarliest(ReadOnlySpan<char> input, int startAt, IReadOnlyList<Regex> patterns, out int patternIndex, out int index, out int length)
    {
        patternIndex = -1;
        index = int.MaxValue;
        length = 0;
        for (int i = 0; i < patterns.Count; i++)
        {
            foreach (var match in patterns[i].EnumerateMatches(input, startAt))
            {
                if (match.Index < index)
                {
                    patternIndex = i;
                    index = match.Index;
                    length = match.Length;
                }

                break;
            }
        }

        return patternIndex >= 0;
    }

    /// <summary>
    /// Where the next scan starts after an unsuccessful one: a few lines before the end of the
    /// committed text (the current line is always re-scanned), at most <paramref name="maxOverlap"/>
    /// characters back, and never before <paramref name="previous"/>.
    /// </summary>
    public static long NextScanStart(ReceiveBuffer buffer, long previous, int maxOverlap) =>
        NextScanStart(buffer, previous, maxOverlap, buffer.CommittedEnd);

    /// <summary>The same, for a scan that ended at <paramref name="end"/> (a window cut at a line break).</summary>
    public static long NextScanStart(ReceiveBuffer buffer, long previous, int maxOverlap, long end)
    {
        long floor = Math.Max(buffer.Start, end - maxOverlap);
        var window = buffer.Slice(floor, end);
        int position = window.Length;
        for (int found = 0; found < OverlapLines && position > 0; found++)
        {
            int newline = window[..position].LastIndexOf('\n');
            if (newline < 0)
            {
                position = 0;
                break;
            }

            position = newline;
        }

        return Math.Max(previous, floor + position);
    }

    /// <summary>
    /// Rebuilds a full <see cref="Match"/> (with groups) for a match found by
    /// <see cref="FindEarliest"/> at absolute <paramref name="matchStart"/>, from a small window.
    /// </summary>
    public static Match Materialize(ReceiveBuffer buffer, Regex pattern, long matchStart, long lowerBound)
    {
        long windowStart = Math.Max(lowerBound, matchStart - ReceiveBuffer.ContextChars);
        string window = buffer.GetString(windowStart, buffer.End);
        var match = pattern.Match(window, (int)(matchStart - windowStart));
        if (!match.Success || match.Index != matchStart - windowStart)
        {
            // The context window was too small for this pattern's lookbehind; use everything held.
            windowStart = lowerBound;
            window = buffer.GetString(windowStart, buffer.End);
            match = pattern.Match(window, (int)(matchStart - windowStart));
        }

        return match;
    }
}
