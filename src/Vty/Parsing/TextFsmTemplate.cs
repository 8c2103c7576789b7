using System.Text.RegularExpressions;

namespace Vty.Parsing;

/// <summary>
/// A TextFSM template (Google's format, as used by ntc-templates), read and checked once and then
/// used to parse any number of outputs, from any number of threads.
/// </summary>
/// <example>
/// <code>
/// var template = TextFsmTemplate.Load("cisco_ios_show_version.textfsm");
/// TextFsmTable table = template.Parse(output);
/// string version = (string)table.ToDictionaries()[0]["VERSION"];
/// </code>
/// </example>
public sealed class TextFsmTemplate
{
    /// <summary>How long one rule's regular expression may take on one line before the parse fails.</summary>
    public static readonly TimeSpan DefaultMatchTimeout = TimeSpan.FromSeconds(5);

    private TextFsmTemplate(string source, TextFsmTemplateReader reader, TimeSpan matchTimeout)
    {
        Source = source;
        _matchTimeout = matchTimeout;
        Definitions = [.. reader.Values];
        States = [.. reader.States];
        StartState = States.First(s => s.Name == "Start");
        HasEofState = reader.HasEofState;
        Header = Definitions.Select(v => v.Name).ToArray();
        Keys = Definitions.Where(v => v.Has(TextFsmValueOption.Key)).Select(v => v.Name).ToArray();
    }

    /// <summary>Where the template came from (a path, or the name given to <see cref="FromText"/>).</summary>
    public string Source { get; }

    /// <summary>The Value names in the order declared: the columns of every row.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The Values marked <c>Key</c>.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The state names in the order declared (End and an empty EOF are not states).</summary>
    public IReadOnlyList<string> StateNames => States.Select(s => s.Name).ToArray();

    /// <summary>The options of Value <paramref name="name"/>, in the order written.</summary>
    public IReadOnlyList<TextFsmValueOption> OptionsOf(string name) =>
        Definitions.FirstOrDefault(v => v.Name == name)?.Options ?? throw new ArgumentException($"the template has no Value named '{name}'", nameof(name));

    internal TextFsmValueDefinition[] Definitions { get; }

    internal TextFsmState[] States { get; }

    internal TextFsmState StartState { get; }

    internal bool HasEofState { get; }

    // Compiling a regex to IL costs far more than interpreting it over a short output, so a template
    // starts interpreted and compiles its rules once it has parsed this many lines in total.
    private const long CompileAfterLines = 5000;
    private readonly Lock _compileGate = new();
    private readonly TimeSpan _matchTimeout;
    private long _linesParsed;
    private bool _compiled;

    /// <summary>Adds to the lines parsed; the first time the total passes the threshold, compiles every rule's regex.</summary>
    internal void CountLines(int lines)
    {
        if (Volatile.Read(ref _compiled) || Interlocked.Add(ref _linesParsed, lines) < CompileAfterLines)
            return;
        lock (_compileGate)
        {
            if (_compiled)
                return;
            foreach (TextFsmState state in States)
            {
                foreach (TextFsmRule rule in state.RuleArray)
                    rule.Regex = rule.Translated.CompileAnchored(TextFsmRule.OptionsFor(rule.Translated, compiled: true), _matchTimeout);
            }

            Volatile.Write(ref _compiled, true);
        }
    }

    /// <summary>Reads a template from text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="TextFsmTemplateException">The template is not valid; the message names the line.</exception>
    public static TextFsmTemplate FromText(string text, string source = "<template>", TimeSpan? matchTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        TimeSpan timeout = matchTimeout ?? DefaultMatchTimeout;
        var reader = TextFsmTemplateReader.Read(text, source, RegexOptions.None, timeout);
        return new TextFsmTemplate(source, reader, timeout);
    }

    /// <summary>Reads a template file.</summary>
    /// <exception cref="TextFsmTemplateException">The template is not valid; the message names the file and line.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static TextFsmTemplate Load(string path, TimeSpan? matchTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FromText(File.ReadAllText(path), path, matchTimeout);
    }

    /// <summary>Parses <paramref name="text"/> (command output) into rows.</summary>
    /// <exception cref="TextFsmParseException">A rule with the Error action matched, or a rule's regex timed out.</exception>
    public TextFsmTable Parse(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<object[]> rows = new TextFsmRunner(this).Run(text, cancellationToken);
        return new TextFsmTable(Header, Keys, rows);
    }
}
