namespace Vty.Parsing;

/// <summary>
/// The rows a template produced. Each cell is a <see cref="string"/> or, for List values, an
/// <see cref="IReadOnlyList{T}"/> of items that are strings or, when the List regex has nested named
/// groups, <see cref="IReadOnlyDictionary{TKey,TValue}"/> of group name to string (null when the
/// group did not take part in the match).
/// </summary>
public sealed class TextFsmTable
{
    internal TextFsmTable(IReadOnlyList<string> header, IReadOnlyList<string> keys, IReadOnlyList<object[]> rows)
    {
        Header = header;
        Keys = keys;
        Rows = rows;
    }

    /// <summary>Column names (the template's Value names, in order).</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Columns marked <c>Key</c>.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The rows; each has one cell per <see cref="Header"/> column.</summary>
    public IReadOnlyList<IReadOnlyList<object>> Rows { get; }

    /// <summary>
    /// The rows as dictionaries, column order kept. <paramref name="lowerCaseKeys"/>: lower-case the
    /// column names, as Netmiko's <c>use_textfsm=True</c> does.
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object>> ToDictionaries(bool lowerCaseKeys = false)
    {
        string[] names = Header.Select(h => lowerCaseKeys ? h.ToLowerInvariant() : h).ToArray();
        var result = new List<IReadOnlyDictionary<string, object>>(Rows.Count);
        foreach (IReadOnlyList<object> row in Rows)
            result.Add(new ParsedRow(names, row));
        return result;
    }
}
