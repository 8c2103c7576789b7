namespace Vty.Tasks.Steps;

/// <summary><c>commit: { comment: …, confirm: 5 }</c> — commits the candidate configuration (Junos, IOS-XR).</summary>
public sealed record CommitStep : TaskStep
{
    /// <summary>Commit comment.</summary>
    public string? Comment { get; init; }

    /// <summary>Minutes for a commit confirmed (rolled back unless confirmed again), or null.</summary>
    public int? ConfirmMinutes { get; init; }
}
