using System.Text;
using Vty.Text;

namespace Vty.Tests.Text;

public sealed class TerminalCleanerTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("line1\r\nline2\r\n", "line1\nline2\n")]
    [InlineData("line1\r\r\nline2", "line1\nline2")]
    [InlineData("x\bx", "x")]
    [InlineData("abc\b\b\bdef", "def")]
    [InlineData("abc\b \b", "ab")]
    [InlineData("abc\b", "ab")]
    [InlineData("Building configuration...|\b/\b-\b\\\b\r\n[OK]", "Building configuration...\n[OK]")]
    [InlineData("abcdef\r\b\bxy\bz", "xzcdef")]
    [InlineData("10%\b\b\b20%", "20%")]
    [InlineData("_\bu_\bn", "un")]
    [InlineData("a\0b\0c", "abc")]
    [InlineData("bell\a here\u000e\u000f\u0018\u007f", "bell here")]
    [InlineData("tab\there", "tab\there")]
    [InlineData("\u001b[1;31mred\u001b[0m plain", "red plain")]
    [InlineData("\u001b[?2004hhost:~$ \u001b[?2004l\r\n", "host:~$ \n")]
    [InlineData("hostname#\u001b]2;hostname\a", "hostname#")]
    [InlineData("a\u001b]0;title\u001b\\b", "ab")]
    [InlineData("a\u001bP1$r0m\u001b\\b", "ab")]
    [InlineData("a\u001b_apc\u001b\\b\u001b^pm\u001b\\c\u001bXsos\u001b\\d", "abcd")]
    [InlineData("\u001b(B\u001b)0\u001b#8text\u001b=\u001b>", "text")]
    [InlineData("a\u001bOAb\u001bNxc", "abc")]
    [InlineData("\u001b[?1h\u001b=output\r\u001b[K\u001b[?1l\u001b>host > ", "host > ")]
    [InlineData("--More--\r        \rnext line\n", "next line\n")]
    [InlineData("--More-- \r         \rab\n", "ab\n")]
    [InlineData("--More--\b\b\b\b\b\b\b\b        \b\b\b\b\b\b\b\bconfig\n", "config\n")]
    [InlineData("abc --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bdef\n", "abcdef\n")]
    [InlineData("\u001b[7mlines 1-23 \u001b[m\u001b[K\r\u001b[Kinterface eth0\n", "interface eth0\n")]
    [InlineData("old prompt> show x\u001b[12D\u001b[J", "old pr")]
    [InlineData("hello world\u001b[5D\u001b[Kthere", "hello there")]
    [InlineData("abcdef\u001b[3G\u001b[1K!", "  !def")]
    [InlineData("abcdef\u001b[2Kxy", "      xy")]
    [InlineData("ab\u001b[3Ccd", "ab   cd")]
    [InlineData("\u001b[4m\rLAB-R1234_Garderos#\u001b[m ", "LAB-R1234_Garderos# ")]
    [InlineData("\u001b[24;0htelnet prompt> \u001b[24;12h\u001b[24;1H\u001b[24;42h", "telnet prompt> ")]
    [InlineData("first\u001bEsecond", "first\nsecond")]
    [InlineData("trailing spaces kept   \r\nnext", "trailing spaces kept   \nnext")]
    [InlineData("testcommand\rhello world\r\nhost", "hello world\nhost")]
    [InlineData("\u009b1mbold\u009b0m \u009d0;t\u0007x", "bold x")]
    [InlineData("md12-test-1# \u001b7", "md12-test-1# ")]
    [InlineData("\u001b[31", "")]
    [InlineData("% Invalid input\u001b[2Jrouter#", "% Invalid input\nrouter#")]
    [InlineData("% Invalid input\u001b[2J\u001b[Hrouter#", "% Invalid input\nrouter#")]
    [InlineData("% Inva\u001b[1Jlid", "% Inva\nlid")]
    [InlineData("show foo\u001b[3J% Invalid input", "show foo\n% Invalid input")]
    [InlineData("% Invalid input\u001b[Hrouter#", "% Invalid input\nrouter#")]
    [InlineData("% Invalid input\u001b[1;1Hrouter#", "% Invalid input\nrouter#")]
    [InlineData("% Invalid input\u001b[;fx", "% Invalid input\nx")]
    [InlineData("% Invalid input\u001bcrouter#", "% Invalid input\nrouter#")]
    [InlineData("line\r\n\u001b[2J\u001b[Hnext", "line\nnext")]
    [InlineData("   \u001b[2Jnext", "next")]
    [InlineData("abcdef\u001b[3G\u001b[Jx", "abx")]
    [InlineData("abcdef\u001b[24;1Hxy", "xycdef")]
    public void Cleans(string raw, string expected)
    {
        Assert.Equal(expected, TerminalCleaner.Clean(raw));
        Assert.Equal(expected, CleanCharByChar(raw));
    }

    [Theory]
    [InlineData("\u001b[2J")]
    [InlineData("\u001b[H")]
    [InlineData("\u001bc")]
    public void AScreenClearNeverHidesTextAlreadyReceived(string clear)
    {
        // Whatever the device wipes from its screen stays in the output, on its own line.
        string raw = "show foo\r\n% Invalid input detected at '^' marker." + clear + "router#";
        string cleaned = TerminalCleaner.Clean(raw);
        Assert.Equal("show foo\n% Invalid input detected at '^' marker.\nrouter#", cleaned);
        Assert.Equal(cleaned, CleanCharByChar(raw));
    }

    [Fact]
    public void HoldsAnIncompleteSequenceAcrossChunks()
    {
        var cleaner = new TerminalCleaner();
        var output = new StringBuilder();
        cleaner.Feed("host\u001b[", output);
        Assert.Equal("host", output.ToString());
        cleaner.Feed("3", output);
        Assert.Equal("host", output.ToString());
        cleaner.Feed("1m# ", output);
        Assert.Equal("host# ", output.ToString());
    }

    [Fact]
    public void RewritesOnlyTheCurrentLineOfTheOutput()
    {
        var cleaner = new TerminalCleaner();
        var output = new StringBuilder();
        cleaner.Feed("line one\n--More--", output);
        Assert.Equal("line one\n--More--", output.ToString());
        cleaner.Feed("\r        \r", output);
        Assert.Equal("line one\n", output.ToString());
        cleaner.Feed("line two", output);
        Assert.Equal("line one\nline two", output.ToString());
    }

    [Fact]
    public void CapsAnUnterminatedOscString()
    {
        string junk = "\u001b]0;" + new string('x', TerminalCleaner.MaxControlStringLength + 10) + "\nprompt> ";
        string cleaned = TerminalCleaner.Clean(junk);
        Assert.EndsWith("\nprompt> ", cleaned);
        Assert.True(cleaned.Length < 100, "the capped string's head must be dropped, not echoed");
    }

    [Fact]
    public void BoundsAVeryLongLine()
    {
        string line = new string('a', TerminalCleaner.MaxLineLength * 3) + "\rb";
        string cleaned = TerminalCleaner.Clean(line);
        Assert.Equal(TerminalCleaner.MaxLineLength * 3, cleaned.Length);
        Assert.Equal(CleanCharByChar(line), cleaned);
        int b = cleaned.IndexOf('b');
        Assert.Equal(b, cleaned.LastIndexOf('b'));
        Assert.InRange(b, TerminalCleaner.MaxLineLength * 2, TerminalCleaner.MaxLineLength * 3 - TerminalCleaner.MaxLineLength / 2);
    }

    [Fact]
    public void EveryOxidizedRecordingCleansTheSameWholeInRandomChunksAndCharByChar()
    {
        var random = new Random(20261121);
        int files = 0;
        foreach (string path in OxidizedSimulation.Files())
        {
            OxidizedSimulation sim = OxidizedSimulation.Load(path);
            string raw = sim.Transcript;
            string whole = TerminalCleaner.Clean(raw);
            Assert.Equal(whole, CleanCharByChar(raw));
            for (int round = 0; round < 3; round++)
                Assert.Equal(whole, CleanInRandomChunks(raw, random));
            foreach (char c in whole)
                Assert.False(char.IsControl(c) && c != '\n' && c != '\t', $"{sim.Name}: control character U+{(int)c:X4} left in the output");
            files++;
        }

        Assert.Equal(64, files);
    }

    [Theory]
    [InlineData("garderos#R7709_003_006_068#simulation.yaml", "LAB-R1234_Garderos# ")]
    [InlineData("mlnxos#Onyx_3.9.2504#simulation.yaml", " [standalone: master] > ")]
    [InlineData("netgear#GS752TPP_6.0.10.14#simulation.yaml", "19sw011#")]
    [InlineData("vsololt#V1600G0-B_V1.4.13R#simulation.yaml", "RT_01|192.0.2.4-Site_OLT>")]
    [InlineData("asa#5512_9.12-4-67_single-context#simulation.yaml", "LAB-ASA12-Oxidized-IPv6>")]
    [InlineData("cumulus#MSN2010_5.9.2_nvue#custom_simulation.yaml", "root@spine1-nyc2:~#")]
    [InlineData("vyos#Supermicro_1.4.3#simulation.yaml", "nicolas.berens@fw1:~$")]
    public void RendersTheFirstPromptAsTheLastLine(string file, string prompt)
    {
        OxidizedSimulation sim = OxidizedSimulation.Load(Path.Combine(FixturePaths.Oxidized, file));
        string cleaned = TerminalCleaner.Clean(sim.InitPrompt);
        string last = cleaned[(cleaned.LastIndexOf('\n') + 1)..];
        Assert.Equal(prompt.TrimEnd(), last.TrimEnd());
    }

    [Theory]
    [InlineData("tnsr#TNSR_25.02-2_long-config-and-pager-at-last-line#simulation.yaml")]
    [InlineData("fortigate#FortiGate-3001F_7.4.8_HA#simulation.yaml")]
    [InlineData("mlnxos#Onyx_3.9.2504#simulation.yaml")]
    public void ErasedPagerMarkersLeaveNoTrace(string file)
    {
        OxidizedSimulation sim = OxidizedSimulation.Load(Path.Combine(FixturePaths.Oxidized, file));
        string cleaned = TerminalCleaner.Clean(sim.Transcript);
        Assert.DoesNotContain("--More--", cleaned);
        Assert.DoesNotContain("lines 1-", cleaned);
    }

    [Fact]
    public void APagerMarkerFollowedBySyslogStaysOnScreenLikeOnATerminal()
    {
        OxidizedSimulation sim = OxidizedSimulation.Load(Path.Combine(FixturePaths.Oxidized, "vsololt#V1600G0-B_V1.4.13R#simulation.yaml"));
        int interrupted = System.Text.RegularExpressions.Regex.Count(sim.Transcript, @"--More-- \0\r\n\d{4}/");
        Assert.Equal(5, interrupted);
        Assert.Equal(interrupted, System.Text.RegularExpressions.Regex.Count(TerminalCleaner.Clean(sim.Transcript), "--More--"));
    }

    [Fact]
    public void RandomTerminalJunkIsChunkInvariantAndLeavesNoControlCharacters()
    {
        string[] pieces =
        [
            "text", " ", "prompt# ", "\r", "\n", "\r\n", "\b", "\t", "\0", "\a", "\u001b", "\u001b[", "\u001b[1;31m",
            "\u001b[K", "\u001b[2J", "\u001b[5D", "\u001b[3C", "\u001b[10G", "\u001b[24;1H", "\u001b[?2004h", "\u001b]0;title",
            "\u001b\\", "\u001bP", "\u001b(", "B", "\u001bO", "\u001b7", "\u001b8", "\u001bE", "\u009b", "\u009d", "\u009c",
            "\u0085", "--More--", "        ", "\u00e9\u00e8", "\ud83d\ude00", ";", "9", "m",
        ];
        var random = new Random(77);
        for (int sample = 0; sample < 300; sample++)
        {
            var raw = new StringBuilder();
            int count = random.Next(1, 200);
            for (int i = 0; i < count; i++)
                raw.Append(pieces[random.Next(pieces.Length)]);
            string text = raw.ToString();
            string whole = TerminalCleaner.Clean(text);
            Assert.Equal(whole, CleanCharByChar(text));
            Assert.Equal(whole, CleanInRandomChunks(text, random));
            Assert.DoesNotContain(whole, c => char.IsControl(c) && c != '\n' && c != '\t');
        }
    }

    private static string CleanCharByChar(string raw)
    {
        var cleaner = new TerminalCleaner();
        var output = new StringBuilder();
        foreach (char c in raw)
            cleaner.Feed([c], output);
        return output.ToString();
    }

    private static string CleanInRandomChunks(string raw, Random random)
    {
        var cleaner = new TerminalCleaner();
        var output = new StringBuilder();
        int i = 0;
        while (i < raw.Length)
        {
            int n = Math.Min(random.Next(1, 40), raw.Length - i);
            cleaner.Feed(raw.AsSpan(i, n), output);
            i += n;
        }

        return output.ToString();
    }
}
