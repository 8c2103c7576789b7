namespace Vty.Nats.Submitting;

/// <summary>How a run is submitted: deliveries allowed per job and how long results stay.</summary>
public sealed record SubmitOptions
{
    /// <summary>Deliveries of one host job before it is reported failed (a worker dying on it each time).</summary>
    public int MaxDeliveries { get; init; } = 3;

    /// <summary>How long results and the run's manifest stay on the server (null: keep the stream's setting, 7 days for a new one).</summary>
    public TimeSpan? ResultsTtl { get; init; }

    /// <summary>How long a worker's presence lives (the bucket is created with it when missing).</summary>
    public TimeSpan PresenceTtl { get; init; } = Topology.WorkerPresence.DefaultTtl;

    /// <summary>Jobs published at once (each waits for JetStream's acknowledgement).</summary>
    public int PublishWindow { get; init; } = 128;
}
