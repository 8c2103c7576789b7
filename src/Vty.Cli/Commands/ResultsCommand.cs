using System.CommandLine;
using Vty.Cli.Commands.Nats;
using Vty.Cli.Output;
using Vty.Fleet;
using Vty.History;
using Vty.Inventory;
using Vty.Nats.Collecting;
using Vty.Nats.Connection;
using Vty.Nats.Contracts;
using Vty.Nats.Submitting;

namespace Vty.Cli.Commands;

/// <summary>
/// <c>vty results --nats URL RUN_ID</c>: collects a distributed run's results again (the submitter
/// may have stopped or died), waiting for the hosts still running, and reports them as the run would have.
/// A backup run's configurations are stored and committed in <c>--repo</c>, as <c>vty backup</c> does.
/// </summary>
internal static class ResultsCommand
{
    public static Command Create()
    {
        var connection = new NatsConnectionCommandLineOptions(urlRequired: true);
        var runId = new Argument<string>("run-id") { Description = "The run's id, as `vty run … --nats` printed it." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per host per line instead of text and the table." };
        var output = new Option<string?>("--output", "-O") { Description = "Folder for results.jsonl and per-host transcripts (transcripts only if the run was submitted with --output)." };
        var zoneTimeout = new Option<double>("--zone-timeout") { Description = "Seconds a zone may go without any live worker while its hosts wait, before they are reported failed.", DefaultValueFactory = _ => 30 };
        var debug = new Option<bool>("--debug") { Description = "Show stack traces for errors." };
        Option<string?> repo = History.RepoOption.Create("For a backup run: the git repository its configurations are stored and committed in");
        var command = new Command("results", "Collect the results of a distributed run (vty run|config|task --nats) again.");
        command.Arguments.Add(runId);
        connection.AddTo(command);
        foreach (Option option in new Option[] { json, output, zoneTimeout, repo, debug })
            command.Options.Add(option);
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            try
            {
                NatsConnectionSettings settings = connection.Settings(parse, "vty results");
                CollectOptions collect = NatsRunExecutor.CollectOptionsFor(parse.GetValue(zoneTimeout), stderr);
                await using NatsSession session = await NatsSession.ConnectAsync(settings, cancellationToken).ConfigureAwait(false);
                RunManifest manifest = await RunSubmitter.LoadManifestAsync(session, parse.GetValue(runId)!, cancellationToken).ConfigureAwait(false);
                IReadOnlyList<InventoryHost> hosts = ResultCollector.HostsOf(manifest);
                BackupRun? backup = null;
                if (manifest.Spec.Command == "backup")
                {
                    // The results carry configurations: store and commit them as the submitter would have.
                    ConfigRepository repository = await ConfigRepository.OpenAsync(History.RepoOption.Require(parse, repo), create: true, cancellationToken).ConfigureAwait(false);
                    backup = new BackupRun(repository);
                    collect = collect with { Accept = (fetched, ct) => new ValueTask<HostResult>(backup.StoreFetchedAsync(fetched, ct)) };
                }
                var report = new RunFleetExecutor.FleetReportSettings(parse.GetValue(json), parse.GetValue(debug), parse.GetValue(output), PrintOutputs: backup is null, manifest.Label);
                return await NatsRunExecutor.CollectAsync(stdout, stderr, session, manifest, hosts, report, collect,
                    afterRun: backup is null ? null : r => History.BackupCommand.FinishAsync(stderr, backup, r), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await stderr.WriteLineAsync("vty: interrupted").ConfigureAwait(false);
                return RunFleetExecutor.InterruptedExitCode;
            }
            catch (Exception e)
            {
                return CliError.Report(stderr, e, parse.GetValue(debug));
            }
            finally
            {
                await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        });
        return command;
    }
}
