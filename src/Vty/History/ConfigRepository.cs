using System.Globalization;
using System.Text;

namespace Vty.History;

/// <summary>
/// A git repository holding one configuration file per host. Files are replaced atomically
/// (temporary file, then rename), so a crash or SIGTERM never leaves a partial file; a run ends with
/// at most one commit, made only when something changed.
/// </summary>
public sealed class ConfigRepository
{
    // git's well-known empty tree: the "before" of a host's first version.
    private const string EmptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    /// <summary>Name of the status file kept beside the configurations (never committed).</summary>
    public const string StatusFileName = ".vty-status.json";

    private readonly GitCli _git;

    private ConfigRepository(string path)
    {
        Path = path;
        _git = new GitCli(path);
    }

    /// <summary>The repository's folder.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens the repository at <paramref name="path"/>; with <paramref name="create"/>, creates the folder
    /// (private to the user: it holds configurations) and initialises git when missing.
    /// </summary>
    /// <exception cref="ConfigRepositoryException">The folder is missing (and not to be created) or git cannot run.</exception>
    public static async Task<ConfigRepository> OpenAsync(string path, bool create, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            if (!create)
                throw new ConfigRepositoryException($"no configuration repository at {full}; run 'vty backup --repo {path}' first");
            CreatePrivateDirectory(full);
        }
        var repository = new ConfigRepository(full);
        if (!Directory.Exists(System.IO.Path.Combine(full, ".git")))
        {
            if (!create)
                throw new ConfigRepositoryException($"{full} is not a git repository; run 'vty backup --repo {path}' to create one");
            await repository._git.RunAsync(["init", "-q"], cancellationToken).ConfigureAwait(false);
            // Temporary files and the status file live beside the configurations but are never committed.
            string exclude = System.IO.Path.Combine(full, ".git", "info", "exclude");
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(exclude)!);
            await File.AppendAllTextAsync(exclude, $"\n*{PrivateFile.TempSuffix}\n{StatusFileName}\n", cancellationToken).ConfigureAwait(false);
        }
        return repository;
    }

    /// <summary>The path of <paramref name="hostName"/>'s file inside the repository.</summary>
    public string FilePath(string hostName) => System.IO.Path.Combine(Path, HostFileName.For(hostName));

    /// <summary>Replaces <paramref name="hostName"/>'s configuration with <paramref name="text"/> atomically (mode 0600).</summary>
    public Task WriteAsync(string hostName, string text, CancellationToken cancellationToken = default) =>
        PrivateFile.ReplaceAsync(FilePath(hostName), (stream, ct) => stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct).AsTask(), cancellationToken);

    /// <summary>The configuration currently stored for <paramref name="hostName"/> (working copy), or null.</summary>
    public async Task<string?> ReadAsync(string hostName, CancellationToken cancellationToken = default)
    {
        string path = FilePath(hostName);
        return File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>
    /// Commits every changed host file as one commit. Returns null when nothing changed; otherwise the
    /// commit id and the changed file names. <paramref name="message"/> gets the changed names.
    /// </summary>
    public async Task<(string Commit, IReadOnlyList<string> Files)?> CommitAsync(
        Func<IReadOnlyList<string>, string> message, string authorName, string authorEmail, CancellationToken cancellationToken = default)
    {
        await _git.RunAsync(["add", "-A", "--", "."], cancellationToken).ConfigureAwait(false);
        string names = await _git.RunAsync(["diff", "--cached", "--name-only", "-z"], cancellationToken).ConfigureAwait(false);
        string[] files = names.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        if (files.Length == 0)
            return null;
        var environment = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = authorName,
            ["GIT_AUTHOR_EMAIL"] = authorEmail,
            ["GIT_COMMITTER_NAME"] = authorName,
            ["GIT_COMMITTER_EMAIL"] = authorEmail,
        };
        await _git.RunAsync(["commit", "-q", "--no-verify", "-F", "-"], cancellationToken, environment, message(files)).ConfigureAwait(false);
        string commit = (await _git.RunAsync(["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false)).Trim();
        return (commit, files);
    }

    /// <summary>Versions of <paramref name="hostName"/>'s configuration, newest first.</summary>
    public async Task<IReadOnlyList<ConfigRevision>> HistoryAsync(string hostName, CancellationToken cancellationToken = default)
    {
        if (!await HasCommitsAsync(cancellationToken).ConfigureAwait(false))
            return [];
        string log = await _git.RunAsync(["log", "--format=%H%x1f%aI%x1f%an%x1f%s", "--", HostFileName.For(hostName)], cancellationToken).ConfigureAwait(false);
        var revisions = new List<ConfigRevision>();
        foreach (string line in log.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] f = line.Split('\u001f');
            if (f.Length == 4)
                revisions.Add(new ConfigRevision(f[0], DateTimeOffset.Parse(f[1], CultureInfo.InvariantCulture), f[2], f[3]));
        }
        return revisions;
    }

    /// <summary>
    /// Resolves <paramref name="revision"/> for a host: a commit id, tag or ref (<c>HEAD~2</c>), or a
    /// date (<c>2026-12-01</c>, <c>2026-12-01T12:00</c>): the last version stored at or before it.
    /// </summary>
    public async Task<string> ResolveAsync(string hostName, string revision, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(revision);
        if (!await HasCommitsAsync(cancellationToken).ConfigureAwait(false))
            throw new ConfigRepositoryException($"the repository at {Path} has no backups yet");
        if (DateTimeOffset.TryParse(revision, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out DateTimeOffset date) && revision.Contains('-'))
        {
            // A date alone means the end of that day.
            if (date.TimeOfDay == TimeSpan.Zero && !revision.Contains('T') && !revision.Contains(' '))
                date = date.AddDays(1).AddTicks(-1);
            string found = (await _git.RunAsync(["rev-list", "-1", $"--before={date.ToUnixTimeSeconds()}", "HEAD", "--", HostFileName.For(hostName)], cancellationToken).ConfigureAwait(false)).Trim();
            return found.Length > 0 ? found : throw new ConfigRepositoryException($"no version of {hostName} was stored at or before {revision}; see 'vty history {hostName}'");
        }
        (int exit, string stdout, _) = await _git.RunRawAsync(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], cancellationToken).ConfigureAwait(false);
        return exit == 0 ? stdout.Trim() : throw new ConfigRepositoryException($"'{revision}' is neither a commit of {Path} nor a date (YYYY-MM-DD); see 'vty history {hostName}'");
    }

    /// <summary><paramref name="hostName"/>'s configuration as stored in <paramref name="commit"/>.</summary>
    public async Task<string> ShowAsync(string hostName, string commit, CancellationToken cancellationToken = default)
    {
        string file = HostFileName.For(hostName);
        (int exit, string stdout, _) = await _git.RunRawAsync(["show", $"{commit}:{file}"], cancellationToken).ConfigureAwait(false);
        return exit == 0 ? stdout : throw new ConfigRepositoryException($"{hostName} has no stored configuration in {ShortId(commit)}; see 'vty history {hostName}'");
    }

    /// <summary>
    /// Unified diff of <paramref name="hostName"/>'s configuration from <paramref name="from"/> to
    /// <paramref name="to"/>; by default the newest version against the one before it (or against
    /// nothing for a host's first version). <paramref name="color"/> asks git for ANSI colours.
    /// </summary>
    public async Task<string> DiffAsync(string hostName, string? from = null, string? to = null, bool color = false, CancellationToken cancellationToken = default)
    {
        string file = HostFileName.For(hostName);
        string toCommit, fromCommit;
        if (to is null || from is null)
        {
            IReadOnlyList<ConfigRevision> history = await HistoryAsync(hostName, cancellationToken).ConfigureAwait(false);
            if (history.Count == 0)
                throw new ConfigRepositoryException($"no stored configuration for {hostName} in {Path}; check the name with 'vty history' or run 'vty backup'");
            toCommit = to is null ? history[0].Commit : await ResolveAsync(hostName, to, cancellationToken).ConfigureAwait(false);
            if (from is null)
            {
                int index = history.ToList().FindIndex(r => r.Commit == toCommit);
                fromCommit = index >= 0 && index + 1 < history.Count ? history[index + 1].Commit : EmptyTree;
            }
            else
            {
                fromCommit = await ResolveAsync(hostName, from, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            fromCommit = await ResolveAsync(hostName, from, cancellationToken).ConfigureAwait(false);
            toCommit = await ResolveAsync(hostName, to, cancellationToken).ConfigureAwait(false);
        }
        return await _git.RunAsync(["diff", color ? "--color=always" : "--no-color", fromCommit, toCommit, "--", file], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What <paramref name="commit"/> changed in <paramref name="hostName"/>'s file (unified diff).</summary>
    public Task<string> CommitDiffAsync(string hostName, string commit, CancellationToken cancellationToken = default) =>
        _git.RunAsync(["show", "--no-color", "--format=", commit, "--", HostFileName.For(hostName)], cancellationToken);

    /// <summary>Runs <c>git fsck</c>; throws when the repository is damaged.</summary>
    public Task<string> CheckAsync(CancellationToken cancellationToken = default) => _git.RunAsync(["fsck", "--no-progress"], cancellationToken);

    private async Task<bool> HasCommitsAsync(CancellationToken cancellationToken)
    {
        (int exit, _, _) = await _git.RunRawAsync(["rev-parse", "--verify", "--quiet", "HEAD"], cancellationToken).ConfigureAwait(false);
        return exit == 0;
    }

    private static string ShortId(string commit) => commit.Length > 12 ? commit[..12] : commit;

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
