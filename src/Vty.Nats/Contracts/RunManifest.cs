namespace Vty.Nats.Contracts;

/// <summary>
/// A run as submitted: its id, what it does, and its hosts in index order, so <c>vty results</c>
/// can collect it again later without the inventory.
/// </summary>
public sealed record RunManifest
{
    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary>Label of the run (<c>run</c>, <c>config</c>, the task name).</summary>
    public required string Label { get; init; }

    /// <summary>What each host does.</summary>
    public required JobSpec Spec { get; init; }

    /// <summary>When it was submitted.</summary>
    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>Hosts in index order.</summary>
    public required IReadOnlyList<ManifestHost> Hosts { get; init; }
}

/// <summary>A host of a run: its name, URL, driver and zone (what reports show of it).</summary>
public sealed record ManifestHost(string Name, string Url, string? Driver, string Zone);
