namespace Vty.Fleet;

/// <summary>How a fleet run behaves: parallelism, timeouts, retries, where results go.</summary>
public sealed class FleetRunOptions
{
    /// <summary>Hosts worked on at the same time (default 20).</summary>
    public int MaxParallel { get; set; } = 20;

    /// <summary>Time one attempt on one host may take, unless the inventory sets the host's own (default 60 s).</summary>
    public TimeSpan HostTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Extra attempts after a transient failure (unreachable, timeout) that happened before the job
    /// sent its first command or configuration line (connect, DNS, handshake, login); a failure
    /// after that is reported, never retried. 0 = none.
    /// </summary>
    public int Retries { get; set; }

    /// <summary>Pause before a retry.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Decides whether a failure is worth another attempt; default: unreachable and timeouts.</summary>
    public Func<FailureKind, Exception, bool> ShouldRetry { get; set; } =
        static (kind, _) => kind is FailureKind.Unreachable or FailureKind.Timeout;

    /// <summary>Maps a job's exception to a failure kind and a one-line reason; default <see cref="FailureClassifier.Classify"/>.</summary>
    public Func<Exception, (FailureKind Kind, string Reason)> Classify { get; set; } = FailureClassifier.Classify;

    /// <summary>Opens per-host transcripts (see <see cref="FleetOutputFolder"/>); null: no transcripts.</summary>
    public Func<string, TextWriter>? OpenTranscript { get; set; }

    /// <summary>Observers told about each host (writers, progress).</summary>
    public IList<IFleetObserver> Observers { get; } = new List<IFleetObserver>();

    /// <summary>Logs each host's start, retries and outcome (category <c>Vty.Fleet</c>); null: no logging.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    internal void Validate()
    {
        if (MaxParallel < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxParallel), MaxParallel, "parallelism must be at least 1");
        if (HostTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(HostTimeout), HostTimeout, "the host timeout must be positive");
        if (Retries < 0)
            throw new ArgumentOutOfRangeException(nameof(Retries), Retries, "retries cannot be negative");
    }
}
