using System.Text;
using Vty.Drivers;
using Vty.Tests.Text;
using Vty.Text;

namespace Vty.Tests.Drivers;

/// <summary>All 60 Exscript login banners, guessed right whether fed whole, in random chunks or char by char.</summary>
public sealed class OsGuesserBannerTests
{
    public static TheoryData<string> Banners() =>
        new(Directory.EnumerateFiles(FixturePaths.ExscriptBanners).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal)!);

    private static string Expected(string file) => DriverCatalog.Builtin.Get(file.Split('.')[0]).Name;

    private static string Raw(string file) => Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(FixturePaths.ExscriptBanners, file)));

    [Fact]
    public void ThereAreSixtyBanners() => Assert.Equal(60, Banners().Count);

    [Theory]
    [MemberData(nameof(Banners))]
    public void GuessedRightWhole(string file)
    {
        var guesser = new OsGuesser();
        guesser.Feed(TerminalCleaner.Clean(Raw(file)));
        (Driver driver, int confidence) = guesser.Best;
        Assert.Equal(Expected(file), driver.Name);
        if (driver.Name != "generic")
            Assert.InRange(confidence, 1, 100);
    }

    [Theory]
    [MemberData(nameof(Banners))]
    public void GuessedTheSameCharByChar(string file)
    {
        var cleaner = new TerminalCleaner();
        var cleaned = new StringBuilder();
        var guesser = new OsGuesser();
        int fed = 0;
        foreach (char c in Raw(file))
        {
            cleaner.Feed([c], cleaned);
            FeedNewText(guesser, cleaned, ref fed);
            _ = guesser.Best; // asking mid-stream must not change the final answer
        }

        Assert.Equal(Expected(file), guesser.Best.Driver.Name);
        Assert.Equal(Whole(file), guesser.Best);
    }

    [Theory]
    [MemberData(nameof(Banners))]
    public void GuessedTheSameInRandomChunks(string file)
    {
        string raw = Raw(file);
        var random = new Random(file.GetHashCode(StringComparison.Ordinal) ^ 4711);
        for (int round = 0; round < 5; round++)
        {
            var cleaner = new TerminalCleaner();
            var cleaned = new StringBuilder();
            var guesser = new OsGuesser();
            int fed = 0;
            for (int i = 0; i < raw.Length;)
            {
                int n = Math.Min(random.Next(1, 64), raw.Length - i);
                cleaner.Feed(raw.AsSpan(i, n), cleaned);
                FeedNewText(guesser, cleaned, ref fed);
                i += n;
            }

            Assert.Equal(Whole(file), guesser.Best);
        }
    }

    private static (Driver, int) Whole(string file)
    {
        var guesser = new OsGuesser();
        guesser.Feed(TerminalCleaner.Clean(Raw(file)));
        return guesser.Best;
    }

    // Completed lines never change again and are fed; the current line (which the cleaner may
    // still rewrite) is handed over as such, the way the protocol layer does it.
    private static void FeedNewText(OsGuesser guesser, StringBuilder cleaned, ref int fed)
    {
        string text = cleaned.ToString();
        int lastNewline = text.LastIndexOf('\n');
        if (lastNewline + 1 > fed)
        {
            guesser.Feed(text.AsSpan(fed, lastNewline + 1 - fed));
            fed = lastNewline + 1;
        }

        guesser.SetCurrentLine(text.AsSpan(lastNewline + 1));
    }
}
