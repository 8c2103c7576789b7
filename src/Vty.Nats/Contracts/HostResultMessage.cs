using Vty.Fleet;

namespace Vty.Nats.Contracts;

/// <summary>
/// One host's result as a worker stored it. <see cref="Result"/> is the same <see cref="HostResult"/>
/// a local run produces (its host travels as <see cref="HostName"/> only); a result too large for
/// one NATS message lives in the object store under <see cref="BodyObject"/> instead.
/// </summary>
public sealed record HostResultMessage
{
    /// <summary>The run.</summary>
    public required string RunId { get; init; }

    /// <summary>The host's index in the manifest.</summary>
    public required int Index { get; init; }

    /// <summary>The host's name.</summary>
    public required string HostName { get; init; }

    /// <summary>The worker that produced it (or <c>submitter</c> for a zone nobody serves).</summary>
    public string Worker { get; init; } = "";

    /// <summary>Which delivery of the job this was (1 = first).</summary>
    public int Delivery { get; init; } = 1;

    /// <summary>The result (its <see cref="HostResult.Host"/> is filled in from the manifest when read).</summary>
    public HostResult? Result { get; init; }

    /// <summary>What the device printed, when the submitter asked for transcripts.</summary>
    public string? Transcript { get; init; }

    /// <summary>Object-store name of the full message when it was too large for one message.</summary>
    public string? BodyObject { get; init; }
}
