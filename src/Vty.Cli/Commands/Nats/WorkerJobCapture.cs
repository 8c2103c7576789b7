using Vty.Fleet;

namespace Vty.Cli.Commands.Nats;

/// <summary>
/// Lets <c>vty worker</c> build a run's host job with the very code of <c>vty run</c>, <c>config</c>
/// and <c>task</c>: while set, the fleet executor builds the job from the parsed command line and
/// hands it over here instead of running it.
/// </summary>
internal sealed class WorkerJobCapture
{
    private static readonly AsyncLocal<WorkerJobCapture?> Ambient = new();

    /// <summary>The capture of the current async flow, or null when running normally.</summary>
    public static WorkerJobCapture? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>The job the command line built.</summary>
    public HostJob? Job { get; set; }
}
