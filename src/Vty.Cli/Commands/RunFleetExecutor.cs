using System.CommandLine;
using Spectre.Console;
using Vty.Cli.Output;
using Vty.Fleet;
using Vty.Inventory;

namespace Vty.Cli.Commands;

/// <summary>
/// Runs a host job across the hosts a command line selects and reports: outputs per host, a
/// progress bar on a terminal, the summary table, or JSON lines with <c>--json</c>. Exit code:
/// the number of failed hosts (capped at 100), 130 when interrupted, 2 for bad input.
/// </summary>
internal static class RunFleetExecutor
{
    public const int InterruptedExitCode = 130;
    private const int MaxFailureExitCode = 100;

    /// <summary>
    /// Selects the hosts, builds the job with <paramref name="createJob"/> and runs it;
    /// <paramref name="label"/> names the progress bar; <paramref name="printOutputs"/> false prints the table only;
    /// <paramref name="afterRun"/> runs once the report is in, even after an interrupt (e.g. the backup's commit);
    /// <paramref name="acceptDistributed"/> turns each result of a distributed run into what is reported
    /// (a backup stores the configuration the worker fetched, as its local job does).
    /// </summary>
    public static async Task<int> ExecuteAsync(
        ParseResult parse, RunFleetOptions options, string label,
        Func<IReadOnlyList<InventoryHost>, Task<HostJob>> createJob, CancellationToken cancellationToken, bool printOutputs = true,
        Func<FleetReport, Task>? afterRun = null, Func<HostResult, CancellationToken, ValueTask<HostResult>>? acceptDistributed = null)
    {
        TextWriter stdout = parse.InvocationConfiguration.Output;
        TextWriter stderr = parse.InvocationConfiguration.Error;
        bool debug = parse.GetValue(options.Debug);
        try
        {
            // `vty worker` rebuilds a distributed run's job from its command line: build, do not run.
            if (Nats.WorkerJobCapture.Current is { } capture)
            {
                capture.Job = await createJob([]).ConfigureAwait(false);
                return 0;
            }
            IReadOnlyList<InventoryHost> hosts = options.SelectHosts(parse);
            HostJob job = await createJob(hosts).ConfigureAwait(false);
            if (parse.GetValue(options.Nats.Url) is not null)
                return await Nats.NatsRunExecutor.ExecuteAsync(parse, options, label, hosts, cancellationToken, printOutputs, afterRun, acceptDistributed).ConfigureAwait(false);
            return await RunAsync(parse, options, label, hosts, runOptions => new FleetRunner(runOptions).RunAsync(hosts, job, cancellationToken), printOutputs, afterRun).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return CliError.Report(stderr, e, debug);
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("vty: interrupted");
            return InterruptedExitCode;
        }
        finally
        {
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs (through <paramref name="execute"/>: the local fleet runner, or a distributed run's
    /// collector) and reports the way every fleet command does.
    /// </summary>
    internal static async Task<int> RunAsync(
        ParseResult parse, RunFleetOptions options, string label, IReadOnlyList<InventoryHost> hosts,
        Func<FleetRunOptions, Task<FleetReport>> execute, bool printOutputs, Func<FleetReport, Task>? afterRun)
    {
        var report = new FleetReportSettings(
            parse.GetValue(options.Json), parse.GetValue(options.Debug), parse.GetValue(options.OutputDir), printOutputs, label);
        int parallel = parse.GetValue(options.Parallel);
        double timeout = parse.GetValue(options.Timeout);
        if (parallel < 1)
            throw new UsageException($"--parallel must be at least 1, not {parallel}");
        if (timeout <= 0)
            throw new UsageException($"--timeout must be a positive number of seconds, not {timeout}");

        var runOptions = new FleetRunOptions
        {
            MaxParallel = parallel,
            HostTimeout = TimeSpan.FromSeconds(timeout),
            Retries = Math.Max(0, parse.GetValue(options.Retries)),
            LoggerFactory = Telemetry.CliTelemetry.LoggerFactoryOrNull,
        };
        return await ReportAsync(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, report, hosts, runOptions, execute, afterRun).ConfigureAwait(false);
    }

    /// <summary>Output settings of a fleet report: JSON lines or text, the output folder, whether outputs print.</summary>
    internal sealed record FleetReportSettings(bool Json, bool Debug, string? OutputDir, bool PrintOutputs, string Label);

    /// <summary>Runs <paramref name="execute"/> with the observers the settings ask for, then prints the summary; returns the exit code.</summary>
    internal static async Task<int> ReportAsync(
        TextWriter stdout, TextWriter stderr, FleetReportSettings settings, IReadOnlyList<InventoryHost> hosts, FleetRunOptions runOptions,
        Func<FleetRunOptions, Task<FleetReport>> execute, Func<FleetReport, Task>? afterRun)
    {
        (bool json, bool debug, string? outputDir, bool printOutputs, string label) = settings;
        FleetOutputFolder? folder = outputDir is null ? null : new FleetOutputFolder(outputDir);
        await using (folder)
        {
            if (folder is not null)
            {
                runOptions.Observers.Add(folder);
                runOptions.OpenTranscript = folder.OpenTranscript;
            }
            if (json)
                runOptions.Observers.Add(JsonLinesOutput.Create(stdout));

            // stdout carries results only unless it is a terminal: the table, the progress and
            // notes go to stderr then, so `vty run … | grep` or `> file` gets nothing else.
            bool terminal = CliConsole.IsTerminal(stdout);
            IAnsiConsole console = CliConsole.Create(stdout);
            IAnsiConsole diagnostics = terminal ? console : CliConsole.Create(stderr);
            bool streamOutputs = !json && printOutputs && !terminal;
            if (streamOutputs)
                runOptions.Observers.Add(new HostOutputPrinter(console, debug, terminal: false));

            // Live progress needs a terminal that nothing else writes to meanwhile.
            bool showProgress = hosts.Count > 1 && (terminal ? !json : CliConsole.IsTerminal(stderr));
            FleetReport report = await FleetProgressDisplay.RunAsync(diagnostics, showProgress, hosts.Count, label, observer =>
            {
                if (observer is not null)
                    runOptions.Observers.Add(observer);
                return execute(runOptions);
            }).ConfigureAwait(false);

            if (!json)
            {
                if (printOutputs && terminal)
                {
                    var printer = new HostOutputPrinter(console, debug, terminal: true);
                    foreach (HostResult result in report.Results)
                        await printer.HostFinishedAsync(result, CancellationToken.None).ConfigureAwait(false);
                }
                if (hosts.Count > 1 || !report.Results.All(r => r.Ok) || !printOutputs)
                    SummaryTable.Write(diagnostics, report);
            }
            if (folder is not null && !(json && terminal))
                diagnostics.MarkupLine($"results: {Markup.Escape(folder.ResultsPath)}");

            if (afterRun is not null)
                await afterRun(report).ConfigureAwait(false);
            if (report.Cancelled)
                return InterruptedExitCode;
            return Math.Min(report.Failed, MaxFailureExitCode);
        }
    }
}
