namespace Vty.Changes;

/// <summary>How <c>vty config</c> applies a change safely (see <see cref="ConfigChange"/>).</summary>
public sealed record ConfigChangeOptions
{
    /// <summary>Commit the candidate on platforms with a commit model (Junos, IOS-XR); ignored where changes apply at once.</summary>
    public bool Commit { get; init; }

    /// <summary>Commit comment.</summary>
    public string? Comment { get; init; }

    /// <summary>Commit confirmed with this many minutes, then a confirming commit once the device still answers.</summary>
    public int? ConfirmMinutes { get; init; }

    /// <summary>Send the lines, then throw the candidate away (commit-model platforms only).</summary>
    public bool Discard { get; init; }

    /// <summary>Send the lines, show the candidate's differences, then throw the candidate away (commit-model platforms only).</summary>
    public bool DryRun { get; init; }

    /// <summary>Save the running configuration afterwards where the platform needs it (IOS <c>write memory</c>).</summary>
    public bool Save { get; init; }

    /// <summary>Back up the configuration before and after (the driver's recipe, noise and secrets filtered) and report the diff.</summary>
    public bool Diff { get; init; }

    /// <summary>Stop at the first rejected line (default).</summary>
    public bool StopOnError { get; init; } = true;
}
