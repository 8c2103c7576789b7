using System.Text;
using BenchmarkDotNet.Attributes;
using Vty.Bench.Protocol;
using Vty.Text;

namespace Vty.Bench.Micro;

/// <summary><see cref="TerminalCleaner.Feed"/> on about 1 MiB of output fed in 32 KiB chunks, plain and ANSI-heavy.</summary>
[MemoryDiagnoser]
public class TerminalCleanerBenchmarks
{
    private const int ChunkChars = 32 * 1024;
    private readonly StringBuilder _output = new();
    private char[] _text = [];

    [Params("plain", "ansi")]
    public string Kind { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var payload = Kind == "ansi" ? OutputPayload.Ansi() : OutputPayload.Plain();
        string block = Encoding.Latin1.GetString(payload.Block);
        var text = new StringBuilder();
        while (text.Length < 1024 * 1024)
            text.Append(block);
        _text = text.ToString().ToCharArray();
    }

    /// <summary>Cleans the whole text; the output is drained per chunk as the session channel does.</summary>
    [Benchmark]
    public int Feed()
    {
        var cleaner = new TerminalCleaner();
        int total = 0;
        for (int offset = 0; offset < _text.Length; offset += ChunkChars)
        {
            _output.Clear();
            cleaner.Feed(_text.AsSpan(offset, Math.Min(ChunkChars, _text.Length - offset)), _output);
            total += _output.Length;
        }

        return total;
    }
}
