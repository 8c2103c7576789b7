using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Vty.Parsing;

/// <summary>
/// A regular expression written in Python's <c>re</c> dialect (as TextFSM templates and
/// ntc-templates indexes are), rewritten for .NET so that it matches what Python matches.
/// </summary>
/// <remarks>
/// What differs and is rewritten: <c>(?P&lt;n&gt;…)</c>, <c>(?P=n)</c>, <c>\Z</c>, numbered
/// back-references (.NET numbers named groups last), <c>{,n}</c>, a <c>[</c> inside a class (.NET
/// reads <c>-[…]</c> as subtraction), <c>\w</c>/<c>\s</c>/<c>\b</c> (Python's Unicode classes are
/// not .NET's), <c>\_</c>-style escapes, octal and <c>\U</c> escapes, leading global flags and
/// verbose mode. What .NET cannot do the same way (possessive quantifiers, <c>(?a)</c>,
/// <c>(?L)</c>, <c>\N{…}</c>, scoped verbose) and what Python itself refuses (<c>\p</c>, <c>\z</c>,
/// <c>(?&lt;n&gt;…)</c>, duplicate group names, global flags after the start) throw a
/// <see cref="PythonRegexException"/> rather than matching differently.
/// </remarks>
internal sealed class PythonRegex
{
    // Python's \w is str.isalnum() or '_': letters (L*) and numbers (N*); .NET's adds Mn and Pc and drops Nl/No.
    private const string WordSet = @"\p{L}\p{N}_";
    // Python's \s is str.isspace(), which also holds the information separators U+001C..U+001F.
    private const string SpaceSet = @"\s\x1c-\x1f";
    private const string WordBoundary = @"(?:(?<=[" + WordSet + @"])(?![" + WordSet + @"])|(?<![" + WordSet + @"])(?=[" + WordSet + @"]))";
    private const string NotWordBoundary = @"(?:(?<=[" + WordSet + @"])(?=[" + WordSet + @"])|(?<![" + WordSet + @"])(?![" + WordSet + @"]))";

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private readonly string _source;
    private readonly StringBuilder _out = new();
    private readonly List<string?> _groups = []; // Python group number - 1 -> name (null: unnamed)
    private readonly List<int> _open = [];       // Python numbers of groups still open
    private int _pos;
    private bool _verbose;
    private bool _emittedAny;
    private bool _usesGroupNumbers;

    // The longest run of literal characters every match must contain (top level, not optional).
    private readonly StringBuilder _run = new();
    private string _bestRun = "";
    private bool _lastWasLiteral;
    private bool _topLevelAlternation;

    private PythonRegex(string source) => _source = source;

    /// <summary>The .NET pattern (without the global flags, which are in <see cref="Options"/>).</summary>
    public string Pattern { get; private init; } = "";

    /// <summary>Global flags the pattern set at its start (<c>(?i)</c>, <c>(?m)</c>, <c>(?s)</c>).</summary>
    public RegexOptions Options { get; private init; }

    /// <summary>Names of the named groups in Python's group order (the order of <c>groupdict()</c>).</summary>
    public IReadOnlyList<string> GroupNames { get; private init; } = [];

    /// <summary>How many capturing groups Python counts (named and unnamed).</summary>
    public int GroupCount { get; private init; }

    /// <summary>Translates <paramref name="pattern"/>; throws <see cref="PythonRegexException"/> when it cannot be matched the same way.</summary>
    public static PythonRegex Translate(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var t = new PythonRegex(pattern);
        RegexOptions options = t.Run();
        return new PythonRegex(pattern)
        {
            Pattern = t._out.ToString(),
            Options = options,
            GroupNames = t._groups.Where(n => n is not null).Select(n => n!).ToArray(),
            GroupCount = t._groups.Count,
            UsesGroupNumbers = t._usesGroupNumbers,
            RequiredLiteral = t._topLevelAlternation || (options & RegexOptions.IgnoreCase) != 0 || t._bestRun.Length == 0 ? null : t._bestRun,
        };
    }

    /// <summary>
    /// Text that every match contains (case-sensitively), or null: a line without it cannot match,
    /// which is much cheaper to find out with IndexOf than with the regex.
    /// </summary>
    public string? RequiredLiteral { get; private init; }

    /// <summary>True when the pattern refers to an unnamed group by number (it cannot be embedded in a larger pattern).</summary>
    public bool UsesGroupNumbers { get; private init; }

    /// <summary>
    /// Compiles the translation anchored at the start of the input, as Python's <c>re.match</c> is.
    /// </summary>
    public Regex CompileAnchored(RegexOptions extra, TimeSpan timeout) =>
        new(@"\G(?:" + Pattern + ")", Options | extra | RegexOptions.CultureInvariant, timeout);

    private RegexOptions Run()
    {
        RegexOptions options = RegexOptions.None;
        while (_pos < _source.Length)
        {
            char c = _source[_pos];
            if (_verbose && (IsPythonSpace(c) || c == '#'))
            {
                SkipVerboseFiller();
                continue;
            }

            bool top = _open.Count == 0;
            switch (c)
            {
                case '\\':
                    int literal = EscapeOutsideClass();
                    if (top)
                        NoteLiteral(literal);
                    break;
                case '[':
                    if (top)
                        EndRun();
                    CharacterClass();
                    break;
                case '(':
                    if (Peek(1) == '?' && TryGlobalFlags(ref options))
                        continue;
                    if (top)
                        EndRun();
                    Group();
                    break;
                case ')':
                    if (_open.Count > 0)
                        _open.RemoveAt(_open.Count - 1);
                    _out.Append(')');
                    _pos++;
                    break;
                case '{':
                    int? minimum = Brace();
                    if (top)
                    {
                        if (minimum is null)
                            NoteLiteral('{');
                        else
                            EndRun(dropLast: minimum == 0);
                    }

                    break;
                case '*' or '+' or '?':
                    if (top)
                        EndRun(dropLast: c != '+');
                    _out.Append(c);
                    _pos++;
                    if (Peek(0) == '+')
                        throw Error("possessive quantifiers ('*+', '++', '?+', '{m,n}+') have no .NET equivalent; use an atomic group (?>...) instead");
                    break;
                default:
                    if (top)
                    {
                        if (c == '|')
                            _topLevelAlternation = true;
                        NoteLiteral(c is '.' or '^' or '$' or '|' ? -1 : c);
                    }

                    _out.Append(c);
                    _pos++;
                    break;
            }

            _emittedAny = true;
        }

        EndRun();
        return options;
    }

    private void NoteLiteral(int codePoint)
    {
        if (codePoint is < 0 or > 0xFFFF)
        {
            EndRun();
            return;
        }

        _run.Append((char)codePoint);
        _lastWasLiteral = true;
    }

    /// <summary>Ends the current literal run; <paramref name="dropLast"/>: its last character was made optional by a quantifier.</summary>
    private void EndRun(bool dropLast = false)
    {
        if (dropLast && _lastWasLiteral && _run.Length > 0)
            _run.Length--;
        if (_run.Length > _bestRun.Length)
            _bestRun = _run.ToString();
        _run.Clear();
        _lastWasLiteral = false;
    }

    private void SkipVerboseFiller()
    {
        if (_source[_pos] == '#')
        {
            while (_pos < _source.Length && _source[_pos] != '\n')
                _pos++;
        }
        else
        {
            _pos++;
        }
    }

    private bool TryGlobalFlags(ref RegexOptions options)
    {
        int i = _pos + 2;
        int start = i;
        while (i < _source.Length && "aiLmsux".Contains(_source[i]))
            i++;
        if (i == start || i >= _source.Length || _source[i] != ')')
            return false;
        if (_emittedAny || _open.Count > 0)
            throw Error("global flags not at the start of the expression (Python refuses this; move the flags to the very start or use a scoped group like (?i:...))");
        foreach (char f in _source.AsSpan(start, i - start))
        {
            options |= f switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'u' => RegexOptions.None,
                'x' => RegexOptions.None,
                'a' => throw Error("the ASCII flag (?a) is not supported; write the ASCII classes out, e.g. [A-Za-z0-9_] for \\w"),
                _ => throw Error("the locale flag (?L) is not supported (Python allows it only for byte patterns)"),
            };
            if (f == 'x')
                _verbose = true;
        }

        _pos = i + 1;
        return true;
    }

    private void Group()
    {
        if (Peek(1) != '?')
        {
            _groups.Add(null);
            _open.Add(_groups.Count);
            _out.Append('(');
            _pos++;
            return;
        }

        char kind = Peek(2);
        switch (kind)
        {
            case 'P' when Peek(3) == '<':
            {
                int end = _source.IndexOf('>', _pos + 4);
                if (end < 0)
                    throw Error("missing '>' after the group name in (?P<");
                string name = _source[(_pos + 4)..end];
                CheckGroupName(name);
                if (_groups.Contains(name))
                    throw Error($"redefinition of group name '{name}' (each Value can appear only once per rule)");
                _groups.Add(name);
                _open.Add(_groups.Count);
                _out.Append("(?<").Append(name).Append('>');
                _pos = end + 1;
                return;
            }
            case 'P' when Peek(3) == '=':
            {
                int end = _source.IndexOf(')', _pos + 4);
                if (end < 0)
                    throw Error("missing ')' after (?P=name");
                string name = _source[(_pos + 4)..end];
                CheckGroupName(name);
                int number = _groups.IndexOf(name) + 1;
                if (number == 0)
                    throw Error($"unknown group name '{name}' in (?P={name})");
                if (_open.Contains(number))
                    throw Error($"cannot refer to the open group '{name}'");
                _out.Append(@"\k<").Append(name).Append('>');
                _pos = end + 1;
                return;
            }
            case 'P':
                throw Error($"unknown extension ?P{Peek(3)}");
            case ':' or '=' or '!' or '>':
                _out.Append("(?").Append(kind);
                _pos += 3;
                _open.Add(0);
                return;
            case '<' when Peek(3) is '=' or '!':
                _out.Append("(?<").Append(Peek(3));
                _pos += 4;
                _open.Add(0);
                return;
            case '<':
                throw Error("unknown extension ?<" + Peek(3) + " (Python names groups with (?P<name>...))");
            case '#':
            {
                int end = _source.IndexOf(')', _pos);
                if (end < 0)
                    throw Error("missing ')', unterminated comment");
                _pos = end + 1;
                return;
            }
            case '(':
                Conditional();
                return;
            default:
                ScopedFlags();
                return;
        }
    }

    private void Conditional()
    {
        int end = _source.IndexOf(')', _pos + 3);
        if (end < 0)
            throw Error("missing ')' in a conditional group");
        string reference = _source[(_pos + 3)..end];
        string target;
        if (int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
        {
            target = GroupReference(number);
        }
        else
        {
            CheckGroupName(reference);
            if (!_groups.Contains(reference))
                throw Error($"unknown group name '{reference}' in a conditional");
            target = reference;
        }

        _out.Append("(?(").Append(target).Append(')');
        _pos = end + 1;
        _open.Add(0);
    }

    private void ScopedFlags()
    {
        int i = _pos + 2;
        bool negative = false;
        var flags = new StringBuilder();
        while (i < _source.Length && _source[i] != ':' && _source[i] != ')')
        {
            char f = _source[i];
            if (f == '-' && !negative)
                negative = true;
            else if (f is 'i' or 'm' or 's')
                flags.Append(f);
            else if (f == 'x')
                throw Error("a scoped verbose flag (?x:...) is not supported; set (?x) at the start of the pattern");
            else if (f is 'a' or 'L' or 'u')
                throw Error($"the flag '{f}' cannot be scoped");
            else
                throw Error($"unknown extension ?{f}");
            if (f == '-')
                flags.Append('-');
            i++;
        }

        if (i >= _source.Length)
            throw Error("missing ':' or ')' after inline flags");
        if (_source[i] == ')')
            throw Error("global flags not at the start of the expression (Python refuses this; move the flags to the very start or use a scoped group like (?i:...))");
        _out.Append("(?").Append(flags).Append(':');
        _pos = i + 1;
        _open.Add(0);
    }

    /// <summary>Translates a '{': returns the repeat's minimum, or null when it is a literal brace.</summary>
    private int? Brace()
    {
        // Python reads {m,n}, {m,}, {,n}, {,} and {m} as repeats; anything else is a literal '{'.
        int i = _pos + 1;
        int loStart = i;
        while (i < _source.Length && char.IsAsciiDigit(_source[i]))
            i++;
        string lo = _source[loStart..i];
        string? hi = null;
        if (i < _source.Length && _source[i] == ',')
        {
            int hiStart = ++i;
            while (i < _source.Length && char.IsAsciiDigit(_source[i]))
                i++;
            hi = _source[hiStart..i];
        }

        if (i < _source.Length && _source[i] == '}' && (lo.Length > 0 || hi is not null))
        {
            _out.Append('{').Append(lo.Length == 0 ? "0" : lo);
            if (hi is not null)
                _out.Append(',').Append(hi);
            _out.Append('}');
            _pos = i + 1;
            if (Peek(0) == '+')
                throw Error("possessive quantifiers ('*+', '++', '?+', '{m,n}+') have no .NET equivalent; use an atomic group (?>...) instead");
            return lo.Length == 0 ? 0 : int.Parse(lo, CultureInfo.InvariantCulture);
        }

        _out.Append(@"\{");
        _pos++;
        return null;
    }

    /// <summary>Translates an escape; returns the literal code point it stands for, or -1 when it is not a literal.</summary>
    private int EscapeOutsideClass()
    {
        char e = Peek(1);
        if (e == '\0' && _pos + 1 >= _source.Length)
            throw Error("bad escape (end of pattern)");
        switch (e)
        {
            case 'A' or 'd' or 'D':
                _out.Append('\\').Append(e);
                _pos += 2;
                return -1;
            case 'Z':
                _out.Append(@"\z");
                _pos += 2;
                return -1;
            case 'b':
                _out.Append(WordBoundary);
                _pos += 2;
                return -1;
            case 'B':
                _out.Append(NotWordBoundary);
                _pos += 2;
                return -1;
            case 'w':
                _out.Append('[').Append(WordSet).Append(']');
                _pos += 2;
                return -1;
            case 'W':
                _out.Append("[^").Append(WordSet).Append(']');
                _pos += 2;
                return -1;
            case 's':
                _out.Append('[').Append(SpaceSet).Append(']');
                _pos += 2;
                return -1;
            case 'S':
                _out.Append("[^").Append(SpaceSet).Append(']');
                _pos += 2;
                return -1;
        }

        if (char.IsAsciiDigit(e))
        {
            if (e == '0' || IsOctal(1, 3))
            {
                AppendCodePoint(ReadOctal());
                return -1;
            }

            int i = _pos + 1;
            int number = 0;
            while (i < _source.Length && i < _pos + 3 && char.IsAsciiDigit(_source[i]))
                number = number * 10 + (_source[i++] - '0');
            _pos = i;
            // Wrapped so that a digit after the reference stays a literal.
            _out.Append(@"(?:\k<").Append(GroupReference(number)).Append(">)");
            return -1;
        }

        int cp = ReadCommonEscape();
        AppendCodePoint(cp);
        return cp;
    }

    private void CharacterClass()
    {
        _out.Append('[');
        _pos++;
        if (Peek(0) == '^')
        {
            _out.Append('^');
            _pos++;
        }

        bool first = true;
        while (true)
        {
            if (_pos >= _source.Length)
                throw Error("unterminated character set");
            char c = _source[_pos];
            if (c == ']' && !first)
            {
                _out.Append(']');
                _pos++;
                return;
            }

            first = false;
            if (c == '\\')
            {
                char e = Peek(1);
                switch (e)
                {
                    case 'd' or 'D':
                        _out.Append('\\').Append(e);
                        _pos += 2;
                        RefuseRangeFromClass(e);
                        continue;
                    case 'w':
                        _out.Append(WordSet);
                        _pos += 2;
                        RefuseRangeFromClass(e);
                        continue;
                    case 's':
                        _out.Append(SpaceSet);
                        _pos += 2;
                        RefuseRangeFromClass(e);
                        continue;
                    case 'W' or 'S':
                        throw Error($"\\{e} inside a character class is not supported (Python's and .NET's differ); use a negated class such as [^\\{char.ToLowerInvariant(e)}...]");
                    case 'b':
                        _out.Append(@"\x08");
                        _pos += 2;
                        continue;
                }

                if (char.IsAsciiDigit(e))
                {
                    if (!IsOctalDigit(e))
                        throw Error($"bad escape \\{e} in a character class");
                    AppendCodePoint(ReadOctal(), inClass: true);
                    continue;
                }

                AppendCodePoint(ReadCommonEscape(), inClass: true);
                continue;
            }

            if (c is '[' or ']' or '^' || c == '-' && Peek(1) == '[')
            {
                _out.Append('\\').Append(c);
                _pos++;
                continue;
            }

            _out.Append(c);
            _pos++;
        }
    }

    private void RefuseRangeFromClass(char e)
    {
        if (Peek(0) == '-' && Peek(1) is not ']' and not '\0')
            throw Error($"bad character range \\{e}-{Peek(1)}");
    }

    /// <summary>Reads \x.., \u...., \U........, \a\f\n\r\t\v and escaped punctuation; returns the code point.</summary>
    private int ReadCommonEscape()
    {
        char e = Peek(1);
        switch (e)
        {
            case 'a': _pos += 2; return 7;
            case 'f': _pos += 2; return 12;
            case 'n': _pos += 2; return 10;
            case 'r': _pos += 2; return 13;
            case 't': _pos += 2; return 9;
            case 'v': _pos += 2; return 11;
            case 'x': return ReadHex(2);
            case 'u': return ReadHex(4);
            case 'U': return ReadHex(8);
            case 'N': throw Error(@"named Unicode escapes \N{...} are not supported; write \uXXXX instead");
        }

        if (char.IsAsciiLetter(e))
            throw Error($"bad escape \\{e} (Python's re does not know it)");
        int cp = char.ConvertToUtf32(_source, _pos + 1);
        _pos += 1 + (cp > 0xFFFF ? 2 : 1);
        return cp;
    }

    private int ReadHex(int digits)
    {
        int start = _pos + 2;
        int value = 0;
        if (start + digits > _source.Length ||
            _source.AsSpan(start, digits).ContainsAnyExcept(HexDigits) ||
            !int.TryParse(_source.AsSpan(start, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
            throw Error($"bad escape \\{_source[_pos + 1]}: expected {digits} hex digits");
        if (value > 0x10FFFF)
            throw Error($"bad escape \\{_source[_pos + 1]}: code point out of range");
        _pos = start + digits;
        return value;
    }

    private bool IsOctal(int offset, int count)
    {
        for (int k = 0; k < count; k++)
        {
            if (!IsOctalDigit(Peek(offset + k)))
                return false;
        }

        return true;
    }

    private static bool IsOctalDigit(char c) => c is >= '0' and <= '7';

    private int ReadOctal()
    {
        int i = _pos + 1;
        int value = 0;
        while (i < _source.Length && i < _pos + 4 && IsOctalDigit(_source[i]))
            value = value * 8 + (_source[i++] - '0');
        if (value > 0xFF)
            throw Error("octal escape value outside of range 0-0o377");
        _pos = i;
        return value;
    }

    private void AppendCodePoint(int cp, bool inClass = false)
    {
        if (cp > 0xFFFF)
        {
            if (inClass)
                throw Error("characters outside the Basic Multilingual Plane are not supported inside a character class");
            string pair = char.ConvertFromUtf32(cp);
            _out.Append(CultureInfo.InvariantCulture, $@"(?:\u{(int)pair[0]:X4}\u{(int)pair[1]:X4})");
            return;
        }

        char c = (char)cp;
        if (char.IsAsciiLetterOrDigit(c) || c == '_' || c > 0x7F && !char.IsWhiteSpace(c) && !char.IsControl(c))
            _out.Append(c);
        else
            _out.Append(CultureInfo.InvariantCulture, $@"\u{cp:X4}");
    }

    private string GroupReference(int number)
    {
        if (number < 1 || number > _groups.Count)
            throw Error($"invalid group reference {number}");
        if (_open.Contains(number))
            throw Error($"cannot refer to an open group ({number})");
        string? name = _groups[number - 1];
        if (name is not null)
            return name;
        // .NET numbers unnamed groups first, left to right; named ones come after them.
        _usesGroupNumbers = true;
        int dotnet = 0;
        for (int k = 0; k < number; k++)
        {
            if (_groups[k] is null)
                dotnet++;
        }

        return dotnet.ToString(CultureInfo.InvariantCulture);
    }

    private void CheckGroupName(string name)
    {
        if (!IsIdentifier(name))
            throw Error($"bad character in group name '{name}' (group and Value names must be identifiers: letters, digits, '_', not starting with a digit)");
    }

    /// <summary>Python's str.isidentifier(), close enough for group names (letters, digits, '_').</summary>
    internal static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
            return false;
        foreach (char c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
                return false;
        }

        return true;
    }

    /// <summary>Python's str.isspace() for one character.</summary>
    internal static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    private char Peek(int offset) => _pos + offset < _source.Length ? _source[_pos + offset] : '\0';

    private PythonRegexException Error(string problem) => new(_source, Math.Min(_pos, _source.Length), problem);
}
