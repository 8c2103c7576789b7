using Vty.Devices;
using Vty.Fleet;
using Vty.Inventory;

namespace Vty.History;

/// <summary>
/// One backup run: <see cref="Job"/> fetches and stores each host's configuration as the host
/// finishes (atomically, so a host that fails keeps its previous file), and <see cref="FinishAsync"/>
/// commits once, updates the status file and runs the change hooks. Use <see cref="RunAsync"/> to do
/// both around a <see cref="FleetRunner"/>.
/// </summary>
public sealed class BackupRun
{
    private readonly BackupOptions _options;

    /// <summary>Prepares a run storing into <paramref name="repository"/>.</summary>
    public BackupRun(ConfigRepository repository, BackupOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        Repository = repository;
        _options = options ?? new BackupOptions();
        Job = FetchAndStoreAsync;
    }

    /// <summary>The repository configurations go to.</summary>
    public ConfigRepository Repository { get; }

    /// <summary>The per-host job: connect, fetch with the driver's recipe, clean, store.</summary>
    public HostJob Job { get; }

    /// <summary>Runs the job on <paramref name="hosts"/> and finishes the run (commit, status, hooks).</summary>
    public static async Task<BackupOutcome> RunAsync(ConfigRepository repository, IReadOnlyList<InventoryHost> hosts, FleetRunOptions runOptions, BackupOptions? options = null, CancellationToken cancellationToken = default)
    {
        var run = new BackupRun(repository, options);
        FleetReport report = await new FleetRunner(runOptions).RunAsync(hosts, run.Job, cancellationToken).ConfigureAwait(false);
        return await run.FinishAsync(report, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Commits what the run stored (one commit, only when something changed, listing the changed
    /// hosts), records every host's status, then runs the change hook per changed host. Safe to call
    /// after an interrupted run: the hosts that finished are committed, the others keep their files.
    /// </summary>
    public async Task<BackupOutcome> FinishAsync(FleetReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var hostsByFile = report.Results.GroupBy(r => HostFileName.For(r.Host.Name)).ToDictionary(g => g.Key, g => g.First().Host.Name, StringComparer.Ordinal);
        var committed = await Repository.CommitAsync(files => Message(files, hostsByFile), _options.AuthorName, _options.AuthorEmail, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> changed = committed is { } c
            ? c.Files.Select(f => hostsByFile.TryGetValue(f, out string? h) ? h : f).ToList()
            : [];

        string statusPath = _options.StatusPath ?? Path.Combine(Repository.Path, ConfigRepository.StatusFileName);
        BackupStatusFile status = BackupStatusFile.Load(statusPath);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var changedSet = changed.ToHashSet(StringComparer.Ordinal);
        foreach (HostResult result in report.Results)
        {
            BackupHostStatus previous = status.Hosts.GetValueOrDefault(result.Host.Name) ?? new BackupHostStatus();
            status.Hosts[result.Host.Name] = result.Ok
                ? previous with
                {
                    LastSuccess = now,
                    LastChange = changedSet.Contains(result.Host.Name) ? now : previous.LastChange,
                    LastCommit = changedSet.Contains(result.Host.Name) ? committed!.Value.Commit : previous.LastCommit,
                }
                : previous with { LastFailure = now, LastError = result.Error };
        }
        status.LastRun = now;
        if (committed is { } done)
            status.LastCommit = done.Commit;
        await status.SaveAsync(statusPath, cancellationToken).ConfigureAwait(false);

        var hookFailures = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_options.OnChange is { Length: > 0 } hook && committed is { } commit)
        {
            foreach (string host in changed)
            {
                if (await ChangeHook.RunAsync(hook, Repository, host, commit.Commit, cancellationToken).ConfigureAwait(false) is { } failure)
                    hookFailures[host] = failure;
            }
        }
        return new BackupOutcome { Report = report, Commit = committed?.Commit, ChangedHosts = changed, HookFailures = hookFailures };
    }

    /// <summary>
    /// The fetching half of a backup, for a machine that does not hold the repository (a distributed
    /// run's worker): connects, fetches and cleans like <see cref="Job"/> (secrets replaced unless
    /// <see cref="BackupOptions.KeepSecrets"/>), stores nothing, and records the cleaned configuration
    /// as the host's one output. <see cref="StoreFetchedAsync"/> stores such a result where the repository is.
    /// </summary>
    public static HostJob FetchJob(BackupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return async (context, cancellationToken) =>
        {
            await using DeviceSession device = await FleetJobs.OpenAsync(context, options.Job, cancellationToken).ConfigureAwait(false);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            string text = await ConfigFetcher.FetchAsync(device, options.KeepSecrets, options.CommandTimeout, cancellationToken).ConfigureAwait(false);
            context.AddResult(string.Join("; ", device.Driver.Backup!.Commands), text, clock.Elapsed);
        };
    }

    /// <summary>
    /// Stores the configuration a <see cref="FetchJob"/> result carries, as <see cref="Job"/> stores what
    /// it fetched, and returns the result a local run reports: the output says what was stored, never
    /// the configuration. A failed result is returned as it is (the host keeps its previous file).
    /// </summary>
    public async Task<HostResult> StoreFetchedAsync(HostResult fetched, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        if (!fetched.Ok)
            return fetched;
        if (fetched.Results is not [CommandOutput configuration])
        {
            return fetched with
            {
                Failure = FailureKind.Error,
                Error = $"the result holds {fetched.Results.Count} outputs instead of one configuration; the stored copy is kept (is the worker's vty a different version?)",
                Results = [],
            };
        }
        try
        {
            string summary = await StoreAsync(fetched.Host.Name, configuration.Output, cancellationToken).ConfigureAwait(false);
            return fetched with { Results = [configuration with { Output = summary }] };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // As in a local backup, a file that cannot be written fails its host, not the run.
            return fetched with { Failure = FailureKind.Error, Error = $"fetched, but cannot store it in {Repository.Path}: {e.Message}", Results = [] };
        }
    }

    private async Task FetchAndStoreAsync(HostJobContext context, CancellationToken cancellationToken)
    {
        await using DeviceSession device = await FleetJobs.OpenAsync(context, _options.Job, cancellationToken).ConfigureAwait(false);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string text = await ConfigFetcher.FetchAsync(device, _options.KeepSecrets, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        // A late attempt the runner stopped waiting for must not overwrite a newer one's file.
        cancellationToken.ThrowIfCancellationRequested();
        string summary = await StoreAsync(context.Host.Name, text, cancellationToken).ConfigureAwait(false);
        context.AddResult(string.Join("; ", device.Driver.Backup!.Commands), summary, clock.Elapsed);
    }

    /// <summary>Writes a host's file; returns what the result says about it (never the configuration: results may be shared, configurations hold secrets).</summary>
    private async Task<string> StoreAsync(string hostName, string text, CancellationToken cancellationToken)
    {
        string? before = await Repository.ReadAsync(hostName, cancellationToken).ConfigureAwait(false);
        await Repository.WriteAsync(hostName, text, cancellationToken).ConfigureAwait(false);
        int lines = text.Count(ch => ch == '\n');
        return before is null ? $"stored {lines} lines (first backup)" : before == text ? $"unchanged ({lines} lines)" : $"changed ({lines} lines)";
    }

    private string Message(IReadOnlyList<string> files, IReadOnlyDictionary<string, string> hostsByFile)
    {
        var hosts = files.Select(f => hostsByFile.TryGetValue(f, out string? h) ? h : f).ToList();
        string first = $"{_options.Message}: {hosts.Count} host{(hosts.Count == 1 ? "" : "s")} changed";
        return first + "\n\n" + string.Join("\n", hosts.Select(h => "- " + h)) + "\n";
    }
}
