namespace Vty.Ssh.Config;

/// <summary>
/// Walks config files for one destination the way ssh does: Host and Match decide which lines
/// apply, Include reads more files in place (conditionally inside a block), and a second pass with
/// "Match final" true runs when some Match asked for it, matching Host against the HostName found.
/// </summary>
internal sealed class SshConfigEvaluator(SshConfigQuery query, string originalHost, SshConfigValues values,
    Func<string, IReadOnlyList<SshConfigDirective>> read, Func<string, IEnumerable<string>> expand)
{
    private readonly string _originalHost = originalHost;
    private const int MaxIncludeDepth = 16;

    private string _host = originalHost;
    private bool _finalPass;

    /// <summary>True when a "Match final" was seen, so a second pass is needed.</summary>
    public bool WantsFinalPass { get; private set; }

    public void Run(IReadOnlyList<(IReadOnlyList<SshConfigDirective> Directives, bool IsUserConfig)> sources)
    {
        foreach (var (directives, isUser) in sources) Process(directives, isUser, true, 0);
        if (!WantsFinalPass) return;
        _finalPass = true;
        _host = CurrentHostName().ToLowerInvariant();
        foreach (var (directives, isUser) in sources) Process(directives, isUser, true, 0);
    }

    private void Process(IReadOnlyList<SshConfigDirective> directives, bool isUserConfig, bool canMatch, int depth)
    {
        bool active = canMatch;
        foreach (SshConfigDirective d in directives)
        {
            switch (d.Keyword.ToLowerInvariant())
            {
                case "host":
                    if (d.Arguments.Count == 0) throw d.Error("Host needs at least one pattern");
                    active = canMatch && SshHostPattern.MatchesList(_host, d.Arguments);
                    break;
                case "match":
                    active = EvaluateMatch(d) && canMatch;
                    break;
                case "include":
                    Include(d, isUserConfig, active, depth);
                    break;
                case "ignoreunknown":
                    // Vty ignores every unknown keyword already (and lists it).
                    break;
                default:
                    if (active) values.Apply(d);
                    break;
            }
        }
    }

    private void Include(SshConfigDirective d, bool isUserConfig, bool active, int depth)
    {
        if (d.Arguments.Count == 0) throw d.Error("Include needs at least one file");
        if (depth >= MaxIncludeDepth) throw d.Error($"Include nested deeper than {MaxIncludeDepth} levels (an Include loop?)");
        foreach (string pattern in d.Arguments)
        {
            string path = SshConfigTokens.ExpandTilde(pattern, query, d);
            if (!Path.IsPathRooted(path))
                path = isUserConfig ? Path.Combine(query.HomeDirectory, ".ssh", path) : Path.Combine("/etc/ssh", path);
            foreach (string file in expand(path))
                Process(read(file), isUserConfig, active, depth + 1);
        }
    }

    private bool EvaluateMatch(SshConfigDirective d)
    {
        if (d.Arguments.Count == 0) throw d.Error("Match needs criteria (all, host, originalhost, user, localuser, final)");
        bool result = true;
        for (int i = 0; i < d.Arguments.Count; i++)
        {
            string raw = d.Arguments[i];
            bool negate = raw.StartsWith('!');
            string criterion = (negate ? raw[1..] : raw).ToLowerInvariant();
            bool matched;
            switch (criterion)
            {
                case "all":
                    matched = true;
                    break;
                case "final":
                    WantsFinalPass = true;
                    matched = _finalPass;
                    break;
                case "host" or "originalhost" or "user" or "localuser":
                    if (i + 1 >= d.Arguments.Count) throw d.Error($"Match {criterion} needs a pattern list");
                    string list = d.Arguments[++i];
                    matched = criterion switch
                    {
                        "host" => SshHostPattern.MatchesCommaList(CurrentHostName(), list, lowerCasePatterns: true),
                        "originalhost" => SshHostPattern.MatchesCommaList(_originalHost, list, lowerCasePatterns: true),
                        "user" => SshHostPattern.MatchesCommaList(CurrentUser(), list),
                        _ => SshHostPattern.MatchesCommaList(query.LocalUser, list),
                    };
                    break;
                default:
                    throw d.Error($"Match criterion '{criterion}' is not supported by Vty (supported: all, host, originalhost, user, localuser, final)");
            }
            if (negate) matched = !matched;
            result &= matched;
        }
        return result;
    }

    /// <summary>The HostName obtained so far (its %h expanded), else the destination.</summary>
    private string CurrentHostName()
    {
        SshConfigDirective? hostName = values.First("HostName");
        if (hostName is null) return _host;
        string value = hostName.Arguments[0];
        return value.Replace("%%", "\0", StringComparison.Ordinal).Replace("%h", _originalHost.ToLowerInvariant(), StringComparison.Ordinal).Replace("\0", "%", StringComparison.Ordinal);
    }

    private string CurrentUser() => values.First("User")?.Arguments[0] ?? query.LocalUser;
}
