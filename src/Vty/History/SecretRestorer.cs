using Vty.Drivers;

namespace Vty.History;

/// <summary>
/// Puts secrets back into a stored (scrubbed) configuration before it is pushed to a device: each
/// line carrying <see cref="BackupRecipe.SecretMarker"/> takes its secret from the device's current
/// configuration, matched by the line's scrubbed text and its parents (by indentation), so two users'
/// password lines never swap. Secrets are never stored; they only pass from the device back to it.
/// </summary>
public static class SecretRestorer
{
    /// <summary>
    /// Returns <paramref name="stored"/> with every scrubbed secret restored from <paramref name="current"/>
    /// (the device's configuration as printed, secrets included).
    /// </summary>
    /// <exception cref="ConfigRepositoryException">A scrubbed line has no counterpart on the device; its line number is named.</exception>
    public static string Restore(string stored, string current, BackupRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(recipe);
        if (!stored.Contains(BackupRecipe.SecretMarker, StringComparison.Ordinal))
            return stored;

        var originals = new Dictionary<string, Queue<string>>(StringComparer.Ordinal);
        foreach ((string key, string line) in Keyed(current.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'), l => ConfigTextCleaner.Scrub(l, recipe.Secrets)))
        {
            if (key.Contains(BackupRecipe.SecretMarker, StringComparison.Ordinal))
            {
                if (!originals.TryGetValue(key, out Queue<string>? queue))
                    originals[key] = queue = new Queue<string>();
                queue.Enqueue(line);
            }
        }

        string[] lines = stored.Split('\n');
        int number = 0;
        var restored = new List<string>(lines.Length);
        foreach ((string key, string line) in Keyed(lines, l => l))
        {
            number++;
            if (!line.Contains(BackupRecipe.SecretMarker, StringComparison.Ordinal))
            {
                restored.Add(line);
                continue;
            }
            if (!originals.TryGetValue(key, out Queue<string>? queue) || queue.Count == 0)
                throw new ConfigRepositoryException($"line {number} of the stored configuration ('{line.Trim()}') had its secret removed, and the device has no such line to take it from; restore that line by hand, or keep secrets for this host (--keep-secrets)");
            restored.Add(queue.Dequeue());
        }
        return string.Join('\n', restored);
    }

    /// <summary>Each line with a key: its scrubbed form prefixed by its parents' scrubbed forms (parents by indentation).</summary>
    private static IEnumerable<(string Key, string Line)> Keyed(IEnumerable<string> lines, Func<string, string> scrub)
    {
        var parents = new List<(int Indent, string Text)>();
        foreach (string line in lines)
        {
            string trimmed = line.TrimStart();
            int indent = line.Length - trimmed.Length;
            while (parents.Count > 0 && parents[^1].Indent >= indent)
                parents.RemoveAt(parents.Count - 1);
            string scrubbed = scrub(line).Trim();
            yield return (string.Join(" / ", parents.Select(p => p.Text).Append(scrubbed)), line);
            if (trimmed.Length > 0)
                parents.Add((indent, scrubbed));
        }
    }
}
