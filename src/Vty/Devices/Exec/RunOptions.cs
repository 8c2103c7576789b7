namespace Vty.Devices.Exec;

/// <summary>Settings for <see cref="RemoteRunner.RunAsync"/> and <see cref="RemoteRunner.SudoAsync"/>.</summary>
public sealed record RunOptions
{
    /// <summary>Throw <see cref="RunFailedException"/> when the exit status is not in <see cref="OkExitCodes"/> (default true, like Fabric's <c>warn=False</c>).</summary>
    public bool Check { get; init; } = true;

    /// <summary>Exit statuses that count as success.</summary>
    public IReadOnlyList<int> OkExitCodes { get; init; } = [0];

    /// <summary>Time the command may run; null: 5 minutes.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Most bytes kept per output stream; beyond it the command fails rather than filling memory.</summary>
    public int MaxOutputBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Text written to the command's stdin (then EOF), or null for none.</summary>
    public string? Input { get; init; }
}
