using Vty.Fleet;

namespace Vty.History;

/// <summary>What a backup run did: the fleet report, the commit (if anything changed), and the hooks' results.</summary>
public sealed record BackupOutcome
{
    /// <summary>Per-host results of fetching.</summary>
    public required FleetReport Report { get; init; }

    /// <summary>The commit of this run, or null when no stored configuration changed.</summary>
    public string? Commit { get; init; }

    /// <summary>Hosts whose stored configuration changed (new or different).</summary>
    public IReadOnlyList<string> ChangedHosts { get; init; } = [];

    /// <summary>Failed <c>--on-change</c> hooks by host, with the reason.</summary>
    public IReadOnlyDictionary<string, string> HookFailures { get; init; } = new Dictionary<string, string>();
}
