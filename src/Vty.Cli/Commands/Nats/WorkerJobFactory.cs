using System.CommandLine;
using Vty.Fleet;
using Vty.Nats.Contracts;
using Vty.Nats.Errors;

namespace Vty.Cli.Commands.Nats;

/// <summary>
/// Builds the host job of a distributed run on a worker: parses the spec's command line with the
/// same command tree as the submitter and captures the job the command builds. Secrets are then
/// resolved per host from this worker's environment, as in a local run.
/// </summary>
internal static class WorkerJobFactory
{
    public static async Task<HostJob> CreateAsync(JobSpec spec, CancellationToken cancellationToken)
    {
        if (spec.Command is not ("run" or "config" or "task" or "backup"))
            throw new NatsRunException($"this worker runs 'run', 'config', 'task' and 'backup' jobs, not '{spec.Command}'");
        string? taskPath = null;
        try
        {
            List<string> args = [spec.Command];
            if (spec.TaskFile is not null)
            {
                taskPath = Path.Combine(Path.GetTempPath(), $"vty-task-{Guid.NewGuid():N}.yaml");
                await File.WriteAllTextAsync(taskPath, spec.TaskFile, cancellationToken).ConfigureAwait(false);
                args.Add($"--tasks={taskPath}");
            }
            args.AddRange(spec.Arguments);
            ParseResult parse = Program.BuildRootCommand().Parse(args);
            if (parse.Errors.Count > 0)
                throw new NatsRunException($"the run's command line does not parse on this worker ({string.Join("; ", parse.Errors.Select(e => e.Message))}); is its vty older than the submitter's?");

            var capture = new WorkerJobCapture();
            var errors = new StringWriter();
            WorkerJobCapture.Current = capture;
            try
            {
                await parse.InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = errors, ProcessTerminationTimeout = null }, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                WorkerJobCapture.Current = null;
            }
            return capture.Job ?? throw new NatsRunException(errors.ToString().Trim() is { Length: > 0 } message ? message.Replace("\n", "; ", StringComparison.Ordinal) : "the command line built no job");
        }
        finally
        {
            if (taskPath is not null)
                File.Delete(taskPath);
        }
    }
}
