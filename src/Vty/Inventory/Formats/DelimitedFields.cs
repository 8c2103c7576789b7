using System.Text;

namespace Vty.Inventory.Formats;

/// <summary>Splits one line of a CSV-like file: a separator between fields, double quotes around fields that hold it (<c>""</c> is a quote).</summary>
internal static class DelimitedFields
{
    public static List<string> Split(string line, char separator, bool quotes, string where)
    {
        var fields = new List<string>();
        if (!quotes)
        {
            fields.AddRange(line.Split(separator).Select(f => f.Trim()));
            return fields;
        }
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.ToString().Trim().Length == 0)
            {
                field.Clear();
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        if (quoted)
            throw new InventoryException($"{where}: a quoted field is not closed");
        fields.Add(field.ToString().Trim());
        return fields;
    }
}
