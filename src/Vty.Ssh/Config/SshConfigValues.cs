namespace Vty.Ssh.Config;

/// <summary>
/// The directives obtained so far for one lookup: the first one of each single-valued option,
/// every one of the cumulative options in order, and the keywords ignored.
/// </summary>
internal sealed class SshConfigValues
{
    private readonly Dictionary<string, SshConfigDirective> _first = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SshConfigDirective>> _all = new(StringComparer.Ordinal);
    private readonly List<string> _ignored = [];

    public IReadOnlyList<string> Ignored => _ignored;

    public void Apply(SshConfigDirective d)
    {
        string? canonical = SshConfigOptionTable.Lookup(d.Keyword);
        if (canonical is null)
        {
            // OpenSSH would stop at an unknown keyword unless IgnoreUnknown names it; Vty ignores
            // every keyword it does not act on (ControlMaster, Compression, …) and lists them.
            if (!_ignored.Contains(d.Keyword, StringComparer.OrdinalIgnoreCase)) _ignored.Add(d.Keyword);
            return;
        }
        SshConfigValueParser.Validate(canonical, d);
        if (SshConfigOptionTable.IsCumulative(canonical))
        {
            if (!_all.TryGetValue(canonical, out var list)) _all[canonical] = list = [];
            list.Add(d);
            return;
        }
        // ProxyJump and ProxyCommand exclude each other: whichever comes first wins.
        if (canonical == "ProxyJump" && _first.ContainsKey("ProxyCommand")) return;
        if (canonical == "ProxyCommand" && _first.ContainsKey("ProxyJump")) return;
        _first.TryAdd(canonical, d);
    }

    public SshConfigDirective? First(string canonical) => _first.GetValueOrDefault(canonical);

    public IReadOnlyList<SshConfigDirective> All(string canonical) => _all.GetValueOrDefault(canonical) ?? [];
}
