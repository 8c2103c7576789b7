using System.Text;

namespace Vty.History;

/// <summary>
/// Line-based unified diff (Myers' O(ND) algorithm), for showing what a change did to a running
/// configuration without a repository (<c>vty config --diff</c>).
/// </summary>
public static class LineDiff
{
    /// <summary>
    /// The unified diff from <paramref name="before"/> to <paramref name="after"/> with
    /// <paramref name="context"/> lines of context; empty when the texts are equal.
    /// </summary>
    public static string Unified(string before, string after, string fromLabel = "before", string toLabel = "after", int context = 3)
    {
        string[] a = SplitLines(before), b = SplitLines(after);
        List<(char Op, int A, int B)> script = Script(a, b);
        if (script.All(s => s.Op == ' '))
            return "";
        var output = new StringBuilder();
        output.Append("--- ").Append(fromLabel).Append('\n').Append("+++ ").Append(toLabel).Append('\n');
        int i = 0;
        while (i < script.Count)
        {
            if (script[i].Op == ' ')
            {
                i++;
                continue;
            }
            int start = Math.Max(0, i - context);
            int end = i;
            // Extend the hunk while the next change is within two contexts of the last one.
            while (end < script.Count)
            {
                if (script[end].Op != ' ')
                {
                    end++;
                    continue;
                }
                int run = end;
                while (run < script.Count && script[run].Op == ' ')
                    run++;
                if (run < script.Count && run - end <= 2 * context)
                    end = run;
                else
                    break;
            }
            int stop = Math.Min(script.Count, end + context);
            int aStart = script[start].A, bStart = script[start].B;
            int aCount = script.Skip(start).Take(stop - start).Count(s => s.Op != '+');
            int bCount = script.Skip(start).Take(stop - start).Count(s => s.Op != '-');
            output.Append("@@ -").Append(aCount == 0 ? aStart : aStart + 1).Append(',').Append(aCount)
                .Append(" +").Append(bCount == 0 ? bStart : bStart + 1).Append(',').Append(bCount).Append(" @@\n");
            for (int k = start; k < stop; k++)
            {
                (char op, int ai, int bi) = script[k];
                output.Append(op).Append(op == '+' ? b[bi] : a[ai]).Append('\n');
            }
            i = stop;
        }
        return output.ToString();
    }

    private static string[] SplitLines(string text)
    {
        if (text.Length == 0)
            return [];
        string normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (normalised.EndsWith('\n'))
            normalised = normalised[..^1];
        return normalised.Split('\n');
    }

    /// <summary>The edit script: ' ' keep, '-' delete from a, '+' insert from b, with each line's index in a and b.</summary>
    private static List<(char Op, int A, int B)> Script(string[] a, string[] b)
    {
        int n = a.Length, m = b.Length, max = n + m;
        int offset = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++)
        {
            trace.Add((int[])v.Clone());
            for (int k = -d; k <= d; k += 2)
            {
                int x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = d;
                    break;
                }
            }
        }
        // Walk the trace backwards to recover the path.
        var script = new List<(char, int, int)>();
        int cx = n, cy = m;
        for (int d = found; d > 0; d--)
        {
            int[] pv = trace[d];
            int k = cx - cy;
            int prevK = k == -d || (k != d && pv[offset + k - 1] < pv[offset + k + 1]) ? k + 1 : k - 1;
            int prevX = pv[offset + prevK], prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                script.Add((' ', --cx, --cy));
            }
            if (cx == prevX)
                script.Add(('+', cx, --cy));
            else
                script.Add(('-', --cx, cy));
        }
        while (cx > 0 && cy > 0)
            script.Add((' ', --cx, --cy));
        script.Reverse();
        return script;
    }
}
