using Vty.Inventory;

namespace Vty.Nats.Contracts;

/// <summary>One host of a run, as a job in the work-queue stream.</summary>
public sealed record HostJobMessage
{
    /// <summary>The run this job belongs to.</summary>
    public required string RunId { get; init; }

    /// <summary>The host's index in the run's manifest (its result's subject token).</summary>
    public required int Index { get; init; }

    /// <summary>The zone whose workers take this job.</summary>
    public required string Zone { get; init; }

    /// <summary>The host with its merged settings; secrets only as environment variable names.</summary>
    public required InventoryHost Host { get; init; }

    /// <summary>What to do on it.</summary>
    public required JobSpec Spec { get; init; }

    /// <summary>Deliveries allowed before the host is reported failed (a worker dying on it each time).</summary>
    public int MaxDeliveries { get; init; } = 3;
}
