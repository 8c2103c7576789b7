using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Vty.Drivers;

namespace Vty.Bench.Micro;

/// <summary>
/// Prompt matching as Execute does it (current line against the driver's prompt patterns): the
/// generic driver over the generic prompt samples (prompts and non-prompts), and the ios driver
/// over a 16 KiB non-prompt line (the longest current line the cleaner keeps).
/// </summary>
public class PromptMatchBenchmarks
{
    private const string SamplesPath = "/work/shared/fixtures/exscript/extracted/generic_prompt_samples.json";
    private string[] _samples = [];
    private string _longLine = "";
    private Driver _generic = null!;
    private Driver _ios = null!;

    [GlobalSetup]
    public void Setup()
    {
        string path = Environment.GetEnvironmentVariable("VTY_PROMPT_SAMPLES") ?? SamplesPath;
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        _samples = new[] { "prompts", "notprompts" }
            .SelectMany(name => json.RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? ""))
            .ToArray();
        _generic = DriverCatalog.Builtin.Generic;
        _ios = DriverCatalog.Builtin.Get("ios");
        _longLine = string.Concat(Enumerable.Repeat("GigabitEthernet0/1 10.0.0.1 YES manual up up ", 16 * 1024 / 46));
    }

    /// <summary>All samples once each (count of lines taken as prompts).</summary>
    [Benchmark]
    public int GenericSamples()
    {
        int prompts = 0;
        foreach (string sample in _samples)
        {
            if (_generic.IsPrompt(sample))
                prompts++;
        }

        return prompts;
    }

    [Benchmark]
    public bool IosLongNonPromptLine() => _ios.IsPrompt(_longLine);
}
