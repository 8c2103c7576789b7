namespace Vty.Devices;

/// <summary>How to commit candidate configuration (Junos, IOS-XR).</summary>
public sealed record CommitOptions
{
    /// <summary>Commit comment (shown by <c>show system commit</c> / <c>show configuration commit list</c>).</summary>
    public string? Comment { get; init; }

    /// <summary>Commit confirmed: the device rolls back unless confirmed within this many minutes. Null: a plain commit.</summary>
    public int? ConfirmMinutes { get; init; }

    /// <summary>Leave configuration mode after the commit.</summary>
    public bool AndQuit { get; init; }

    /// <summary>Time the commit may take (large candidate configurations are slow); null: 2 minutes.</summary>
    public TimeSpan? Timeout { get; init; }
}
