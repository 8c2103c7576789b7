using System.Text.RegularExpressions;

namespace Vty.Parsing;

/// <summary>
/// One parse: walks the input lines through the states, keeping the record being built and the
/// rows recorded so far. The value options act in the order they were written, as in the
/// reference (so <c>Required,List</c> and <c>List,Required</c> differ there too).
/// </summary>
internal sealed class TextFsmRunner
{
    private readonly TextFsmTemplate _template;
    private readonly TextFsmValueDefinition[] _defs;
    private readonly object?[] _current;      // value.value: null, a string, or (after a save) a list
    private readonly object?[] _filldown;     // the Filldown option's remembered value
    private readonly List<object?>?[] _lists; // the List option's items
    private readonly List<object[]> _rows = [];

    public TextFsmRunner(TextFsmTemplate template)
    {
        _template = template;
        _defs = template.Definitions;
        _current = new object?[_defs.Length];
        _filldown = new object?[_defs.Length];
        _lists = new List<object?>?[_defs.Length];
        for (int i = 0; i < _defs.Length; i++)
        {
            if (_defs[i].Has(TextFsmValueOption.List))
                _lists[i] = [];
        }
    }

    public List<object[]> Run(string text, CancellationToken cancellationToken)
    {
        TextFsmState state = _template.StartState;
        bool stopped = false;
        bool ended = false;
        int lineNumber = 0;
        int pos = 0;
        // The three non-ASCII line breaks are rare: without them the search is a pure ASCII one.
        System.Buffers.SearchValues<char> breaks = text.AsSpan().ContainsAny(NonAsciiLineBreaks) ? LineBreaks : AsciiLineBreaks;
        while (pos < text.Length && !stopped)
        {
            int end = NextLineBreak(text, pos, breaks, out int next);
            lineNumber++;
            if ((lineNumber & 0x3FF) == 0)
                cancellationToken.ThrowIfCancellationRequested();

            ReadOnlySpan<char> line = text.AsSpan(pos, end - pos);
            if (state.AnyLiteral is { } any && line.IndexOfAny(any) < 0)
            {
                pos = next;
                continue;
            }

            TextFsmRule[] rules = state.RuleArray;
            for (int r = 0; r < rules.Length; r++)
            {
                TextFsmRule rule = rules[r];
                if (rule.Translated.RequiredLiteral is { } literal && line.IndexOf(literal, StringComparison.Ordinal) < 0)
                    continue;
                Match m = MatchRule(rule, text, pos, end, lineNumber);
                if (!m.Success)
                    continue;

                foreach ((int group, int value) in rule.Assignments)
                {
                    Group g = m.Groups[group];
                    Assign(value, g.Success ? g.Value : null);
                }

                switch (rule.RecordAction)
                {
                    case TextFsmRecordAction.Record:
                        AppendRecord();
                        break;
                    case TextFsmRecordAction.Clear:
                        ClearRecord();
                        break;
                    case TextFsmRecordAction.Clearall:
                        ClearAllRecord();
                        break;
                }

                if (rule.LineAction == TextFsmLineAction.Error)
                {
                    string? message = rule.NewState is { } s && s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1] : rule.NewState;
                    throw new TextFsmParseException(_template.Source, rule.Line, lineNumber, text[pos..end], message);
                }

                if (rule.LineAction == TextFsmLineAction.Continue)
                    continue;

                switch (rule.Target)
                {
                    case TextFsmRule.Stay:
                        break;
                    case TextFsmRule.End:
                        stopped = ended = true;
                        break;
                    case TextFsmRule.Eof:
                        stopped = true;
                        break;
                    default:
                        state = _template.States[rule.Target];
                        break;
                }

                break;
            }

            pos = next;
        }

        if (!ended && !_template.HasEofState)
            AppendRecord();
        _template.CountLines(lineNumber);
        return _rows;
    }

    private Match MatchRule(TextFsmRule rule, string text, int pos, int end, int lineNumber)
    {
        Regex regex = rule.Regex;
        try
        {
            return regex.Match(text, pos, end - pos);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new TextFsmParseException(_template.Source, rule.Line, lineNumber, text[pos..end], null,
                $"the rule's regular expression took longer than {regex.MatchTimeout.TotalSeconds:0.#} s on this line (catastrophic backtracking?); simplify the pattern", e);
        }
    }

    /// <summary>
    /// Where the line starting at <paramref name="pos"/> ends, with Python's str.splitlines()
    /// boundaries (\n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029).
    /// </summary>
    private static int NextLineBreak(string text, int pos, System.Buffers.SearchValues<char> breaks, out int next)
    {
        ReadOnlySpan<char> rest = text.AsSpan(pos);
        int i = rest.IndexOfAny(breaks);
        if (i < 0)
        {
            next = text.Length;
            return text.Length;
        }

        int end = pos + i;
        next = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
        return end;
    }

    private static readonly System.Buffers.SearchValues<char> LineBreaks =
        System.Buffers.SearchValues.Create("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029");

    private static readonly System.Buffers.SearchValues<char> AsciiLineBreaks =
        System.Buffers.SearchValues.Create("\n\r\v\f\x1c\x1d\x1e");

    private static readonly System.Buffers.SearchValues<char> NonAsciiLineBreaks =
        System.Buffers.SearchValues.Create("\x85\u2028\u2029");

    private void Assign(int index, string? value)
    {
        _current[index] = value;
        foreach (TextFsmValueOption option in _defs[index].Options)
        {
            switch (option)
            {
                case TextFsmValueOption.Filldown:
                    _filldown[index] = value;
                    break;
                case TextFsmValueOption.Fillup:
                    if (IsTruthy(value))
                    {
                        for (int r = _rows.Count - 1; r >= 0; r--)
                        {
                            if (IsTruthy(_rows[r][index]))
                                break;
                            _rows[r][index] = value!;
                        }
                    }

                    break;
                case TextFsmValueOption.List:
                    _lists[index]!.Add(ListItem(_defs[index], value));
                    break;
            }
        }
    }

    private static object? ListItem(TextFsmValueDefinition def, string? value)
    {
        if (def.ListItemRegex is null || value is null)
            return value;
        Match m = def.ListItemRegex.Match(value);
        if (!m.Success || def.ListItemGroups.Count == 0)
            return value;
        var item = new Dictionary<string, string?>(def.ListItemGroups.Count, StringComparer.Ordinal);
        foreach ((string name, int group) in def.ListItemGroups)
        {
            Group g = m.Groups[group];
            item[name] = g.Success ? g.Value : null;
        }

        return item;
    }

    private void ClearRecord()
    {
        for (int i = 0; i < _defs.Length; i++)
        {
            _current[i] = null;
            foreach (TextFsmValueOption option in _defs[i].Options)
            {
                if (option == TextFsmValueOption.Filldown)
                    _current[i] = _filldown[i];
                else if (option == TextFsmValueOption.List && !_defs[i].Has(TextFsmValueOption.Filldown))
                    _lists[i] = [];
            }
        }
    }

    private void ClearAllRecord()
    {
        for (int i = 0; i < _defs.Length; i++)
        {
            _current[i] = null;
            _filldown[i] = null;
            if (_lists[i] is not null)
                _lists[i] = [];
        }
    }

    private void AppendRecord()
    {
        if (_defs.Length == 0)
            return;
        var row = new object?[_defs.Length];
        for (int i = 0; i < _defs.Length; i++)
        {
            foreach (TextFsmValueOption option in _defs[i].Options)
            {
                if (option == TextFsmValueOption.Required && !IsTruthy(_current[i]))
                {
                    ClearRecord();
                    return;
                }

                if (option == TextFsmValueOption.List)
                    _current[i] = _lists[i]!.ToArray();
            }

            row[i] = _current[i];
        }

        bool empty = true;
        foreach (object? cell in row)
        {
            if (cell is not null && cell is not object?[] { Length: 0 })
            {
                empty = false;
                break;
            }
        }

        // The reference leaves the record as it is (no clearing) when every value is empty.
        if (empty)
            return;
        for (int i = 0; i < row.Length; i++)
            row[i] ??= "";
        _rows.Add(row!);
        ClearRecord();
    }

    private static bool IsTruthy(object? value) => value switch
    {
        null => false,
        string s => s.Length > 0,
        object?[] list => list.Length > 0,
        _ => true,
    };
}
