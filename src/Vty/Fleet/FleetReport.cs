using Vty.Inventory;

namespace Vty.Fleet;

/// <summary>The outcome of a fleet run.</summary>
public sealed record FleetReport
{
    /// <summary>Results of every host that started, in the order they finished.</summary>
    public required IReadOnlyList<HostResult> Results { get; init; }

    /// <summary>Hosts never started because the run was cancelled first.</summary>
    public IReadOnlyList<InventoryHost> NotStarted { get; init; } = [];

    /// <summary>True when the run was stopped before all hosts finished.</summary>
    public bool Cancelled { get; init; }

    /// <summary>Wall time of the whole run.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Hosts that succeeded.</summary>
    public int Succeeded => Results.Count(r => r.Ok);

    /// <summary>Hosts that failed (cancelled ones included).</summary>
    public int Failed => Results.Count(r => !r.Ok);
}
