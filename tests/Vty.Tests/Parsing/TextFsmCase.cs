using System.Text.Json.Nodes;
using Vty.Parsing;

namespace Vty.Tests.Parsing;

/// <summary>A template and an input, run by Vty and by the reference, with a helper to compare.</summary>
internal sealed record TextFsmCase(string Name, string Template, string Input)
{
    /// <summary>Vty's answer in the reference script's JSON shape.</summary>
    public static JsonObject VtyResult(string templatePath, string input)
    {
        TextFsmTemplate template;
        try
        {
            template = TextFsmTemplate.Load(templatePath);
        }
        catch (TextFsmTemplateException e)
        {
            return new JsonObject { ["templateError"] = e.Message, ["line"] = e.Line };
        }

        try
        {
            return TableJson(template.Parse(input));
        }
        catch (TextFsmParseException e)
        {
            return new JsonObject { ["parseError"] = e.Message, ["ruleLine"] = e.RuleLine, ["message"] = e.TemplateMessage };
        }
    }

    /// <summary>A table as <c>{header, rows}</c>.</summary>
    public static JsonObject TableJson(TextFsmTable table) => new()
    {
        ["header"] = new JsonArray(table.Header.Select(h => (JsonNode)JsonValue.Create(h)).ToArray()),
        ["rows"] = new JsonArray(table.Rows.Select(r => (JsonNode)new JsonArray(r.Select(Cell).ToArray())).ToArray()),
    };

    private static JsonNode? Cell(object? cell) => cell switch
    {
        null => null,
        string s => JsonValue.Create(s),
        IReadOnlyDictionary<string, string?> d => new JsonObject(d.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value is null ? null : JsonValue.Create(p.Value)))),
        System.Collections.IEnumerable items => new JsonArray(items.Cast<object?>().Select(Cell).ToArray()),
        _ => throw new InvalidOperationException($"unexpected cell type {cell.GetType()}"),
    };
}
