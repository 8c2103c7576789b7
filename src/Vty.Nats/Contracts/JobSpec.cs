namespace Vty.Nats.Contracts;

/// <summary>
/// What to do on each host of a run, as the submitting command line said it: the command
/// (<c>run</c>, <c>config</c>, a task), its options as arguments, and the task file's text. It
/// holds no secret: passwords stay names of environment variables that each worker reads itself.
/// </summary>
public sealed record JobSpec
{
    /// <summary>The vty command (<c>run</c>, <c>config</c>, <c>task</c>, <c>backup</c>).</summary>
    public required string Command { get; init; }

    /// <summary>Its arguments and options, without hosts, inventory, output and NATS options.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The task file's YAML for <c>vty task</c> (workers have no copy of the submitter's file).</summary>
    public string? TaskFile { get; init; }

    /// <summary>Seconds one host may take (the run's <c>--timeout</c>); the host's inventory timeout wins.</summary>
    public double TimeoutSeconds { get; init; } = 60;

    /// <summary>Extra attempts for transient failures before the first command (the run's <c>--retries</c>).</summary>
    public int Retries { get; init; }

    /// <summary>True when the submitter writes transcripts, so workers send them back.</summary>
    public bool Transcripts { get; init; }

    /// <summary>
    /// True when the job changes devices (configuration, tasks): such a job is never started twice.
    /// Reading jobs (<c>run</c>, <c>backup</c>) are simply run again; an unknown command counts as changing.
    /// </summary>
    public bool ChangesDevices => Command is not ("run" or "backup");
}
