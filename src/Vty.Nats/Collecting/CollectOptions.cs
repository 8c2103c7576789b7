using Vty.Fleet;

namespace Vty.Nats.Collecting;

/// <summary>How results are collected: when a zone without workers is given up, and where notes go.</summary>
public sealed record CollectOptions
{
    /// <summary>
    /// How long a zone with hosts still to do may have no live worker before its remaining hosts are
    /// reported failed (and their jobs withdrawn) instead of waited for.
    /// </summary>
    public TimeSpan ZoneTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often worker presence is checked.</summary>
    public TimeSpan PresenceCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// What the collecting side does with each host's result before it is reported, or null to report
    /// it as stored. A distributed backup stores the configuration the result carries in the local
    /// repository and reports what it stored. Called once per host, never cancelled mid-way (a
    /// result read is kept whole, also when collecting is being stopped).
    /// </summary>
    public Func<HostResult, CancellationToken, ValueTask<HostResult>>? Accept { get; init; }

    /// <summary>Notes for the user (a zone without workers, a lost server); one line each.</summary>
    public Action<string> Log { get; init; } = _ => { };
}
