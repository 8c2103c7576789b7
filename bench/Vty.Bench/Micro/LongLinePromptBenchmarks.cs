using BenchmarkDotNet.Attributes;
using Vty.Drivers;

namespace Vty.Bench.Micro;

/// <summary>
/// One prompt check of a long current line with no line break, as Execute repeats it on every
/// arrival while a device prints progress marks (IOS <c>copy</c> prints <c>!</c> per block) or an
/// unbroken blob: driver × filler character × line length (the cleaner keeps at most 16 KiB).
/// </summary>
public class LongLinePromptBenchmarks
{
    private string _line = "";
    private Driver _driver = null!;

    [Params("generic", "ios")]
    public string DriverName { get; set; } = "";

    [Params('a', '!', '.')]
    public char Filler { get; set; }

    [Params(1024, 16 * 1024)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _driver = DriverCatalog.Builtin.Get(DriverName);
        _line = new string(Filler, Length);
    }

    [Benchmark]
    public bool IsPrompt() => _driver.IsPrompt(_line);
}
