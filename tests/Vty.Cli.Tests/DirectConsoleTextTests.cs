using System.Text;
using Spectre.Console;
using Vty.Cli.Output;

namespace Vty.Cli.Tests;

/// <summary>
/// The direct path prints exactly what Spectre.Console prints, character for character: real
/// device outputs (the oxidized captures), generated text mixing every kind of line that makes
/// Spectre change something (too wide, tabs, CR, wide and control characters, escape sequences),
/// and markup lines, with and without colours.
/// </summary>
public sealed class DirectConsoleTextTests
{
    [Theory]
    [InlineData(false, 160)]
    [InlineData(true, 80)]
    public void Device_captures_print_as_Spectre_prints_them(bool ansi, int width)
    {
        string[] files = Directory.GetFiles(Path.Combine(RepositoryRoot(), "tests", "Vty.Tests", "Text", "Fixtures"), "*", SearchOption.AllDirectories);
        Assert.True(files.Length > 50, $"expected the device captures, found {files.Length} files");
        int direct = 0;
        foreach (string file in files)
        {
            string text = File.ReadAllText(file).TrimEnd('\n');
            if (text.Length == 0) continue;
            var (expected, actual) = Both(ansi, width, console => console.WriteLine(text), d => d.WriteLine(text));
            Assert.True(expected == actual, $"{Path.GetFileName(file)}: {FirstDifference(expected, actual)}");
            direct += text.Split('\n').Count(line => DirectConsoleText.Fits(line, width));
        }
        // Most lines took the direct path, or the test proves nothing about it.
        Assert.True(direct > 10_000, $"only {direct} lines went the direct way");
    }

    [Theory]
    [InlineData(false, 160, 1)]
    [InlineData(false, 40, 2)]
    [InlineData(true, 80, 3)]
    public void Generated_text_with_every_awkward_line_prints_as_Spectre_prints_it(bool ansi, int width, int seed)
    {
        var random = new Random(seed);
        string[] pieces =
        [
            "Interface Status Protocol", "  leading spaces", "trailing spaces   ", "tab\there", "cr\rin the middle", "crlf at the end\r",
            "wide 日本語 text", "é accent", "esc \u001b[31mred\u001b[0m", "bell\u0007", "[red]not markup[/]", ":smile:", "", " ",
            new string('x', width), new string('y', width + 1), string.Join(" ", Enumerable.Repeat("word", width / 3)), "emoji 😀",
        ];
        for (int round = 0; round < 400; round++)
        {
            var text = new StringBuilder();
            int lines = random.Next(1, 12);
            for (int i = 0; i < lines; i++)
            {
                if (i > 0) text.Append('\n');
                text.Append(pieces[random.Next(pieces.Length)]);
                if (random.Next(4) == 0) text.Append(pieces[random.Next(pieces.Length)]);
            }
            string s = text.ToString();
            var (expected, actual) = Both(ansi, width, console => console.WriteLine(s), d => d.WriteLine(s));
            Assert.True(expected == actual, $"round {round} {Escape(s)}: {FirstDifference(expected, actual)}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Markup_lines_print_as_Spectre_prints_them(bool ansi)
    {
        string[] names = ["r1", "core-[1]", "sw 7", "日本", new string('n', 170), "a\tb", "x[/]y"];
        foreach (string name in names)
        {
            string markup = $"[bold]> {Markup.Escape(name)}[/]";
            var (expected, actual) = Both(ansi, 160, console => console.MarkupLine(markup), d => d.MarkupLine(markup, "> " + name));
            Assert.True(expected == actual, $"{Escape(name)}: {FirstDifference(expected, actual)}");
        }
    }

    [Fact]
    public void Output_in_order_with_renderables_between_and_big_outputs_flushed_on_the_way()
    {
        string big = string.Join("\n", Enumerable.Range(0, 5000).Select(i => $"line {i} of a long show running-config"));
        var (expected, actual) = Both(false, 160,
            console => { console.WriteLine("first"); console.Write(new Rule("r1")); console.WriteLine(big); console.MarkupLine("[red]error:[/] x"); },
            d => { d.WriteLine("first"); d.Write(new Rule("r1")); d.WriteLine(big); d.MarkupLine("[red]error:[/] x", "error: x"); });
        Assert.Equal(expected, actual);
    }

    private static (string Expected, string Actual) Both(bool ansi, int width, Action<IAnsiConsole> spectre, Action<DirectConsoleText> direct)
    {
        var expected = new StringWriter();
        spectre(Console(expected, ansi, width));
        var actual = new StringWriter();
        var text = new DirectConsoleText(Console(actual, ansi, width));
        direct(text);
        text.Flush();
        return (expected.ToString(), actual.ToString());
    }

    private static IAnsiConsole Console(TextWriter writer, bool ansi, int width)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.TrueColor : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        return console;
    }

    private static string FirstDifference(string expected, string actual)
    {
        int i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i]) i++;
        return $"differ at {i}: expected {Escape(expected[Math.Max(0, i - 20)..Math.Min(expected.Length, i + 20)])}, got {Escape(actual[Math.Max(0, i - 20)..Math.Min(actual.Length, i + 20)])}";
    }

    private static string Escape(string s) =>
        string.Concat(s.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}"));

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Vty.slnx")))
                return d.FullName;
        }
        throw new InvalidOperationException($"no Vty.slnx above {AppContext.BaseDirectory}");
    }
}
