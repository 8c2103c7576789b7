using System.CommandLine;
using Vty.Fleet;
using Vty.Inventory;
using Vty.Nats.Collecting;
using Vty.Nats.Connection;
using Vty.Nats.Contracts;
using Vty.Nats.Submitting;
using Vty.Nats.Topology;

namespace Vty.Cli.Commands.Nats;

/// <summary>
/// <c>vty run|config|task … --nats URL</c>: submits the hosts as one run's jobs, then collects the
/// results and reports them exactly as a local run does (progress, outputs, table, JSON lines,
/// transcripts, exit code). <c>vty results</c> uses the collecting half for a run submitted earlier.
/// </summary>
internal static class NatsRunExecutor
{
    public static async Task<int> ExecuteAsync(
        ParseResult parse, RunFleetOptions options, string label, IReadOnlyList<InventoryHost> hosts,
        CancellationToken cancellationToken, bool printOutputs, Func<FleetReport, Task>? afterRun,
        Func<HostResult, CancellationToken, ValueTask<HostResult>>? accept = null)
    {
        TextWriter stderr = parse.InvocationConfiguration.Error;
        NatsSubmitCommandLineOptions nats = options.Nats;
        JobSpec spec = JobSpecBuilder.Build(parse, options);
        string runId = parse.GetValue(nats.RunId) ?? NatsNames.NewRunId();
        RunManifest manifest = RunSubmitter.CreateManifest(runId, label, spec, hosts);
        var submit = new SubmitOptions
        {
            MaxDeliveries = parse.GetValue(nats.MaxDeliveries),
            ResultsTtl = NatsSubmitCommandLineOptions.ParseDuration(parse.GetValue(nats.ResultsTtl), "--results-ttl"),
        };
        CollectOptions collect = CollectOptionsFor(parse.GetValue(nats.ZoneTimeout), stderr) with { Accept = accept };
        NatsConnectionSettings settings = nats.Connection.Settings(parse, $"vty {label} {runId}");

        await using NatsSession session = await NatsSession.ConnectAsync(settings, cancellationToken).ConfigureAwait(false);
        await RunSubmitter.SubmitAsync(session, manifest, hosts, submit, cancellationToken).ConfigureAwait(false);
        await stderr.WriteLineAsync($"vty: run {runId}: {hosts.Count} host(s) submitted to {settings.Url}; `{ResultsCommandLine(settings.Url, manifest)}` collects them again").ConfigureAwait(false);
        var report = new RunFleetExecutor.FleetReportSettings(parse.GetValue(options.Json), parse.GetValue(options.Debug), parse.GetValue(options.OutputDir), printOutputs, label);
        return await CollectAsync(parse.InvocationConfiguration.Output, stderr, session, manifest, hosts, report, collect, afterRun, cancellationToken).ConfigureAwait(false);
    }

    public static CollectOptions CollectOptionsFor(double zoneTimeoutSeconds, TextWriter stderr) => new()
    {
        ZoneTimeout = NatsSubmitCommandLineOptions.ParseSeconds(zoneTimeoutSeconds, "--zone-timeout"),
        Log = line =>
        {
            lock (stderr) stderr.WriteLine($"vty: {line}");
        },
    };

    /// <summary>Collects a run's results into the usual report.</summary>
    public static async Task<int> CollectAsync(
        TextWriter stdout, TextWriter stderr, NatsSession session, RunManifest manifest, IReadOnlyList<InventoryHost> hosts,
        RunFleetExecutor.FleetReportSettings report, CollectOptions collect, Func<FleetReport, Task>? afterRun, CancellationToken cancellationToken)
    {
        var collector = new ResultCollector(session, manifest, hosts, collect);
        int exit = await RunFleetExecutor.ReportAsync(stdout, stderr, report, hosts, new FleetRunOptions(), runOptions => collector.CollectAsync(async (result, transcript) =>
        {
            foreach (IFleetObserver observer in runOptions.Observers)
                observer.HostStarted(result.Host);
            if (transcript is not null && runOptions.OpenTranscript is { } open)
            {
                await using TextWriter writer = open(result.Host.Name);
                await writer.WriteAsync(transcript).ConfigureAwait(false);
            }
            foreach (IFleetObserver observer in runOptions.Observers)
                await observer.HostFinishedAsync(result, CancellationToken.None).ConfigureAwait(false);
        }, cancellationToken), afterRun).ConfigureAwait(false);
        if (exit == RunFleetExecutor.InterruptedExitCode)
            await stderr.WriteLineAsync($"vty: stopped collecting; run {manifest.RunId} goes on on the workers: `{ResultsCommandLine(session.Url, manifest)}` collects it").ConfigureAwait(false);
        return exit;
    }

    /// <summary>The <c>vty results</c> command that collects a run again (a backup's needs the repository).</summary>
    private static string ResultsCommandLine(string url, RunManifest manifest) =>
        $"vty results --nats {url} {manifest.RunId}{(manifest.Spec.Command == "backup" ? " --repo DIR" : "")}";
}
