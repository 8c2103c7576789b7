using System.Text.Json;
using Json.Schema;

namespace Vty.Cli.Tests;

/// <summary>Validates result lines against the published schema, docs/schema/result-1.json.</summary>
internal static class ResultSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schema", "result-1.json"))));

    /// <summary>Parses every non-empty line, asserts it is valid against the schema, and returns the objects.</summary>
    public static JsonElement[] ValidLines(string jsonLines)
    {
        string[] lines = jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        return [.. lines.Select(Valid)];
    }

    /// <summary>Parses one line and asserts it is valid against the schema.</summary>
    public static JsonElement Valid(string line)
    {
        JsonElement element = JsonDocument.Parse(line).RootElement.Clone();
        EvaluationResults results = Schema.Value.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!results.IsValid)
        {
            IEnumerable<string> errors = (results.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"));
            Assert.Fail($"not a valid vty.result/1 line:\n{line}\n{string.Join("\n", errors)}");
        }
        return element;
    }

    /// <summary>The lines keyed by host name.</summary>
    public static Dictionary<string, JsonElement> ByHost(string jsonLines) =>
        ValidLines(jsonLines).ToDictionary(e => e.GetProperty("host").GetString()!);
}
