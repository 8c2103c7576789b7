using Vty.Fleet;

namespace Vty.History;

/// <summary>How <c>vty backup</c> (and <see cref="BackupRun"/>) fetches, cleans and stores configurations.</summary>
public sealed class BackupOptions
{
    /// <summary>Sessions: secrets, enable, connection options.</summary>
    public FleetJobOptions Job { get; set; } = new();

    /// <summary>Store secrets as the device printed them instead of <see cref="Drivers.BackupRecipe.SecretMarker"/> (off by default).</summary>
    public bool KeepSecrets { get; set; }

    /// <summary>Commit author and committer name.</summary>
    public string AuthorName { get; set; } = "vty";

    /// <summary>Commit author and committer e-mail.</summary>
    public string AuthorEmail { get; set; } = "vty@localhost";

    /// <summary>First line of the commit message; the changed hosts are listed below it.</summary>
    public string Message { get; set; } = "vty backup";

    /// <summary>Shell command run once per changed host after the commit (see <see cref="ChangeHook"/>), or null.</summary>
    public string? OnChange { get; set; }

    /// <summary>Where the per-host status is written; null: <c>.vty-status.json</c> in the repository (never committed).</summary>
    public string? StatusPath { get; set; }

    /// <summary>Time one backup command may take to print the whole configuration (default 2 min).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
