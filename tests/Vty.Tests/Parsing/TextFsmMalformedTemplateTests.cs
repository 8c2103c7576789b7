using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vty.Parsing;
using Vty.TestSupport;

namespace Vty.Tests.Parsing;

/// <summary>
/// Malformed templates: Vty refuses each one that the reference refuses, for the same reason
/// (a key phrase of both messages) and on the same line, and names the file.
/// </summary>
public sealed partial class TextFsmMalformedTemplateTests
{
    // (name, template, phrase in the reference's message, phrase in Vty's message)
    private static readonly (string Name, string Template, string Reference, string Vty)[] Cases =
    [
        ("unknown option", "Value Filldown,Sticky A (\\w+)\n\nStart\n  ^${A}\n", "Unknown option", "unknown option \"Sticky\""),
        ("duplicate option", "Value Key,Key A (\\w+)\n\nStart\n  ^${A}\n", "Duplicate option", "duplicate option"),
        ("lower-case option", "Value filldown A (\\w+)\n\nStart\n  ^${A}\n", "Unknown option", "unknown option"),
        ("value regex without parentheses", "Value A \\w+\n\nStart\n  ^${A}\n", "Unknown option \"A\"", "unknown option \"A\""),
        ("value regex not closed at the end", "Value A (\\w+) x\n\nStart\n  ^${A}\n", "must be contained within a '()' pair", "must be contained within a '()' pair"),
        ("unbalanced value parentheses", "Value A (a(b)\n\nStart\n  ^${A}\n", "must be contained within a '()' pair", "must be contained within a '()' pair"),
        ("duplicate value", "Value A (\\w+)\nValue A (\\d+)\n\nStart\n  ^${A}\n", "Duplicate declarations", "duplicate declarations"),
        ("too few tokens", "Value A\n\nStart\n  ^x\n", "Expect at least 3 tokens", "at least 3 tokens"),
        ("name too long", $"Value {new string('N', 49)} (x)\n\nStart\n  ^x\n", "name too long", "name too long"),
        ("text before values", "Start\n  ^x\n", "No Value definitions found", "no Value definitions found"),
        ("no blank line after values", "Value A (\\w+)\nStart\n  ^${A}\n", "Expected blank line", "expected a blank line"),
        ("bad state name", "Value A (\\w+)\n\nStart here\n  ^${A}\n", "Invalid state name", "invalid state name"),
        ("action word as state name", "Value A (\\w+)\n\nStart\n  ^${A} -> Next\n\nRecord\n  ^x\n", "Invalid state name", "invalid state name"),
        ("duplicate state", "Value A (\\w+)\n\nStart\n  ^${A}\n\nStart\n  ^x\n", "Duplicate state name", "duplicate state name"),
        ("missing Start", "Value A (\\w+)\n\nBegin\n  ^${A}\n", "Missing state 'Start'", "missing state 'Start'"),
        ("non-empty EOF", "Value A (\\w+)\n\nStart\n  ^${A}\n\nEOF\n  ^x -> Record\n", "Non-Empty 'EOF' state", "non-empty 'EOF' state"),
        ("non-empty End", "Value A (\\w+)\n\nStart\n  ^${A}\n\nEnd\n  ^x -> Record\n", "Non-Empty 'End' state", "non-empty 'End' state"),
        ("rule without caret", "Value A (\\w+)\n\nStart\n  ${A} -> Record\n", "Missing white space or carat", "missing white space or caret"),
        ("rule indented three spaces", "Value A (\\w+)\n\nStart\n   ^${A} -> Record\n", "Missing white space or carat", "missing white space or caret"),
        ("continue with state change", "Value A (\\w+)\n\nStart\n  ^${A} -> Continue Other\n\nOther\n  ^x\n", "with new state", "Continue cannot change state"),
        ("continue.record with state change", "Value A (\\w+)\n\nStart\n  ^${A} -> Continue.Record Other\n\nOther\n  ^x\n", "with new state", "Continue cannot change state"),
        ("undefined variable", "Value A (\\w+)\n\nStart\n  ^${B} -> Record\n", "invalid variable substitution", "no Value named 'B'"),
        ("lone dollar", "Value A (\\w+)\n\nStart\n  ^${A}$ -> Record\n", "invalid variable substitution", "must start ${VALUE} or be doubled"),
        ("state not found", "Value A (\\w+)\n\nStart\n  ^${A} -> Record Nowhere\n", "State 'Nowhere' not found", "state 'Nowhere' not found"),
        ("badly formatted action", "Value A (\\w+)\n\nStart\n  ^${A} -> Record.Next\n", "Badly formatted rule", "badly formatted rule"),
        ("quoted state name", "Value A (\\w+)\n\nStart\n  ^${A} -> Next \"Other\"\n", "Alphanumeric characters only", "alphanumeric characters only"),
        ("invalid rule regex", "Value A (\\w+)\n\nStart\n  ^${A}( -> Record\n", "Invalid regular expression", "invalid regular expression"),
        ("global flags not at the start", "Value A (\\w+)\n\nStart\n  ^(?i)${A} -> Record\n", "Invalid regular expression", "global flags not at the start"),
        ("value used twice in a rule", "Value A (\\w+)\n\nStart\n  ^${A} ${A} -> Record\n", "Invalid regular expression", "redefinition of group name"),
        ("value name not an identifier", "Value A-B (\\w+)\n\nStart\n  ^${A} -> Record\n", "invalid variable substitution", "no Value named 'A'"),
        ("bad escape", "Value A (\\w+)\n\nStart\n  ^\\p{L} -> Record\n", "Invalid regular expression", "bad escape \\p"),
        ("invalid list regex", "Value List A ((?P<x>\\w+)[)\n\nStart\n  ^${A} -> Record\n", "unterminated character set", "unterminated character set"),
    ];

    [Fact]
    public async Task Malformed_templates_are_refused_like_the_reference_with_file_and_line()
    {
        using var dir = new TempDirectory();
        var paths = Cases.Select((c, i) =>
        {
            string path = Path.Combine(dir.Path, $"bad{i}.textfsm");
            File.WriteAllText(path, c.Template);
            return path;
        }).ToList();
        IReadOnlyList<JsonObject> reference = await ReferenceTextFsm.RunAsync(paths.Select(p => ReferenceTextFsm.Case(p, "x\n")).ToList());

        var failures = new List<string>();
        for (int i = 0; i < Cases.Length; i++)
        {
            (string name, _, string referencePhrase, string vtyPhrase) = Cases[i];
            string? referenceError = reference[i]["templateError"]?.GetValue<string>();
            if (referenceError is null || !referenceError.Contains(referencePhrase, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{name}: the reference did not refuse it as expected ('{referencePhrase}'): {ReferenceTextFsm.Canonical(reference[i])}");
                continue;
            }

            TextFsmTemplateException? error = Record.Exception(() => TextFsmTemplate.Load(paths[i])) as TextFsmTemplateException;
            if (error is null)
            {
                failures.Add($"{name}: Vty accepted a template the reference refuses ({referenceError})");
                continue;
            }

            if (!error.Message.Contains(vtyPhrase, StringComparison.Ordinal))
                failures.Add($"{name}: Vty's message lacks '{vtyPhrase}': {error.Message}");
            if (!error.Message.Contains(paths[i], StringComparison.Ordinal) || error.Source != paths[i])
                failures.Add($"{name}: Vty's message does not name the file: {error.Message}");
            Match line = ReferenceLine().Match(referenceError);
            if (line.Success && error.Line != int.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
                failures.Add($"{name}: line {error.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, the reference says {line.Groups[1].Value}: {referenceError}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Regex_features_dotnet_reads_differently_are_refused_with_a_reason()
    {
        (string Pattern, string Phrase)[] refused =
        [
            (@"a*+", "possessive"),
            (@"(?a)\w", "ASCII flag"),
            (@"\N{DIGIT ONE}", @"\N{...}"),
            (@"[\W]", "inside a character class"),
            (@"(?<name>x)", "(?P<name>...)"),
            (@"\z", "bad escape"),
            (@"(?x:a b)", "scoped verbose"),
        ];
        foreach ((string pattern, string phrase) in refused)
        {
            var e = Assert.Throws<PythonRegexException>(() => PythonRegex.Translate(pattern));
            Assert.Contains(phrase, e.Message, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"Line:? (\d+)")]
    private static partial Regex ReferenceLine();
}
