using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vty.Tests.Parsing;

/// <summary>
/// Google's reference TextFSM, run by Debian's python3-textfsm (scripts/install-test-deps.sh
/// installs it; a missing module fails the test). Cases go in batches to save interpreter starts.
/// </summary>
internal static class ReferenceTextFsm
{
    // Debian's interpreter: the one python3-textfsm is installed for, whatever else is on PATH.
    public const string Python = "/usr/bin/python3";

    private static string Script => Path.Combine(AppContext.BaseDirectory, "Parsing", "reference_textfsm.py");

    /// <summary>Runs each case (<c>{template, input}</c> or <c>{index, folder, attributes, input}</c>) and returns the reference's answers.</summary>
    public static async Task<IReadOnlyList<JsonObject>> RunAsync(IReadOnlyList<JsonObject> cases)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: run scripts/install-test-deps.sh");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-X");
        start.ArgumentList.Add("utf8");
        start.ArgumentList.Add(Script);
        start.Environment["PYTHONWARNINGS"] = "ignore";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start python3");
        var array = new JsonArray(cases.Select(c => (JsonNode)c.DeepClone()).ToArray());
        await process.StandardInput.WriteAsync(array.ToJsonString());
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        string output = await stdout;
        string errors = await stderr;
        Assert.True(process.ExitCode == 0, $"the reference TextFSM failed (is python3-textfsm installed? scripts/install-test-deps.sh): {errors}");
        JsonArray results = JsonNode.Parse(output)!.AsArray();
        return results.Select(r => r!.AsObject()).ToList();
    }

    /// <summary>One case for a template file and an input.</summary>
    public static JsonObject Case(string templatePath, string input) => new() { ["template"] = templatePath, ["input"] = input };

    /// <summary>Canonical JSON for comparing (object key order kept, same escaping on both sides).</summary>
    public static string Canonical(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
}
