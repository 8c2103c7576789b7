namespace Vty.History;

/// <summary>What the status file says about one host.</summary>
public sealed record BackupHostStatus
{
    /// <summary>When a backup of the host last succeeded.</summary>
    public DateTimeOffset? LastSuccess { get; init; }

    /// <summary>When a backup of the host last failed.</summary>
    public DateTimeOffset? LastFailure { get; init; }

    /// <summary>Why the last failure happened.</summary>
    public string? LastError { get; init; }

    /// <summary>When the stored configuration last changed.</summary>
    public DateTimeOffset? LastChange { get; init; }

    /// <summary>The commit of the last change.</summary>
    public string? LastCommit { get; init; }
}
