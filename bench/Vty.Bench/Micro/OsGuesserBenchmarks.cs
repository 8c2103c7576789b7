using BenchmarkDotNet.Attributes;
using Vty.Drivers;
using Vty.Text;

namespace Vty.Bench.Micro;

/// <summary><see cref="OsGuesser"/> over all fixture banners (cleaned), fed whole and in 7-char chunks.</summary>
[MemoryDiagnoser]
public class OsGuesserBenchmarks
{
    private const string BannersPath = "/work/shared/fixtures/exscript/tests/Exscript/protocols/banners";
    private string[] _banners = [];

    [GlobalSetup]
    public void Setup()
    {
        string directory = Environment.GetEnvironmentVariable("VTY_BANNERS") ?? BannersPath;
        _banners = Directory.GetFiles(directory).Order(StringComparer.Ordinal)
            .Select(f => TerminalCleaner.Clean(File.ReadAllText(f, System.Text.Encoding.Latin1)))
            .ToArray();
    }

    /// <summary>Guesses every banner, each fed in one piece.</summary>
    [Benchmark]
    public int AllBannersWhole()
    {
        int confidence = 0;
        foreach (string banner in _banners)
        {
            var guesser = new OsGuesser();
            guesser.Feed(banner);
            confidence += guesser.Best.Confidence;
        }

        return confidence;
    }

    /// <summary>Guesses every banner fed 7 characters at a time.</summary>
    [Benchmark]
    public int AllBannersChunked()
    {
        int confidence = 0;
        foreach (string banner in _banners)
        {
            var guesser = new OsGuesser();
            for (int i = 0; i < banner.Length; i += 7)
                guesser.Feed(banner.AsSpan(i, Math.Min(7, banner.Length - i)));
            confidence += guesser.Best.Confidence;
        }

        return confidence;
    }
}
