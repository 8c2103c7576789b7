namespace Vty.Tasks.Steps;

/// <summary><c>config: [vlan 2, name users]</c> — sends a configuration set (enters and leaves config mode).</summary>
public sealed record ConfigStep(IReadOnlyList<string> Lines) : TaskStep
{
    /// <summary>Commit after the set (Junos, IOS-XR), with an optional comment.</summary>
    public bool Commit { get; init; }

    /// <summary>Comment for the commit.</summary>
    public string? CommitComment { get; init; }
}
