using System.Text.Json.Serialization;
using Vty.Inventory;

namespace Vty.Fleet;

/// <summary>The outcome of a job on one host: ok or failed with a one-line reason, the outputs collected, timings.</summary>
public sealed record HostResult
{
    /// <summary>The host the job ran on.</summary>
    public required InventoryHost Host { get; init; }

    /// <summary>True when the job completed without an error.</summary>
    public bool Ok => Failure == FailureKind.None;

    /// <summary>Why the host failed, or <see cref="FailureKind.None"/>.</summary>
    public FailureKind Failure { get; init; }

    /// <summary>One-line reason for the failure (the device's or the transport's message), null when ok.</summary>
    public string? Error { get; init; }

    /// <summary>The exception behind the failure, for <c>--debug</c>; never serialised.</summary>
    // Ignored for System.Text.Json too, so generated contracts (Vty.Nats) never walk into
    // Exception's reflection members (TargetSite), which would break the Native AOT publish.
    [JsonIgnore]
    public Exception? Exception { get; init; }

    /// <summary>Driver the job used (set by the job, e.g. after OS guessing), or null.</summary>
    public string? Driver { get; init; }

    /// <summary>How that driver was chosen (named, guessed, probed, fallback), or null when unknown.</summary>
    public Protocols.DriverSelectionMethod? DriverMethod { get; init; }

    /// <summary>Why that driver was chosen (named, guessed from the login transcript, found by probing), or null.</summary>
    public string? DriverReason { get; init; }

    /// <summary>Outputs in the order the job collected them (also the ones before a failure).</summary>
    public IReadOnlyList<CommandOutput> Results { get; init; } = [];

    /// <summary>When the first attempt started; null for a host the run never started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Wall time from the first attempt's start to the end of the last one.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The schema's status word for this result (<see cref="HostStatus"/>).</summary>
    public string Status => HostStatus.Of(Failure);

    /// <summary>The result of a host the run never started (it was interrupted first).</summary>
    public static HostResult NotStarted(InventoryHost host) => new()
    {
        Host = host,
        Failure = FailureKind.NotStarted,
        Error = "not started: the run was stopped before this host's turn; nothing was sent to it",
        Driver = host.Driver,
        DriverMethod = host.Driver is null ? null : Protocols.DriverSelectionMethod.Named,
        Attempts = 0,
    };

    /// <summary>Attempts made (1 + retries used; 0 for a host the run never started).</summary>
    public int Attempts { get; init; } = 1;
}
