using System.Text;
using System.Text.RegularExpressions;
using Vty.Drivers;

namespace Vty.History;

/// <summary>
/// Turns a device's configuration output into the text that is stored: line ends normalised,
/// volatile lines (uptime, timestamps, byte counts) dropped, secrets replaced by
/// <see cref="BackupRecipe.SecretMarker"/>, blank lines at both ends trimmed.
/// </summary>
public static class ConfigTextCleaner
{
    /// <summary>Cleans <paramref name="output"/> with <paramref name="recipe"/>'s rules; <paramref name="keepSecrets"/> skips scrubbing.</summary>
    public static string Clean(string output, BackupRecipe recipe, bool keepSecrets = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(recipe);
        var lines = new List<string>();
        foreach (string raw in output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            string line = raw.TrimEnd('\r', ' ', '\t');
            if (IsDropped(line, recipe.DropLines))
                continue;
            lines.Add(keepSecrets ? line : Scrub(line, recipe.Secrets));
        }
        int start = 0, end = lines.Count;
        while (start < end && lines[start].Length == 0)
            start++;
        while (end > start && lines[end - 1].Length == 0)
            end--;
        var text = new StringBuilder();
        for (int i = start; i < end; i++)
            text.Append(lines[i]).Append('\n');
        return text.ToString();
    }

    /// <summary>Replaces every capture of the group <c>secret</c> of every matching pattern in <paramref name="line"/>.</summary>
    public static string Scrub(string line, IReadOnlyList<Regex> secrets)
    {
        foreach (Regex pattern in secrets)
        {
            Match match = pattern.Match(line);
            if (!match.Success)
                continue;
            // Replace from the right so earlier indexes stay valid.
            var captures = match.Groups["secret"].Captures.OrderByDescending(c => c.Index).ToList();
            foreach (Capture capture in captures)
            {
                if (capture.Length > 0 && !line.AsSpan(capture.Index, capture.Length).SequenceEqual(BackupRecipe.SecretMarker))
                    line = string.Concat(line.AsSpan(0, capture.Index), BackupRecipe.SecretMarker, line.AsSpan(capture.Index + capture.Length));
            }
        }
        return line;
    }

    private static bool IsDropped(string line, IReadOnlyList<Regex> drop)
    {
        foreach (Regex pattern in drop)
        {
            if (pattern.IsMatch(line))
                return true;
        }
        return false;
    }
}
