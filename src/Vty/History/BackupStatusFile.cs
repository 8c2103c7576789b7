using System.Text.Json;

namespace Vty.History;

/// <summary>
/// The JSON status file: per host the last success, failure (with its reason) and change, and the
/// last run's time. Written atomically and privately after every run so that other tools (a web
/// view, monitoring) can read it at any time.
/// </summary>
public sealed class BackupStatusFile
{
    /// <summary>When the last run finished.</summary>
    public DateTimeOffset? LastRun { get; set; }

    /// <summary>Commit of the last run that changed something.</summary>
    public string? LastCommit { get; set; }

    /// <summary>Per-host status, by host name.</summary>
    public SortedDictionary<string, BackupHostStatus> Hosts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Reads the file, or returns an empty status when it does not exist or cannot be read.</summary>
    public static BackupStatusFile Load(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), BackupStatusJsonContext.Default.BackupStatusFile) ?? new() : new();
        }
        catch (JsonException)
        {
            return new(); // a damaged status file is rebuilt by the next run rather than blocking backups
        }
    }

    /// <summary>Writes the file atomically with mode 0600.</summary>
    public Task SaveAsync(string path, CancellationToken cancellationToken = default) =>
        PrivateFile.ReplaceAsync(path, (stream, ct) => JsonSerializer.SerializeAsync(stream, this, BackupStatusJsonContext.Default.BackupStatusFile, ct), cancellationToken);
}
