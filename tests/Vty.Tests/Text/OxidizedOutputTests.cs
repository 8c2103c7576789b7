using Vty.Text;

namespace Vty.Tests.Text;

/// <summary>
/// The configuration Oxidized extracted from a recording must be readable in our cleaned
/// transcript: every non-blank line of <c>#output.txt</c> (minus Oxidized's comment marker) is
/// found as a line of the cleaned session. Only recordings where a terminal-style cleaning finds
/// them all (per the fixture README) are used, so a cleaner bug that garbles lines shows here.
/// </summary>
public sealed class OxidizedOutputTests
{
    public static TheoryData<string> Outputs() =>
        new(Directory.EnumerateFiles(FixturePaths.Oxidized, "*#output.txt").Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal)!);

    [Fact]
    public void TwentyTwoRecordingsAreChecked() => Assert.Equal(22, Outputs().Count);

    [Theory]
    [MemberData(nameof(Outputs))]
    public void EveryExtractedLineIsInTheCleanedTranscript(string outputFile)
    {
        string simulation = Path.Combine(FixturePaths.Oxidized, outputFile.Replace("#output.txt", "#simulation.yaml", StringComparison.Ordinal));
        string cleaned = TerminalCleaner.Clean(OxidizedSimulation.Load(simulation).Transcript);
        var lines = new HashSet<string>(cleaned.Split('\n').Select(l => l.TrimEnd()), StringComparer.Ordinal);
        int found = 0;
        var missing = new List<string>();
        foreach (string raw in File.ReadAllLines(Path.Combine(FixturePaths.Oxidized, outputFile)))
        {
            string line = raw.TrimEnd();
            if (line.Trim().Length == 0)
                continue;
            if (lines.Contains(line) || lines.Contains(StripMarker(line)))
                found++;
            else
                missing.Add(line);
        }

        Assert.True(missing.Count == 0, $"{outputFile}: {missing.Count} lines not found, e.g. '{missing.FirstOrDefault()}'");
        Assert.True(found > 0);
    }

    private static string StripMarker(string line)
    {
        foreach (string marker in new[] { "## ", "# ", "! ", "#", "!" })
        {
            if (line.StartsWith(marker, StringComparison.Ordinal))
                return line[marker.Length..].TrimEnd();
        }

        return line;
    }
}
