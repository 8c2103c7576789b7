namespace Vty.Lab.Engine;

/// <summary>
/// Matches a typed line against syntaxes the way Cisco-style CLIs do: keywords by unique prefix
/// (an exact keyword beats longer ones it prefixes, keywords beat arguments), arguments by kind,
/// and reports the first word that fits nothing, an ambiguous abbreviation, or a missing word.
/// </summary>
internal static class CommandLineParser
{
    internal readonly record struct Token(string Text, int Column);

    internal sealed record Match(int Index, Dictionary<string, string> Args, Dictionary<string, int> ArgColumns);

    internal sealed record Result(Match? Matched, LabParseErrorKind? Error, int ErrorToken, IReadOnlyList<Token> Tokens);

    private sealed class Walk
    {
        public int Index;
        public bool Complete;      // every token consumed and the syntax ended (or only an optional rest remains)
        public bool Consumed;      // every token consumed
        public int FailToken = -1;
        public string?[] Keywords = [];   // keyword matched at each token (null = argument)
        public bool[] Exact = [];
        // Made on the first argument: most walks (every "show …" syntax tried for a show command)
        // fail on a keyword; two dictionaries per walk were about 4 % of a fleet run's allocation.
        public Dictionary<string, string>? Args;
        public Dictionary<string, int>? ArgColumns;

        public void SetArg(string name, string value, int column)
        {
            (Args ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = value;
            (ArgColumns ??= new Dictionary<string, int>(StringComparer.Ordinal))[name] = column;
        }
    }

    public static List<Token> Tokenize(string line)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
                i++;
            if (i >= line.Length)
                break;
            int start = i;
            bool quoted = false;
            while (i < line.Length && (quoted || !char.IsWhiteSpace(line[i])))
            {
                if (line[i] == '"')
                    quoted = !quoted;
                i++;
            }
            tokens.Add(new Token(line[start..i], start));
        }
        return tokens;
    }

    public static Result Parse(string line, IReadOnlyList<IReadOnlyList<LabSyntaxElement>> syntaxes, IReadOnlyList<bool> hidden,
        bool abbreviate, Func<string, string?> canonicalInterface)
    {
        List<Token> tokens = Tokenize(line);
        var walks = new List<Walk>(syntaxes.Count);
        int furthestFail = 0;
        for (int s = 0; s < syntaxes.Count; s++)
        {
            // Most candidates fail on the first keyword: reject those without allocating a walk.
            if (tokens.Count > 0 && syntaxes[s][0] is { Kind: LabSyntaxKind.Keyword } first
                && !string.Equals(first.Text, tokens[0].Text, StringComparison.OrdinalIgnoreCase)
                && !(abbreviate && !hidden[s] && first.Text.StartsWith(tokens[0].Text, StringComparison.OrdinalIgnoreCase)))
                continue;
            Walk w = WalkOne(line, tokens, syntaxes[s], abbreviate && !hidden[s], canonicalInterface);
            w.Index = s;
            if (w.Consumed)
                walks.Add(w);
            else
                furthestFail = Math.Max(furthestFail, w.FailToken);
        }

        if (walks.Count == 0)
        {
            var kind = furthestFail == 0 ? LabParseErrorKind.UnknownCommand : LabParseErrorKind.InvalidInput;
            return new Result(null, kind, furthestFail, tokens);
        }

        // At each position, an exact keyword hides prefix matches of other keywords, and keywords hide arguments.
        for (int t = 0; t < tokens.Count && walks.Count > 1; t++)
        {
            bool anyExact = false, anyKeyword = false;
            foreach (Walk w in walks)
            {
                if (t >= w.Keywords.Length)
                    continue;
                if (w.Keywords[t] is not null)
                {
                    anyKeyword = true;
                    anyExact |= w.Exact[t];
                }
            }
            if (anyKeyword)
                walks.RemoveAll(w => t < w.Keywords.Length && (w.Keywords[t] is null || (anyExact && !w.Exact[t])));
            var distinct = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (Walk w in walks)
            {
                if (t < w.Keywords.Length && w.Keywords[t] is { } k)
                    distinct.Add(k);
            }
            if (distinct.Count > 1)
                return new Result(null, LabParseErrorKind.Ambiguous, t, tokens);
        }

        foreach (Walk w in walks)
        {
            if (w.Complete)
                return new Result(new Match(w.Index, w.Args ?? new(StringComparer.Ordinal), w.ArgColumns ?? new(StringComparer.Ordinal)), null, 0, tokens);
        }
        return new Result(null, LabParseErrorKind.Incomplete, tokens.Count, tokens);
    }

    private static Walk WalkOne(string line, List<Token> tokens, IReadOnlyList<LabSyntaxElement> syntax, bool abbreviate,
        Func<string, string?> canonicalInterface)
    {
        var w = new Walk { Keywords = new string?[tokens.Count], Exact = new bool[tokens.Count] };
        int t = 0;
        int e = 0;
        while (t < tokens.Count)
        {
            if (e >= syntax.Count)
            {
                w.FailToken = t;
                return w;
            }
            LabSyntaxElement el = syntax[e];
            Token tok = tokens[t];
            switch (el.Kind)
            {
                case LabSyntaxKind.Keyword:
                    bool exact = string.Equals(el.Text, tok.Text, StringComparison.OrdinalIgnoreCase);
                    bool prefix = abbreviate && el.Text.StartsWith(tok.Text, StringComparison.OrdinalIgnoreCase);
                    if (!exact && !prefix)
                    {
                        w.FailToken = t;
                        return w;
                    }
                    w.Keywords[t] = el.Text;
                    w.Exact[t] = exact;
                    t++;
                    break;
                case LabSyntaxKind.Word:
                    w.SetArg(el.Text, Unquote(tok.Text), tok.Column);
                    t++;
                    break;
                case LabSyntaxKind.Number:
                    if (!IsNumber(tok.Text))
                    {
                        w.FailToken = t;
                        return w;
                    }
                    w.SetArg(el.Text, tok.Text, tok.Column);
                    t++;
                    break;
                case LabSyntaxKind.Interface:
                    string raw = tok.Text;
                    int used = 1;
                    if (IsLetters(raw) && t + 1 < tokens.Count && tokens[t + 1].Text.Length > 0 && char.IsDigit(tokens[t + 1].Text[0]))
                    {
                        raw += tokens[t + 1].Text;
                        used = 2;
                    }
                    string? name = canonicalInterface(raw);
                    if (name is null)
                    {
                        w.FailToken = t;
                        return w;
                    }
                    w.SetArg(el.Text, name, tok.Column);
                    t += used;
                    break;
                default:
                    w.SetArg(el.Text, line[tok.Column..].Trim(), tok.Column);
                    t = tokens.Count;
                    e = syntax.Count;
                    w.Consumed = true;
                    w.Complete = true;
                    return w;
            }
            e++;
        }
        w.Consumed = true;
        if (e == syntax.Count)
        {
            w.Complete = true;
        }
        else if (e == syntax.Count - 1 && syntax[e].Kind == LabSyntaxKind.OptionalRest)
        {
            w.SetArg(syntax[e].Text, "", line.Length);
            w.Complete = true;
        }
        return w;
    }

    private static bool IsNumber(string s)
    {
        if (s.Length == 0 || s.Length > 9)
            return false;
        foreach (char c in s)
        {
            if (c is < '0' or > '9')
                return false;
        }
        return true;
    }

    private static bool IsLetters(string s)
    {
        foreach (char c in s)
        {
            if (!char.IsLetter(c) && c != '-')
                return false;
        }
        return s.Length > 0;
    }

    internal static string Unquote(string s) =>
        s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1] : s;
}
