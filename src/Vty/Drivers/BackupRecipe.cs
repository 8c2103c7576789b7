using System.Text.RegularExpressions;

namespace Vty.Drivers;

/// <summary>
/// How to back up a platform's configuration (the driver's <c>backup:</c> section): the commands
/// whose output is the configuration, the lines that change without a configuration change (uptime,
/// timestamps, counters), and the secrets to scrub before anything is stored.
/// </summary>
public sealed record BackupRecipe
{
    /// <summary>Commands whose outputs, in order, make up the stored configuration.</summary>
    public required IReadOnlyList<string> Commands { get; init; }

    /// <summary>True when the commands need privileged mode (IOS <c>show running-config</c>).</summary>
    public bool NeedsEnable { get; init; }

    /// <summary>Lines dropped from the stored text because they move without a configuration change.</summary>
    public IReadOnlyList<Regex> DropLines { get; init; } = [];

    /// <summary>
    /// Secret patterns, matched per line; the group named <c>secret</c> (every capture of it) is
    /// replaced by <see cref="SecretMarker"/> unless secrets are kept.
    /// </summary>
    public IReadOnlyList<Regex> Secrets { get; init; } = [];

    /// <summary>What replaces a scrubbed secret in stored configurations.</summary>
    public const string SecretMarker = "<removed>";
}
