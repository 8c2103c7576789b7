namespace Vty.Tasks.Steps;

/// <summary>
/// <c>run: df -h</c> or <c>sudo: apt-get update</c> — runs a shell command over an SSH exec
/// channel (Fabric style) and records stdout, failing on a non-zero exit status.
/// </summary>
public sealed record RunStep(string Command) : TaskStep
{
    /// <summary>Run through <c>sudo</c>, answering its password prompt.</summary>
    public bool Sudo { get; init; }

    /// <summary>Exit statuses other than 0 that still count as success.</summary>
    public IReadOnlyList<int> OkExitCodes { get; init; } = [0];
}
