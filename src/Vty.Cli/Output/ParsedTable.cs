using Spectre.Console;
using Vty.Parsing;

namespace Vty.Cli.Output;

/// <summary>Parsed rows as a console table: one column per template value, lists joined with commas.</summary>
internal static class ParsedTable
{
    public static Table Create(IReadOnlyList<IReadOnlyDictionary<string, object>> rows)
    {
        var table = new Table().Border(TableBorder.Simple);
        if (rows.Count == 0)
        {
            table.AddColumn("(no rows: the template matched nothing in this output)");
            return table;
        }

        // One wide record (show version) reads better as field/value lines than as a squeezed row.
        if (rows.Count == 1 && rows[0].Count > 6)
        {
            table.AddColumn("field");
            table.AddColumn("value");
            foreach ((string field, object value) in rows[0])
                table.AddRow(Markup.Escape(field), Markup.Escape(ParsedJson.Display(value)));
            return table;
        }

        foreach (string column in rows[0].Keys)
            table.AddColumn(Markup.Escape(column));
        foreach (IReadOnlyDictionary<string, object> row in rows)
            table.AddRow(row.Values.Select(v => Markup.Escape(ParsedJson.Display(v))).ToArray());
        return table;
    }
}
