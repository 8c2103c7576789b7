namespace Vty.Nats.Working;

/// <summary>How a worker takes jobs: its name, zones, parallelism, ack wait and drain time.</summary>
public sealed record WorkerOptions
{
    /// <summary>Name in results and presence (default: machine name and process id).</summary>
    public string Name { get; init; } = Topology.NatsNames.ToToken($"{Environment.MachineName}-{Environment.ProcessId}");

    /// <summary>Zones whose jobs this worker takes (default: the default zone).</summary>
    public IReadOnlyList<string> Zones { get; init; } = [Topology.NatsNames.DefaultZone];

    /// <summary>Hosts worked on at once.</summary>
    public int Parallel { get; init; } = 20;

    /// <summary>
    /// Time JetStream waits for an acknowledgement before giving a job to another worker. While a
    /// host runs the worker says "in progress" every third of it, so it can be much shorter than a
    /// host's timeout: it is how quickly a dead worker's hosts move on.
    /// </summary>
    public TimeSpan AckWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After SIGTERM, how long jobs in flight may take to finish before they are cancelled (and released when nothing reached the device).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the worker renews its presence.</summary>
    public TimeSpan PresenceInterval { get; init; } = Topology.WorkerPresence.DefaultInterval;

    /// <summary>How long a presence lives without renewal.</summary>
    public TimeSpan PresenceTtl { get; init; } = Topology.WorkerPresence.DefaultTtl;

    /// <summary>Largest transcript sent back per host (characters).</summary>
    public int MaxTranscriptChars { get; init; } = 8 * 1024 * 1024;

    /// <summary>Where the worker says what it does: start, stop, NATS trouble (one line each; never a secret).</summary>
    public Action<string> Log { get; init; } = _ => { };

    /// <summary>Where the worker reports each host it finished or released (null: nowhere).</summary>
    public Action<string>? HostLog { get; init; }
}
