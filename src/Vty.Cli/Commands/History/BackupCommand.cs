using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Vty.Cli.Output;
using Vty.Cli.Platform;
using Vty.Fleet;
using Vty.History;

namespace Vty.Cli.Commands.History;

/// <summary>
/// <c>vty backup</c>: fetches every selected host's configuration with its driver's backup recipe
/// and keeps history in a git repository (one commit per run, only when something changed). With
/// <c>--nats</c>, workers fetch (and redact) the configurations and this process stores and commits
/// them exactly as a local backup does.
/// </summary>
internal static class BackupCommand
{
    private const string EveryOption = "--every";

    public static Command Create()
    {
        var options = new RunFleetOptions();
        Option<string?> repo = RepoOption.Create("Git repository for the configurations; created when missing");
        var keepSecrets = new Option<bool>("--keep-secrets") { Description = "Store passwords, keys and communities as the device printed them (default: replaced by <removed>)." };
        var author = new Option<string?>("--author") { Description = "Commit author as 'Name <email>' (default: vty <vty@localhost>)." };
        var message = new Option<string?>("--message", "-m") { Description = "First line of the commit message (default: 'vty backup'); the changed hosts are listed below it." };
        var onChange = new Option<string?>("--on-change") { Description = "Shell command run per changed host, with VTY_HOST, VTY_COMMIT, VTY_REPO, VTY_FILE and VTY_DIFF (a diff file) set." };
        var every = new Option<string?>(EveryOption) { Description = "Keep running: back up again after this interval (e.g. 1h, 30m; ±10 % jitter) until SIGINT/SIGTERM, which lets the backup in flight finish." };
        var drain = new Option<double>("--drain-timeout") { Description = "With --every: seconds the backup in flight may take after SIGINT/SIGTERM before it is cancelled (a second signal cancels it at once).", DefaultValueFactory = _ => 60 };
        var status = new Option<string?>("--status") { Description = "Status file (JSON: last success and failure per host); default: .vty-status.json in the repository, never committed." };
        var command = new Command("backup", "Back up device configurations into a git repository, with history and noise and secrets filtered.");
        options.AddTo(command);
        options.SubmitterOnly.AddRange([repo, author, message, onChange, every, drain, status]);
        foreach (Option o in new Option[] { repo, keepSecrets, author, message, onChange, every, drain, status })
            command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            // A distributed backup's worker: fetch only; the submitter holds the repository.
            if (Nats.WorkerJobCapture.Current is not null)
                return await FetchOnWorkerAsync(parse, options, parse.GetValue(keepSecrets), ct);
            TextWriter stderr = parse.InvocationConfiguration.Error;
            try
            {
                string repoPath = RepoOption.Require(parse, repo);
                TimeSpan? interval = parse.GetValue(every) is { } e ? DurationValue.Parse(e, EveryOption) : null;
                TimeSpan drainTime = DrainTime(parse.GetValue(drain));
                (string name, string email) = ParseAuthor(parse.GetValue(author));
                CheckDistributed(parse, options, parse.GetValue(keepSecrets), interval is not null);
                options.SelectHosts(parse); // a usage error stops here, not once per interval
                ConfigRepository repository = await ConfigRepository.OpenAsync(repoPath, create: true, ct);
                var backup = new BackupOptions
                {
                    KeepSecrets = parse.GetValue(keepSecrets),
                    AuthorName = name,
                    AuthorEmail = email,
                    Message = parse.GetValue(message) ?? "vty backup",
                    OnChange = parse.GetValue(onChange),
                    StatusPath = parse.GetValue(status),
                };
                if (interval is not { } wait)
                    return await RunOnceAsync(parse, options, repository, backup, ct);

                // Program leaves SIGINT/SIGTERM to us here: the backup in flight finishes, then the loop ends.
                using var signals = new DrainSignals(drainTime, line => WriteLine(stderr, $"vty: {line}"), ct);
                while (true)
                {
                    int exit = await RunOnceAsync(parse, options, repository, backup, signals.Abort);
                    if (signals.Signalled || exit == RunFleetExecutor.InterruptedExitCode)
                        return RunFleetExecutor.InterruptedExitCode;
                    TimeSpan jittered = wait * (0.9 + Random.Shared.NextDouble() * 0.2);
                    WriteLine(stderr, $"vty: next backup at {DateTimeOffset.Now + jittered:yyyy-MM-dd HH:mm:ss}");
                    try
                    {
                        await Task.Delay(jittered, signals.Stopping);
                    }
                    catch (OperationCanceledException)
                    {
                        return RunFleetExecutor.InterruptedExitCode;
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return CliError.Report(stderr, e, parse.GetValue(options.Debug));
            }
        });
        return command;
    }

    /// <summary>True when the command line is a <c>backup --every</c>, which handles SIGINT and SIGTERM itself (it drains).</summary>
    public static bool DrainsOnSignal(ParseResult parse) =>
        parse.CommandResult.Command.Name == "backup"
        && parse.CommandResult.Children.OfType<OptionResult>().Any(o => o.Option.Name == EveryOption && !o.Implicit);

    /// <summary>Commits what a run (local or distributed) stored and says what it did.</summary>
    public static async Task FinishAsync(TextWriter stderr, BackupRun run, FleetReport report)
    {
        // Even after SIGINT/SIGTERM: the hosts that finished are stored whole, so commit them.
        BackupOutcome outcome = await run.FinishAsync(report, CancellationToken.None);
        string path = run.Repository.Path;
        WriteLine(stderr, outcome.Commit is { } commit
            ? $"backup: {outcome.ChangedHosts.Count} changed ({string.Join(", ", outcome.ChangedHosts.Take(10))}{(outcome.ChangedHosts.Count > 10 ? ", …" : "")}); commit {commit[..12]} in {path}"
            : $"backup: no configuration changed; nothing committed in {path}");
        foreach ((string host, string failure) in outcome.HookFailures)
            WriteLine(stderr, $"vty: --on-change failed for {host}: {failure}");
    }

    /// <summary>The job a worker runs for a distributed backup's host: fetch and redact, store nothing.</summary>
    private static Task<int> FetchOnWorkerAsync(ParseResult parse, RunFleetOptions options, bool keepSecrets, CancellationToken ct) =>
        RunFleetExecutor.ExecuteAsync(parse, options, "backup", async hosts => BackupRun.FetchJob(new BackupOptions
        {
            Job = await RunJobOptions.CreateAsync(parse, options, hosts),
            KeepSecrets = keepSecrets,
        }), ct);

    private static void CheckDistributed(ParseResult parse, RunFleetOptions options, bool keepSecrets, bool every)
    {
        if (parse.GetValue(options.Nats.Url) is null)
            return;
        if (keepSecrets)
            throw new UsageException("--keep-secrets with --nats would send the configurations' passwords, keys and communities through NATS",
                "back up with --keep-secrets locally (without --nats), or leave it out: secrets are then stored as <removed>");
        if (every && parse.GetValue(options.Nats.RunId) is not null)
            throw new UsageException("--run-id with --every: each backup of --every is a distributed run of its own and needs its own id",
                "leave --run-id out; each run prints the id `vty results` takes");
    }

    private static TimeSpan DrainTime(double seconds) =>
        seconds > 0 && seconds <= TimeSpan.MaxValue.TotalSeconds / 2
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"--drain-timeout must be a positive number of seconds, not {seconds.ToString(CultureInfo.InvariantCulture)}");

    private static Task<int> RunOnceAsync(ParseResult parse, RunFleetOptions options, ConfigRepository repository, BackupOptions backup, CancellationToken ct)
    {
        BackupRun? run = null;
        TextWriter stderr = parse.InvocationConfiguration.Error;
        return RunFleetExecutor.ExecuteAsync(parse, options, "backup", async hosts =>
        {
            backup.Job = await RunJobOptions.CreateAsync(parse, options, hosts);
            run = new BackupRun(repository, backup);
            return run.Job;
        }, ct, printOutputs: false,
            afterRun: report => FinishAsync(stderr, run!, report),
            acceptDistributed: (fetched, c) => new ValueTask<HostResult>(run!.StoreFetchedAsync(fetched, c)));
    }

    private static void WriteLine(TextWriter writer, string line)
    {
        lock (writer)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private static (string Name, string Email) ParseAuthor(string? author)
    {
        if (string.IsNullOrWhiteSpace(author))
            return ("vty", "vty@localhost");
        int open = author.IndexOf('<');
        int close = author.LastIndexOf('>');
        if (open <= 0 || close < open)
            throw new UsageException($"--author '{author}' is not 'Name <email>'", "write it like --author \"Net Backup <netops@example.com>\"");
        return (author[..open].Trim(), author[(open + 1)..close].Trim());
    }
}
