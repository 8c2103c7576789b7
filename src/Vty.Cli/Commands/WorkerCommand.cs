using System.CommandLine;
using System.Runtime.InteropServices;
using Vty.Cli.Commands.Nats;
using Vty.Cli.Output;
using Vty.Nats.Connection;
using Vty.Nats.Topology;
using Vty.Nats.Working;

namespace Vty.Cli.Commands;

/// <summary>
/// <c>vty worker --nats URL</c>: takes host jobs of distributed runs from NATS JetStream and runs them
/// like a local run would, until SIGINT or SIGTERM; then it takes no new job and lets the ones in
/// flight finish (or, after the drain time, releases those that had not reached their device).
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var connection = new NatsConnectionCommandLineOptions(urlRequired: true);
        var name = new Option<string?>("--name") { Description = "Worker name in results and logs (default: machine name and process id)." };
        var zones = new Option<string[]>("--zone") { Description = "Zone whose hosts this worker runs (repeatable; default: the default zone). Hosts name theirs with zone: in the inventory.", Arity = ArgumentArity.OneOrMore };
        var parallel = new Option<int>("--parallel", "-p") { Description = "Hosts worked on at once.", DefaultValueFactory = _ => 20 };
        var ackWait = new Option<double>("--ack-wait") { Description = "Seconds before a job of a worker that stopped answering goes to another worker.", DefaultValueFactory = _ => 30 };
        var drain = new Option<double>("--drain-timeout") { Description = "On SIGTERM, seconds the hosts in flight may take to finish before they are cancelled.", DefaultValueFactory = _ => 60 };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing per host." };
        var debug = new Option<bool>("--debug") { Description = "Show stack traces for errors." };
        var command = new Command("worker", "Run host jobs of distributed runs (vty run|config|task --nats) from NATS JetStream.");
        connection.AddTo(command);
        foreach (Option option in new Option[] { name, zones, parallel, ackWait, drain, quiet, debug })
            command.Options.Add(option);
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter stderr = parse.InvocationConfiguration.Error;
            try
            {
                string workerName = parse.GetValue(name) ?? new WorkerOptions().Name;
                bool silent = parse.GetValue(quiet);
                if (parse.GetValue(parallel) < 1)
                    throw new UsageException($"--parallel must be at least 1, not {parse.GetValue(parallel)}");
                var options = new WorkerOptions
                {
                    Name = NatsNames.CheckToken(workerName, "worker name"),
                    Zones = parse.GetValue(zones) is { Length: > 0 } z ? z : [NatsNames.DefaultZone],
                    Parallel = parse.GetValue(parallel),
                    AckWait = NatsSubmitCommandLineOptions.ParseSeconds(parse.GetValue(ackWait), "--ack-wait"),
                    DrainTimeout = NatsSubmitCommandLineOptions.ParseSeconds(parse.GetValue(drain), "--drain-timeout"),
                    Log = line => WriteLine(stderr, line),
                    HostLog = silent ? null : line => WriteLine(stderr, line),
                };
                return await RunAsync(connection.Settings(parse, $"vty worker {options.Name}"), options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return CliError.Report(stderr, e, parse.GetValue(debug));
            }
        });
        return command;
    }

    private static void WriteLine(TextWriter writer, string line)
    {
        lock (writer)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private static async Task<int> RunAsync(NatsConnectionSettings settings, WorkerOptions options, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // SIGINT and SIGTERM start the drain instead of ending the process (Program turns the
        // command line library's own two-second termination off for this command).
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await using NatsSession session = await NatsSession.ConnectAsync(settings, stop.Token).ConfigureAwait(false);
        var worker = new NatsWorker(session, options, WorkerJobFactory.CreateAsync);
        await worker.RunAsync(stop.Token).ConfigureAwait(false);
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            try { stop.Cancel(); }
            catch (ObjectDisposedException) { }
        }
    }
}
