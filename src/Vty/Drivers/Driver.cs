using System.Text.RegularExpressions;

namespace Vty.Drivers;

/// <summary>
/// What Vty knows about one platform, as data: how its prompts, login dialog, errors, pager and
/// configuration mode look, and how to recognise it. Built-in drivers and user YAML files produce
/// the same record (see docs/drivers.md). Every pattern is compiled with a match timeout.
/// </summary>
/// <remarks>
/// Matching conventions: prompt, mode, username, password and pager patterns are matched against
/// the current (last, unterminated) line of cleaned output, so text inside earlier output lines can
/// never pass for a prompt. Error patterns are matched against each output line; login-error
/// patterns against each line received after credentials were sent. Guess signals are matched
/// against the whole cleaned login transcript (multi-line; <c>\z</c> is the end of the first prompt).
/// </remarks>
public sealed record Driver
{
    private IReadOnlyList<DriverMode> _modes = [];
    private IReadOnlyDictionary<string, Regex>? _modePrompts;

    /// <summary>Short unique name, e.g. <c>ios</c>, <c>junos</c>, <c>shell</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One line for <c>vty driver list</c>, e.g. "Cisco IOS".</summary>
    public string Description { get; init; } = "";

    /// <summary>Patterns that match the device's command prompt in any mode (the end of output).</summary>
    public required IReadOnlyList<Regex> PromptPatterns { get; init; }

    /// <summary>Prompt per named mode (<c>user</c>, <c>privileged</c>, <c>config</c>, …): the first pattern of each of <see cref="Modes"/>.</summary>
    public IReadOnlyDictionary<string, Regex> ModePrompts => _modePrompts ??= Modes.ToDictionary(m => m.Name, m => m.Prompts[0], StringComparer.Ordinal);

    /// <summary>
    /// The mode graph: each mode with its prompt and the steps that reach it from its neighbours,
    /// in matching order. Empty when the driver cannot tell modes apart.
    /// </summary>
    public IReadOnlyList<DriverMode> Modes
    {
        get => _modes;
        init
        {
            _modes = value;
            _modePrompts = null;
        }
    }

    /// <summary>How the platform grants privileges (what <c>--enable</c> does).</summary>
    public PrivilegeModel Privileges { get; init; } = PrivilegeModel.Account;

    /// <summary>In-band username prompt (app authentication).</summary>
    public required Regex UsernamePrompt { get; init; }

    /// <summary>In-band password prompt (app authentication and enable).</summary>
    public required Regex PasswordPrompt { get; init; }

    /// <summary>Output that means a command failed, e.g. <c>% Invalid input</c>.</summary>
    public IReadOnlyList<Regex> ErrorPatterns { get; init; } = [];

    /// <summary>Output that means credentials we just sent were refused.</summary>
    public IReadOnlyList<Regex> LoginErrorPatterns { get; init; } = [];

    /// <summary>Commands run by AutoInit after login (paging off, terminal width, …).</summary>
    public IReadOnlyList<string> AutoInitCommands { get; init; } = [];

    /// <summary>Command that raises privileges (<c>enable</c>), or null when the platform has none.</summary>
    public string? EnableCommand { get; init; }

    /// <summary>Command that leaves privileged mode, or null.</summary>
    public string? DisableCommand { get; init; }

    /// <summary>Pager prompt (<c>--More--</c>) for devices where paging cannot be turned off, or null.</summary>
    public Regex? PagerPattern { get; init; }

    /// <summary>What to send to the pager to get the next page (usually a space).</summary>
    public string PagerAnswer { get; init; } = " ";

    /// <summary>Enters configuration mode, e.g. <c>configure terminal</c>; null when not applicable.</summary>
    public string? ConfigEnterCommand { get; init; }

    /// <summary>Leaves configuration mode, e.g. <c>end</c>.</summary>
    public string? ConfigExitCommand { get; init; }

    /// <summary>Commits candidate configuration (Junos, IOS-XR), or null for immediate-apply platforms.</summary>
    public string? CommitCommand { get; init; }

    /// <summary>Saves the running configuration, e.g. <c>copy running-config startup-config</c>.</summary>
    public string? SaveCommand { get; init; }

    /// <summary>Text patterns in the banner or first prompt that point at this platform.</summary>
    public IReadOnlyList<OsGuessSignal> GuessSignals { get; init; } = [];

    /// <summary>How to back up this platform's configuration (<c>backup:</c>), or null when it has no recipe.</summary>
    public BackupRecipe? Backup { get; init; }

    /// <summary>Discard, compare and replace for platforms with a candidate configuration (<c>change:</c>), or null.</summary>
    public ChangeRecipe? Change { get; init; }

    /// <summary>Other names this driver answers to (e.g. <c>iosxr</c>, <c>cisco_xr</c> for <c>ios_xr</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The driver this one was derived from (<c>extends:</c>), or null.</summary>
    public string? Extends { get; init; }

    /// <summary>
    /// The platform name ntc-templates (and Netmiko) use for this OS, e.g. <c>cisco_ios</c>: how
    /// <c>--parse</c> finds TextFSM templates. Null when there is none.
    /// </summary>
    public string? NtcPlatform { get; init; }

    /// <summary>Prompt, banner and error samples of the definition (documentation the test suite checks).</summary>
    public DriverSamples Samples { get; init; } = DriverSamples.None;

    /// <summary>Where the definition came from: <c>builtin:NAME.yaml</c> or a file path.</summary>
    public string Source { get; init; } = "";

    /// <summary>True when <paramref name="line"/> (the current last line of output) is a command prompt.</summary>
    public bool IsPrompt(ReadOnlySpan<char> line)
    {
        foreach (Regex pattern in PromptPatterns)
        {
            if (pattern.IsMatch(line))
                return true;
        }

        return false;
    }

    /// <summary>The first mode whose prompt matches <paramref name="line"/> (in definition order), or null.</summary>
    public string? FindMode(ReadOnlySpan<char> line) => FindModeOf(line)?.Name;

    /// <summary>The first mode (in definition order) whose prompt matches <paramref name="line"/>, or null.</summary>
    public DriverMode? FindModeOf(ReadOnlySpan<char> line)
    {
        foreach (DriverMode mode in Modes)
        {
            if (mode.IsPrompt(line))
                return mode;
        }

        return null;
    }

    /// <summary>The mode named <paramref name="name"/>, or null.</summary>
    public DriverMode? GetMode(string name) => Modes.FirstOrDefault(m => m.Name == name);

    /// <summary>The first mode of <paramref name="kind"/> in definition order, or null.</summary>
    public DriverMode? FirstMode(ModeKind kind) => Modes.FirstOrDefault(m => m.Kind == kind);

    /// <summary>
    /// The shortest sequence of steps from mode <paramref name="from"/> to mode <paramref name="to"/>
    /// (empty when they are the same), or null when the graph has no way.
    /// </summary>
    public IReadOnlyList<ModeTransition>? FindPath(string from, string to)
    {
        if (from == to)
            return [];
        var previous = new Dictionary<string, ModeTransition>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(from);
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        while (queue.Count > 0)
        {
            string at = queue.Dequeue();
            foreach (DriverMode mode in Modes)
            {
                foreach (ModeTransition step in mode.Entries)
                {
                    if (step.From != at || !seen.Add(step.To))
                        continue;
                    previous[step.To] = step;
                    if (step.To == to)
                    {
                        var path = new List<ModeTransition>();
                        for (string node = to; node != from; node = previous[node].From)
                            path.Add(previous[node]);
                        path.Reverse();
                        return path;
                    }

                    queue.Enqueue(step.To);
                }
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="line"/> is the pager prompt (send <see cref="PagerAnswer"/>).</summary>
    public bool IsPager(ReadOnlySpan<char> line) => PagerPattern is not null && PagerPattern.IsMatch(line);

    /// <summary>The first error pattern matching an output line, or null when the line is not an error.</summary>
    public Regex? FindError(ReadOnlySpan<char> line)
    {
        foreach (Regex pattern in ErrorPatterns)
        {
            if (pattern.IsMatch(line))
                return pattern;
        }

        return null;
    }

    /// <summary>The first login-error pattern matching a line received after credentials, or null.</summary>
    public Regex? FindLoginError(ReadOnlySpan<char> line)
    {
        foreach (Regex pattern in LoginErrorPatterns)
        {
            if (pattern.IsMatch(line))
                return pattern;
        }

        return null;
    }
}
