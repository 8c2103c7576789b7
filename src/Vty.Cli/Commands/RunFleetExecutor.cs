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
    /// <paramref name="afterRun"/> runs once the report is in, even after an interrupt (e.g. the backup's commit).
    /// </summary>
    public static async Task<int> ExecuteAsync(
        ParseResult parse, RunFleetOptions options, string label,
        Func<IReadOnlyList<InventoryHost>, Task<HostJob>> createJob, CancellationToken cancellationToken, bool printOutputs = true,
        Func<FleetReport, Task>? afterRun = null)
    {
        TextWriter stdout = parse.InvocationConfiguration.Output;
        TextWriter stderr = parse.InvocationConfiguration.Error;
        bool debug = parse.GetValue(options.Debug);
        try
        {
            IReadOnlyList<InventoryHost> hosts = options.SelectHosts(parse);
            HostJob job = await createJob(hosts).ConfigureAwait(false);
            return await RunAsync(parse, options, label, hosts, job, cancellationToken, printOutputs, afterRun).ConfigureAwait(false);
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

    private static async Task<int> RunAsync(
        ParseResult parse, RunFleetOptions options, string label, IReadOnlyList<InventoryHost> hosts, HostJob job,
        CancellationToken cancellationToken, bool printOutputs, Func<FleetReport, Task>? afterRun)
    {
        TextWriter stdout = parse.InvocationConfiguration.Output;
        bool json = parse.GetValue(options.Json);
        bool debug = parse.GetValue(options.Debug);
        string? outputDir = parse.GetValue(options.OutputDir);
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

        FleetOutputFolder? folder = outputDir is null ? null : new FleetOutputFolder(outputDir);
        await using (folder)
        {
            if (folder is not null)
            {
                runOptions.Observers.Add(folder);
                runOptions.OpenTranscript = folder.OpenTranscript;
            }
            if (json)
                runOptions.Observers.Add(new JsonLinesResultWriter(stdout));

            // stdout carries results only unless it is a terminal: the table, the progress and
            // notes go to stderr then, so `vty run … | grep` or `> file` gets nothing else.
            TextWriter stderr = parse.InvocationConfiguration.Error;
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
                return new FleetRunner(runOptions).RunAsync(hosts, job, cancellationToken);
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
