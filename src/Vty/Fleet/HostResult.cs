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
    public Exception? Exception { get; init; }

    /// <summary>Driver the job used (set by the job, e.g. after OS guessing), or null.</summary>
    public string? Driver { get; init; }

    /// <summary>Why that driver was chosen (named, guessed from the login transcript, found by probing), or null.</summary>
    public string? DriverReason { get; init; }

    /// <summary>Outputs in the order the job collected them (also the ones before a failure).</summary>
    public IReadOnlyList<CommandOutput> Results { get; init; } = [];

    /// <summary>When the first attempt started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall time from the first attempt's start to the end of the last one.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Attempts made (1 + retries used).</summary>
    public int Attempts { get; init; } = 1;
}
