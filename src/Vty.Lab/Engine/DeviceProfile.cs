namespace Vty.Lab;

/// <summary>
/// Everything that makes an emulated device look like one OS: login dialog, modes and prompts,
/// command table, pager, error wording and initial configuration. Profiles are immutable and
/// shared by every device that uses them.
/// </summary>
public sealed record DeviceProfile
{
    /// <summary>Profile name (ios, junos, linux…).</summary>
    public required string Name { get; init; }

    /// <summary>One-line description.</summary>
    public string Description { get; init; } = "";

    /// <summary>Host name when the device options give none.</summary>
    public required string DefaultHostname { get; init; }

    /// <summary>Login dialog texts.</summary>
    public LabLoginDialog Login { get; init; } = new();

    /// <summary>Enable dialog, or null when the OS has none.</summary>
    public LabEnableDialog? Enable { get; init; }

    /// <summary>The modes; the first is the default.</summary>
    public required IReadOnlyList<LabMode> Modes { get; init; }

    /// <summary>Mode after an interactive login.</summary>
    public required string LoginMode { get; init; }

    /// <summary>Mode SSH exec commands run in (defaults to <see cref="LoginMode"/>).</summary>
    public string? ExecMode { get; init; }

    /// <summary>The command table.</summary>
    public required IReadOnlyList<LabCommand> Commands { get; init; }

    /// <summary>The device's file system as its commands name it (e.g. "flash:"): SCP to it is served. Null: no file system.</summary>
    public string? FileSystemName { get; init; }

    /// <summary>Output modifiers after <c>|</c> (CLI profiles).</summary>
    public IReadOnlyList<LabPipeFilter> Filters { get; init; } = [];

    /// <summary>
    /// True when every <c>|</c> starts another modifier (Junos); false when the first modifier's
    /// pattern takes the rest of the line, <c>|</c> included (Cisco: <c>| include a|b</c>).
    /// </summary>
    public bool ChainFilters { get; init; }

    /// <summary>Pager, or null when the OS never pages.</summary>
    public LabPager? Pager { get; init; }

    /// <summary>Error wording.</summary>
    public required LabErrorStyle Errors { get; init; }

    /// <summary>True when keywords may be abbreviated to a unique prefix.</summary>
    public bool Abbreviations { get; init; } = true;

    /// <summary>True for shells: <c>;</c>, <c>&amp;&amp;</c>, <c>||</c>, pipes to filter commands and <c>&gt;</c> redirection.</summary>
    public bool ShellSyntax { get; init; }

    /// <summary>Writes redirected shell output to a file (<c>&gt;</c>, <c>&gt;&gt;</c>); returns an error output or null.</summary>
    public Func<LabCommandContext, string, string, bool, LabOutput?>? ShellRedirect { get; init; }

    /// <summary>Canonical interface type names (GigabitEthernet, Loopback…) used to expand abbreviations.</summary>
    public IReadOnlyList<string> InterfaceTypes { get; init; } = [];

    /// <summary>Builds the initial running configuration of a device.</summary>
    public Func<LabDeviceState, ConfigNode>? InitialConfig { get; init; }

    /// <summary>Line end of SSH exec output ("\n" for Linux, "\r\n" for network OSes).</summary>
    public string ExecNewline { get; init; } = "\r\n";

    /// <summary>
    /// Separator after which a login name carries terminal options rather than the name (RouterOS
    /// <c>admin+cetw511h4098</c>); null when names are taken as typed.
    /// </summary>
    public char? LoginOptionsSeparator { get; init; }

    /// <summary>The user name within a typed login name (without RouterOS-style options).</summary>
    public string LoginName(string typed)
    {
        if (LoginOptionsSeparator is not { } sep)
            return typed;
        int at = typed.IndexOf(sep, StringComparison.Ordinal);
        return at > 0 ? typed[..at] : typed;
    }

    /// <summary>Finds a mode by name.</summary>
    public LabMode GetMode(string name)
    {
        foreach (LabMode m in Modes)
        {
            if (m.Name == name)
                return m;
        }
        throw new InvalidOperationException($"Profile '{Name}' has no mode '{name}'.");
    }

    /// <summary>Expands an interface name such as <c>gi0/1</c> or <c>Lo0</c> to its canonical form, or null when it is not one.</summary>
    public string? CanonicalInterface(string raw)
    {
        int i = 0;
        while (i < raw.Length && (char.IsLetter(raw[i]) || raw[i] == '-'))
            i++;
        if (i == 0 && raw.Length > 0 && InterfaceTypes.Contains("") && IsPortNumber(raw))
            return raw;
        if (i == 0 || i == raw.Length)
            return null;
        string type = raw[..i];
        string number = raw[i..];
        foreach (char c in number)
        {
            if (!char.IsDigit(c) && c != '/' && c != '.' && c != ':')
                return null;
        }
        string? found = null;
        foreach (string t in InterfaceTypes)
        {
            if (string.Equals(t, type, StringComparison.OrdinalIgnoreCase))
                return t + number;
            if (t.StartsWith(type, StringComparison.OrdinalIgnoreCase))
            {
                if (found is not null)
                    return null;
                found = t;
            }
        }
        return found is null ? null : found + number;
    }

    // Switches that name ports by number alone (ProCurve "1", AOS-CX "1/1/1") list "" among their types.
    private static bool IsPortNumber(string raw)
    {
        if (!char.IsDigit(raw[0]) || !char.IsDigit(raw[^1]))
            return false;
        foreach (char c in raw)
        {
            if (!char.IsDigit(c) && c != '/')
                return false;
        }
        return true;
    }
}
