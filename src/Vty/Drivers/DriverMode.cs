using System.Text.RegularExpressions;

namespace Vty.Drivers;

/// <summary>One mode of a driver's mode graph: its name, kind, prompt patterns and the steps that reach it.</summary>
public sealed record DriverMode
{
    /// <summary>Name used in YAML and in <c>GoToModeAsync</c>, e.g. <c>privileged</c>, <c>config_private</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What the mode is for.</summary>
    public ModeKind Kind { get; init; } = ModeKind.Other;

    /// <summary>Patterns of the mode's prompt, matched against the current line.</summary>
    public required IReadOnlyList<Regex> Prompts { get; init; }

    /// <summary>How to reach this mode from its neighbours.</summary>
    public IReadOnlyList<ModeTransition> Entries { get; init; } = [];

    /// <summary>True when <paramref name="line"/> is this mode's prompt.</summary>
    public bool IsPrompt(ReadOnlySpan<char> line)
    {
        foreach (Regex pattern in Prompts)
        {
            if (pattern.IsMatch(line))
                return true;
        }

        return false;
    }

    /// <summary>The kind a mode gets from its name when the definition does not say.</summary>
    public static ModeKind KindFromName(string name) => name switch
    {
        "user" or "unprivileged" => ModeKind.User,
        "privileged" or "enable" or "exec" or "operational" => ModeKind.Privileged,
        _ when name.StartsWith("config", StringComparison.Ordinal) => ModeKind.Config,
        _ => ModeKind.Other,
    };
}
