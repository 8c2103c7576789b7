using System.Text;
using System.Text.RegularExpressions;

namespace Vty.Parsing;

/// <summary>
/// Reads a TextFSM template with the reference implementation's rules: a block of <c>Value</c>
/// lines, a blank line, then states (a name, then rules indented by one or two spaces or a tab,
/// until a blank line). Refuses what the reference refuses, naming the line.
/// </summary>
internal sealed partial class TextFsmTemplateReader
{
    private const int MaxNameLength = 48;
    private static readonly string[] LineActions = ["Continue", "Next", "Error"];
    private static readonly string[] RecordActions = ["Clear", "Clearall", "Record", "NoRecord"];

    private readonly string _source;
    private readonly string[] _lines;
    private readonly RegexOptions _regexOptions;
    private readonly TimeSpan _timeout;
    private readonly List<TextFsmState> _declared = [];
    private int _next; // index of the next line to read (0-based); its 1-based number after reading is _next

    private TextFsmTemplateReader(string text, string source, RegexOptions regexOptions, TimeSpan timeout)
    {
        _source = source;
        _lines = SplitTemplateLines(text);
        _regexOptions = regexOptions;
        _timeout = timeout;
    }

    public List<TextFsmValueDefinition> Values { get; } = [];

    /// <summary>The states that run (End and an empty EOF are markers, not states).</summary>
    public List<TextFsmState> States { get; } = [];

    public bool HasEofState { get; private set; }

    public static TextFsmTemplateReader Read(string text, string source, RegexOptions regexOptions, TimeSpan timeout)
    {
        var reader = new TextFsmTemplateReader(text, source, regexOptions, timeout);
        reader.ReadValues();
        while (reader.ReadState())
        {
        }

        reader.Validate();
        return reader;
    }

    private void ReadValues()
    {
        while (_next < _lines.Length)
        {
            string line = RStrip(_lines[_next++]);
            if (line.Length == 0)
                return;
            if (IsComment(line))
                continue;
            if (line.StartsWith("Value ", StringComparison.Ordinal))
            {
                TextFsmValueDefinition value = ReadValue(line, _next);
                if (Values.Any(v => v.Name == value.Name))
                    throw Error(_next, $"duplicate declarations for Value '{value.Name}'");
                Values.Add(value);
            }
            else if (Values.Count == 0)
            {
                throw Error(_next, "no Value definitions found (a template starts with 'Value' lines, then a blank line, then the states)");
            }
            else
            {
                throw Error(_next, "expected a blank line after the last Value entry");
            }
        }
    }

    private TextFsmValueDefinition ReadValue(string line, int lineNumber)
    {
        // The reference splits on single spaces, so two spaces make an empty token.
        string[] tokens = line.Split(' ');
        if (tokens.Length < 3)
            throw Error(lineNumber, "expect at least 3 tokens on a Value line: 'Value [Options] NAME (regex)'");
        var options = new List<TextFsmValueOption>();
        string name;
        string regex;
        if (!tokens[2].StartsWith('('))
        {
            foreach (string option in tokens[1].Split(','))
            {
                if (!Enum.TryParse(option, ignoreCase: false, out TextFsmValueOption parsed) || !char.IsAsciiLetterUpper(option.FirstOrDefault()))
                    throw Error(lineNumber, $"unknown option \"{option}\" (options are Filldown, Key, Required, List, Fillup, comma-separated without spaces)");
                if (options.Contains(parsed))
                    throw Error(lineNumber, $"duplicate option \"{option}\"");
                options.Add(parsed);
            }

            name = tokens[2];
            regex = string.Join(' ', tokens, 3, tokens.Length - 3);
        }
        else
        {
            name = tokens[1];
            regex = string.Join(' ', tokens, 2, tokens.Length - 2);
        }

        if (name.Length > MaxNameLength)
            throw Error(lineNumber, $"invalid Value name '{name}' or name too long");
        if (!ParenthesisedRegex().IsMatch(regex) || regex.Count(c => c == '(') != regex.Count(c => c == ')'))
            throw Error(lineNumber, $"Value '{regex}' must be contained within a '()' pair");

        Regex? listRegex = null;
        IReadOnlyList<(string, int)> listGroups = [];
        if (options.Contains(TextFsmValueOption.List))
        {
            PythonRegex translated = Translate(regex, lineNumber, prefix: "");
            if (translated.GroupCount > 1)
            {
                listRegex = Compile(translated, lineNumber, regex);
                listGroups = translated.GroupNames.Select(n => (n, listRegex.GroupNumberFromName(n))).ToArray();
            }
        }

        return new TextFsmValueDefinition
        {
            Name = name,
            Regex = regex,
            Options = options,
            Line = lineNumber,
            ListItemRegex = listRegex,
            ListItemGroups = listGroups,
        };
    }

    private bool ReadState()
    {
        TextFsmState? state = null;
        while (_next < _lines.Length)
        {
            string line = RStrip(_lines[_next++]);
            if (line.Length == 0 || IsComment(line))
                continue;
            if (!StateName().IsMatch(line) || line.Length > MaxNameLength || LineActions.Contains(line) || RecordActions.Contains(line))
                throw Error(_next, $"invalid state name: '{line}' (a state is a word of letters, digits and '_' at the start of a line, not an action name)");
            if (_declared.Any(s => s.Name == line))
                throw Error(_next, $"duplicate state name: '{line}'");
            state = new TextFsmState(line, _next);
            break;
        }

        if (state is null)
            return false;

        while (_next < _lines.Length)
        {
            string line = RStrip(_lines[_next++]);
            if (line.Length == 0)
                break;
            if (IsComment(line))
                continue;
            if (!(line.StartsWith(" ^", StringComparison.Ordinal) || line.StartsWith("  ^", StringComparison.Ordinal) || line.StartsWith("\t^", StringComparison.Ordinal)))
                throw Error(_next, "missing white space or caret ('^') before rule (indent rules by one or two spaces or a tab, then '^')");
            state.Rules.Add(ReadRule(line, _next));
        }

        _declared.Add(state);
        return true;
    }

    private TextFsmRule ReadRule(string rawLine, int lineNumber)
    {
        string line = Strip(rawLine);
        Match split = RuleSplit().Match(line);
        string written = split.Success ? split.Groups["match"].Value : line;

        string regex = written;
        if (Values.Count > 0)
            regex = Substitute(written, lineNumber);

        PythonRegex translated = Translate(regex, lineNumber, prefix: "invalid regular expression: ");
        // Interpreted at first: cheap to build, and fast enough for short outputs. The template
        // switches to compiled regexes once it has parsed enough lines (TextFsmTemplate).
        Regex compiled = Compile(translated, lineNumber, regex, TextFsmRule.OptionsFor(translated, compiled: false));

        var lineAction = TextFsmLineAction.Next;
        var recordAction = TextFsmRecordAction.NoRecord;
        string? newState = null;
        if (split.Success)
        {
            string action = split.Groups["action"].Value;
            Match m = ActionWithLineOp().Match(action);
            if (!m.Success)
                m = ActionWithRecordOp().Match(action);
            if (!m.Success)
                m = ActionStateOnly().Match(action);
            if (!m.Success)
                throw Error(lineNumber, $"badly formatted rule '{line}' (expected '^regex -> [Next|Continue|Error][.Record|.NoRecord|.Clear|.Clearall] [State]')");
            if (m.Groups["ln_op"].Success)
                lineAction = Enum.Parse<TextFsmLineAction>(m.Groups["ln_op"].Value);
            if (m.Groups["rec_op"].Success)
                recordAction = Enum.Parse<TextFsmRecordAction>(m.Groups["rec_op"].Value);
            if (m.Groups["new_state"].Success && m.Groups["new_state"].Length > 0)
                newState = m.Groups["new_state"].Value;
        }

        if (lineAction == TextFsmLineAction.Continue && newState is not null)
            throw Error(lineNumber, $"action 'Continue' with new state {newState} specified (Continue cannot change state)");
        if (lineAction != TextFsmLineAction.Error && newState is not null && !StartsWithWord().IsMatch(newState))
            throw Error(lineNumber, "alphanumeric characters only in state names");

        var assignments = new List<(int, int)>();
        foreach (string name in translated.GroupNames)
        {
            int value = Values.FindIndex(v => v.Name == name);
            if (value >= 0)
                assignments.Add((compiled.GroupNumberFromName(name), value));
        }

        return new TextFsmRule
        {
            Line = lineNumber,
            Written = written,
            Regex = compiled,
            Translated = translated,
            Assignments = [.. assignments],
            LineAction = lineAction,
            RecordAction = recordAction,
            NewState = newState,
        };
    }

    /// <summary>Python's string.Template.substitute with the Values' regexes: $$, $NAME, ${NAME}.</summary>
    private string Substitute(string text, int lineNumber)
    {
        var sb = new StringBuilder(text.Length + 32);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c != '$')
            {
                sb.Append(c);
                i++;
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '$')
            {
                sb.Append('$');
                i += 2;
                continue;
            }

            string? name = null;
            int end = i + 1;
            if (end < text.Length && text[end] == '{')
            {
                int close = end + 1;
                while (close < text.Length && IsIdentifierChar(text[close], close == end + 1))
                    close++;
                if (close > end + 1 && close < text.Length && text[close] == '}')
                {
                    name = text[(end + 1)..close];
                    end = close + 1;
                }
            }
            else
            {
                int stop = end;
                while (stop < text.Length && IsIdentifierChar(text[stop], stop == end))
                    stop++;
                if (stop > end)
                {
                    name = text[end..stop];
                    end = stop;
                }
            }

            if (name is null)
                throw Error(lineNumber, $"duplicate or invalid variable substitution: '{text}' (a '$' must start ${{VALUE}} or be doubled: '$$' for end of line)");
            TextFsmValueDefinition? value = Values.Find(v => v.Name == name);
            if (value is null)
                throw Error(lineNumber, $"duplicate or invalid variable substitution: '{text}' (no Value named '{name}')");
            sb.Append(value.Substitution);
            i = end;
        }

        return sb.ToString();
    }

    private static bool IsIdentifierChar(char c, bool first) => c == '_' || char.IsAsciiLetter(c) || !first && char.IsAsciiDigit(c);

    private void Validate()
    {
        if (!_declared.Any(s => s.Name == "Start"))
            throw Error(null, "missing state 'Start' (every template needs a Start state)");
        foreach (string marker in (string[])["End", "EOF"])
        {
            if (_declared.Find(s => s.Name == marker) is { Rules.Count: > 0 } nonEmpty)
                throw Error(nonEmpty.Rules[0].Line, $"non-empty '{marker}' state (End and EOF take no rules)");
        }

        HasEofState = _declared.Any(s => s.Name == "EOF");
        States.AddRange(_declared.Where(s => s.Name is not "End" and not "EOF"));
        foreach (TextFsmState state in States)
        {
            foreach (TextFsmRule rule in state.Rules)
            {
                if (rule.LineAction == TextFsmLineAction.Error || rule.NewState is null)
                    continue;
                if (rule.NewState == "End")
                {
                    rule.Target = TextFsmRule.End;
                    continue;
                }

                if (rule.NewState == "EOF")
                {
                    rule.Target = TextFsmRule.Eof;
                    continue;
                }

                int target = States.FindIndex(s => s.Name == rule.NewState);
                if (target < 0)
                    throw Error(rule.Line, $"state '{rule.NewState}' not found, referenced in state '{state.Name}'");
                rule.Target = target;
            }

            state.RuleArray = [.. state.Rules];
            if (state.Rules.Count > 0 && state.Rules.All(r => r.Translated.RequiredLiteral is not null))
                state.AnyLiteral = System.Buffers.SearchValues.Create(state.Rules.Select(r => r.Translated.RequiredLiteral!).Distinct().ToArray(), StringComparison.Ordinal);
        }
    }

    private PythonRegex Translate(string regex, int lineNumber, string prefix)
    {
        try
        {
            return PythonRegex.Translate(regex);
        }
        catch (PythonRegexException e)
        {
            throw Error(lineNumber, $"{prefix}'{regex}': {e.Problem}", e);
        }
    }

    private Regex Compile(PythonRegex translated, int lineNumber, string regex, RegexOptions? options = null)
    {
        try
        {
            return translated.CompileAnchored(options ?? _regexOptions, _timeout);
        }
        catch (ArgumentException e)
        {
            throw Error(lineNumber, $"invalid regular expression: '{regex}': {e.Message}", e);
        }
    }

    private TextFsmTemplateException Error(int? line, string reason, Exception? inner = null) => new(_source, line, reason, inner);

    private static bool IsComment(string line) => CommentLine().IsMatch(line);

    private static string RStrip(string line)
    {
        int end = line.Length;
        while (end > 0 && PythonRegex.IsPythonSpace(line[end - 1]))
            end--;
        return end == line.Length ? line : line[..end];
    }

    private static string Strip(string line)
    {
        int start = 0;
        while (start < line.Length && PythonRegex.IsPythonSpace(line[start]))
            start++;
        return RStrip(line[start..]);
    }

    /// <summary>Lines as Python's text files give them: \n, \r\n and \r end a line.</summary>
    private static string[] SplitTemplateLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                lines.Add(text[start..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                start = i + 1;
            }
        }

        if (start < text.Length)
            lines.Add(text[start..]);
        return [.. lines];
    }

    [GeneratedRegex(@"^\s*#")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"^[\p{L}\p{N}_]+$")]
    private static partial Regex StateName();

    [GeneratedRegex(@"^[\p{L}\p{N}_]")]
    private static partial Regex StartsWithWord();

    [GeneratedRegex(@"^\(.*\)$")]
    private static partial Regex ParenthesisedRegex();

    [GeneratedRegex(@"^(?<match>.*)(\s->(?<action>.*))")]
    private static partial Regex RuleSplit();

    [GeneratedRegex(@"^\s+((?<ln_op>Continue|Next|Error)(\.(?<rec_op>Clear|Clearall|Record|NoRecord))?)(\s+(?<new_state>[\p{L}\p{N}_]+|"".*""))?$")]
    private static partial Regex ActionWithLineOp();

    [GeneratedRegex(@"^\s+(?<rec_op>Clear|Clearall|Record|NoRecord)(\s+(?<new_state>[\p{L}\p{N}_]+|"".*""))?$")]
    private static partial Regex ActionWithRecordOp();

    [GeneratedRegex(@"^(\s+(?<new_state>[\p{L}\p{N}_]+|"".*""))?$")]
    private static partial Regex ActionStateOnly();
}
