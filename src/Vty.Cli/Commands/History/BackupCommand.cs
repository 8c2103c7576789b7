using System.CommandLine;
using Vty.Cli.Output;
using Vty.Fleet;
using Vty.History;

namespace Vty.Cli.Commands.History;

/// <summary>
/// <c>vty backup</c>: fetches every selected host's configuration with its driver's backup recipe
/// and keeps history in a git repository (one commit per run, only when something changed).
/// </summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var options = new RunFleetOptions();
        Option<string?> repo = RepoOption.Create("Git repository for the configurations; created when missing");
        var keepSecrets = new Option<bool>("--keep-secrets") { Description = "Store passwords, keys and communities as the device printed them (default: replaced by <removed>)." };
        var author = new Option<string?>("--author") { Description = "Commit author as 'Name <email>' (default: vty <vty@localhost>)." };
        var message = new Option<string?>("--message", "-m") { Description = "First line of the commit message (default: 'vty backup'); the changed hosts are listed below it." };
        var onChange = new Option<string?>("--on-change") { Description = "Shell command run per changed host, with VTY_HOST, VTY_COMMIT, VTY_REPO, VTY_FILE and VTY_DIFF (a diff file) set." };
        var every = new Option<string?>("--every") { Description = "Keep running: back up again after this interval (e.g. 1h, 30m; ±10 % jitter) until SIGINT/SIGTERM." };
        var status = new Option<string?>("--status") { Description = "Status file (JSON: last success and failure per host); default: .vty-status.json in the repository, never committed." };
        var command = new Command("backup", "Back up device configurations into a git repository, with history and noise and secrets filtered.");
        options.AddTo(command);
        foreach (Option o in new Option[] { repo, keepSecrets, author, message, onChange, every, status })
            command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            TextWriter stderr = parse.InvocationConfiguration.Error;
            try
            {
                string repoPath = RepoOption.Require(parse, repo);
                TimeSpan? interval = parse.GetValue(every) is { } e ? DurationValue.Parse(e, "--every") : null;
                (string name, string email) = ParseAuthor(parse.GetValue(author));
                options.SelectHosts(parse); // a usage error stops here, not once per interval
                ConfigRepository repository = await ConfigRepository.OpenAsync(repoPath, create: true, ct);
                int exit;
                while (true)
                {
                    exit = await RunOnceAsync(parse, options, repository, new BackupOptions
                    {
                        KeepSecrets = parse.GetValue(keepSecrets),
                        AuthorName = name,
                        AuthorEmail = email,
                        Message = parse.GetValue(message) ?? "vty backup",
                        OnChange = parse.GetValue(onChange),
                        StatusPath = parse.GetValue(status),
                    }, ct);
                    if (interval is not { } wait || ct.IsCancellationRequested || exit == RunFleetExecutor.InterruptedExitCode)
                        break;
                    TimeSpan jittered = wait * (0.9 + Random.Shared.NextDouble() * 0.2);
                    stderr.WriteLine($"vty: next backup at {DateTimeOffset.Now + jittered:yyyy-MM-dd HH:mm:ss}");
                    try
                    {
                        await Task.Delay(jittered, ct);
                    }
                    catch (OperationCanceledException)
                    {
                        return RunFleetExecutor.InterruptedExitCode;
                    }
                }
                return exit;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return CliError.Report(stderr, e, parse.GetValue(options.Debug));
            }
        });
        return command;
    }

    private static Task<int> RunOnceAsync(ParseResult parse, RunFleetOptions options, ConfigRepository repository, BackupOptions backup, CancellationToken ct)
    {
        BackupRun? run = null;
        TextWriter stderr = parse.InvocationConfiguration.Error;
        return RunFleetExecutor.ExecuteAsync(parse, options, "backup", async hosts =>
        {
            backup.Job = await RunJobOptions.CreateAsync(parse, options, hosts);
            run = new BackupRun(repository, backup);
            return run.Job;
        }, ct, printOutputs: false, afterRun: async report =>
        {
            // Even after SIGINT/SIGTERM: the hosts that finished are stored whole, so commit them.
            BackupOutcome outcome = await run!.FinishAsync(report, CancellationToken.None);
            stderr.WriteLine(outcome.Commit is { } commit
                ? $"backup: {outcome.ChangedHosts.Count} changed ({string.Join(", ", outcome.ChangedHosts.Take(10))}{(outcome.ChangedHosts.Count > 10 ? ", …" : "")}); commit {commit[..12]} in {repository.Path}"
                : $"backup: no configuration changed; nothing committed in {repository.Path}");
            foreach ((string host, string failure) in outcome.HookFailures)
                stderr.WriteLine($"vty: --on-change failed for {host}: {failure}");
        });
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
