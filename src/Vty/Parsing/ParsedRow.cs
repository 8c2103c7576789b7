using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Vty.Parsing;

/// <summary>One parsed record as a read-only dictionary that keeps the template's column order.</summary>
public sealed class ParsedRow : IReadOnlyDictionary<string, object>
{
    private readonly IReadOnlyList<string> _names;
    private readonly IReadOnlyList<object> _cells;

    /// <summary>Pairs <paramref name="names"/> with <paramref name="cells"/> (same length).</summary>
    public ParsedRow(IReadOnlyList<string> names, IReadOnlyList<object> cells)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(cells);
        if (names.Count != cells.Count)
            throw new ArgumentException($"{names.Count} column names but {cells.Count} cells", nameof(cells));
        _names = names;
        _cells = cells;
    }

    /// <inheritdoc/>
    public object this[string key] => TryGetValue(key, out object? value) ? value : throw new KeyNotFoundException($"no column '{key}'; columns: {string.Join(", ", _names)}");

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _names;

    /// <inheritdoc/>
    public IEnumerable<object> Values => _cells;

    /// <inheritdoc/>
    public int Count => _names.Count;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value)
    {
        int i = IndexOf(key);
        value = i >= 0 ? _cells[i] : null;
        return i >= 0;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        for (int i = 0; i < _names.Count; i++)
            yield return new KeyValuePair<string, object>(_names[i], _cells[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (int i = 0; i < _names.Count; i++)
        {
            if (string.Equals(_names[i], key, StringComparison.Ordinal))
                return i;
        }

        return -1;
    }
}
