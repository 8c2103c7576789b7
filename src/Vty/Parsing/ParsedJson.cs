using System.Text.Json;

namespace Vty.Parsing;

/// <summary>Writes parsed rows as JSON: a list of objects, strings for values, arrays for List values.</summary>
public static class ParsedJson
{
    /// <summary>Writes <paramref name="rows"/> as a JSON array of objects (column order kept).</summary>
    public static void WriteRows(Utf8JsonWriter json, IEnumerable<IReadOnlyDictionary<string, object>> rows)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(rows);
        json.WriteStartArray();
        foreach (IReadOnlyDictionary<string, object> row in rows)
        {
            json.WriteStartObject();
            foreach ((string name, object cell) in row)
            {
                json.WritePropertyName(name);
                WriteCell(json, cell);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Writes one cell: a string, null, a list of cells, or a dictionary of nested groups.</summary>
    public static void WriteCell(Utf8JsonWriter json, object? cell)
    {
        ArgumentNullException.ThrowIfNull(json);
        switch (cell)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case IReadOnlyDictionary<string, string?> groups:
                json.WriteStartObject();
                foreach ((string name, string? value) in groups)
                {
                    if (value is null)
                        json.WriteNull(name);
                    else
                        json.WriteString(name, value);
                }

                json.WriteEndObject();
                break;
            case System.Collections.IEnumerable items:
                json.WriteStartArray();
                foreach (object? item in items)
                    WriteCell(json, item);
                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(cell.ToString());
                break;
        }
    }

    /// <summary>How a cell reads in a text table: lists joined with ", ", nested groups as k=v.</summary>
    public static string Display(object? cell) => cell switch
    {
        null => "",
        string s => s,
        IReadOnlyDictionary<string, string?> groups => string.Join(" ", groups.Select(g => $"{g.Key}={g.Value}")),
        System.Collections.IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Display)),
        _ => cell.ToString() ?? "",
    };
}
