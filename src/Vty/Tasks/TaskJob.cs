using System.Diagnostics;
using Vty.Devices;
using Vty.Devices.Exec;
using Vty.Fleet;
using Vty.Inventory;
using Vty.Tasks.Steps;

namespace Vty.Tasks;

/// <summary>
/// Runs a task's steps on one host as a <see cref="HostJob"/>: an interactive session is opened
/// for the first session step, an exec connection for the first run/sudo step; each step's
/// output is a result labelled with the step's name or text.
/// </summary>
public static class TaskJob
{
    /// <summary>The job for <paramref name="task"/>; variables from <paramref name="file"/>, overridden by each host's.</summary>
    public static HostJob Create(TaskDefinition task, TaskFile file, FleetJobOptions? options = null,
        Func<InventoryHost, HostCredentials, CancellationToken, Task<IRemoteExecutor>>? openExec = null)
    {
        return Create(task, file, options, openExec, configureSsh: null);
    }

    /// <summary>As <see cref="Create(TaskDefinition, TaskFile, FleetJobOptions?, Func{InventoryHost, HostCredentials, CancellationToken, Task{IRemoteExecutor}}?)"/>, adjusting the SSH client options of run/sudo steps (command-line connection options).</summary>
    public static HostJob Create(TaskDefinition task, TaskFile file, FleetJobOptions? options,
        Func<InventoryHost, HostCredentials, CancellationToken, Task<IRemoteExecutor>>? openExec,
        Action<InventoryHost, Ssh.SshClientOptions>? configureSsh)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(file);
        options ??= new FleetJobOptions();
        openExec ??= (host, credentials, ct) => RemoteExecutors.ConnectAsync(host, credentials, configureSsh is null ? null : ssh => configureSsh(host, ssh), ct);
        return async (context, cancellationToken) =>
        {
            var variables = new Dictionary<string, string>(file.Variables, StringComparer.Ordinal);
            foreach ((string key, string value) in context.Host.Variables)
                variables[key] = value;
            variables.TryAdd("host", context.Host.Name);
            HostCredentials credentials = await options.Secrets.ResolveAsync(context.Host, cancellationToken).ConfigureAwait(false);

            DeviceSession? device = null;
            RemoteRunner? runner = null;
            try
            {
                for (int i = 0; i < task.Steps.Count; i++)
                {
                    TaskStep step = task.Steps[i];
                    string where = $"task '{task.Name}' step {i + 1} (line {step.Line})";
                    var clock = Stopwatch.StartNew();
                    string label = step.Name ?? RenderOrRaw(Describe(step), variables);
                    try
                    {
                        if (step is RunStep run)
                        {
                            runner ??= new RemoteRunner(await openExec(context.Host, credentials, cancellationToken).ConfigureAwait(false));
                            context.MarkDeliveryStarted();
                            string command = TaskTemplate.Render(run.Command, variables, where);
                            var runOptions = new RunOptions { OkExitCodes = run.OkExitCodes };
                            RunResult result = run.Sudo
                                ? await runner.SudoAsync(command, credentials.Password, runOptions, cancellationToken).ConfigureAwait(false)
                                : await runner.RunAsync(command, runOptions, cancellationToken).ConfigureAwait(false);
                            context.AddResult(step.Name ?? (run.Sudo ? "sudo " : "") + command, result.Stdout + result.Stderr, clock.Elapsed);
                            await context.Transcript.WriteLineAsync($"$ {command}\n{result.Stdout}{result.Stderr}[exit {result.ExitCode}]").ConfigureAwait(false);
                        }
                        else
                        {
                            if (device is null)
                            {
                                device = await DeviceConnector.ConnectAsync(context.Host, credentials, options.Connect, context.Transcript, cancellationToken).ConfigureAwait(false);
                                context.Driver = device.Driver.Name;
                                context.DriverReason = device.Protocol.DriverSelection?.Reason;
                                context.DriverMethod = device.Protocol.DriverSelection?.Method;
                            }
                            context.MarkDeliveryStarted();
                            (string stepLabel, string output) = await RunSessionStepAsync(device, step, variables, where, cancellationToken).ConfigureAwait(false);
                            context.AddResult(step.Name ?? stepLabel, output, clock.Elapsed);
                        }
                    }
                    catch (Exception e) when (step.IgnoreErrors && e is VtyException or TimeoutException or IOException)
                    {
                        // The step failed but the task goes on: the step says why, the host stays ok.
                        context.AddResult(new Fleet.CommandOutput(label, "", clock.Elapsed) { Error = $"ignored: {Fleet.FailureClassifier.OneLine(e.Message)}" });
                    }
                    catch (CommandErrorException e)
                    {
                        context.AddResult(new Fleet.CommandOutput(label, e.Result.Output, clock.Elapsed) { Error = Fleet.FailureClassifier.Classify(e).Reason });
                        throw;
                    }
                    catch (RunFailedException e)
                    {
                        context.AddResult(new Fleet.CommandOutput(label, e.Result.Stdout + e.Result.Stderr, clock.Elapsed) { Error = Fleet.FailureClassifier.OneLine(e.Message) });
                        throw;
                    }
                }
            }
            finally
            {
                if (device is not null)
                    await device.DisposeAsync().ConfigureAwait(false);
                if (runner is not null)
                    await runner.DisposeAsync().ConfigureAwait(false);
            }
        };
    }

    private static async Task<(string Label, string Output)> RunSessionStepAsync(
        DeviceSession device, TaskStep step, IReadOnlyDictionary<string, string> variables, string where, CancellationToken ct)
    {
        switch (step)
        {
            case CommandStep c:
            {
                string command = TaskTemplate.Render(c.Command, variables, where);
                string? expect = c.Expect is null ? null : TaskTemplate.Render(c.Expect, variables, where);
                return (command, await device.SendCommandAsync(command, expect, c.Timeout, ct).ConfigureAwait(false));
            }
            case ConfigStep c:
            {
                var lines = c.Lines.Select(l => TaskTemplate.Render(l, variables, where)).ToList();
                CommitOptions? commit = c.Commit ? new CommitOptions { Comment = c.CommitComment is null ? null : TaskTemplate.Render(c.CommitComment, variables, where) } : null;
                ConfigSetResult result = await device.SendConfigSetAsync(lines, new ConfigSetOptions { Commit = commit }, ct).ConfigureAwait(false);
                return ("config: " + string.Join("; ", lines), result.Output);
            }
            case SendStep s:
                await device.Protocol.SendAsync(TaskTemplate.Unescape(TaskTemplate.Render(s.Text, variables, where)), ct).ConfigureAwait(false);
                return ("send", "");
            case ExpectStep e:
            {
                string pattern = TaskTemplate.Render(e.Pattern, variables, where);
                string before = await device.ExpectAsync(pattern, e.Timeout, ct).ConfigureAwait(false);
                return ("expect " + pattern, before);
            }
            case EnableStep:
                await device.EnableAsync(ct).ConfigureAwait(false);
                return ("enable", "");
            case CommitStep c:
                return ("commit", await device.CommitAsync(new CommitOptions { Comment = c.Comment is null ? null : TaskTemplate.Render(c.Comment, variables, where), ConfirmMinutes = c.ConfirmMinutes }, ct).ConfigureAwait(false));
            case SaveStep:
                return ("save", await device.SaveConfigAsync(ct).ConfigureAwait(false));
            default:
                throw new InvalidOperationException($"{where}: unsupported step {step.GetType().Name}");
        }
    }

    private static string RenderOrRaw(string text, IReadOnlyDictionary<string, string> variables)
    {
        try
        {
            return TaskTemplate.Render(text, variables, "label");
        }
        catch (TaskFileException)
        {
            return text; // the step itself reports the missing variable
        }
    }

    private static string Describe(TaskStep step) => step switch
    {
        CommandStep c => c.Command,
        ConfigStep c => "config: " + string.Join("; ", c.Lines),
        RunStep r => (r.Sudo ? "sudo " : "") + r.Command,
        SendStep => "send",
        ExpectStep e => "expect " + e.Pattern,
        EnableStep => "enable",
        CommitStep => "commit",
        SaveStep => "save",
        _ => step.GetType().Name,
    };
}
