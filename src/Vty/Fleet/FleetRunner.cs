using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Diagnostics;
using Vty.Inventory;

namespace Vty.Fleet;

/// <summary>
/// Runs one job on many hosts: at most <see cref="FleetRunOptions.MaxParallel"/> at a time, each
/// attempt bounded by the host's timeout, transient failures retried as long as the job had not
/// started sending commands (<see cref="HostJobContext.MarkDeliveryStarted"/>), each result handed to the
/// observers the moment its host finishes (so an interrupted run keeps every finished host).
/// A hanging host costs only its own timeout: the runner stops waiting for it even when the job
/// ignores cancellation.
/// </summary>
public sealed class FleetRunner
{
    /// <summary>Appended to the reason of a failure that was not retried because commands had been sent.</summary>
    internal const string NotRetriedNote = " (not retried: commands had already been sent to the device; the results show what was delivered)";

    private readonly FleetRunOptions _options;
    private readonly ILogger _log;

    public FleetRunner(FleetRunOptions? options = null)
    {
        _options = options ?? new FleetRunOptions();
        _options.Validate();
        _log = _options.LoggerFactory?.CreateLogger("Vty.Fleet") ?? NullLogger.Instance;
    }

    /// <summary>
    /// Runs <paramref name="job"/> on every host. Cancelling <paramref name="cancellationToken"/>
    /// stops starting hosts, cancels the ones in flight (reported as cancelled) and returns the
    /// report with <see cref="FleetReport.Cancelled"/> set; it does not throw for cancellation.
    /// </summary>
    public async Task<FleetReport> RunAsync(IReadOnlyList<InventoryHost> hosts, HostJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(job);
        var clock = Stopwatch.StartNew();
        var results = new List<HostResult>(hosts.Count);
        var started = new bool[hosts.Count];
        var observerGate = new SemaphoreSlim(1, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? observerFailure = null;
        int next = -1;

        async Task WorkerAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                int index = Interlocked.Increment(ref next);
                if (index >= hosts.Count)
                    return;
                started[index] = true;
                InventoryHost host = hosts[index];
                await NotifyAsync(o => { o.HostStarted(host); return ValueTask.CompletedTask; }).ConfigureAwait(false);
                HostResult result = await RunHostAsync(host, job, stop.Token).ConfigureAwait(false);
                lock (results)
                    results.Add(result);
                await NotifyAsync(o => o.HostFinishedAsync(result, CancellationToken.None)).ConfigureAwait(false);
            }
        }

        async ValueTask NotifyAsync(Func<IFleetObserver, ValueTask> call)
        {
            await observerGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                foreach (IFleetObserver observer in _options.Observers)
                    await call(observer).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // A result that cannot be written must stop the run rather than be lost silently.
                observerFailure ??= e;
                await stop.CancelAsync().ConfigureAwait(false);
            }
            finally
            {
                observerGate.Release();
            }
        }

        int workers = Math.Min(_options.MaxParallel, Math.Max(1, hosts.Count));
        var tasks = new Task[workers];
        for (int i = 0; i < workers; i++)
            tasks[i] = Task.Run(WorkerAsync, CancellationToken.None);
        await Task.WhenAll(tasks).ConfigureAwait(false);

        if (observerFailure is not null)
            throw new IOException($"could not record a host result: {observerFailure.Message}", observerFailure);

        var notStarted = hosts.Where((_, i) => !started[i]).ToList();
        if (notStarted.Count > 0)
            VtyMetrics.Hosts.Add(notStarted.Count, new KeyValuePair<string, object?>(VtyTelemetry.StatusTag, HostStatus.Of(FailureKind.NotStarted)));
        foreach (InventoryHost host in notStarted)
        {
            HostResult skipped = HostResult.NotStarted(host);
            await NotifyAsync(o => o.HostNotStartedAsync(skipped, CancellationToken.None)).ConfigureAwait(false);
        }
        if (observerFailure is not null)
            throw new IOException($"could not record a host result: {observerFailure.Message}", observerFailure);

        return new FleetReport
        {
            Results = results,
            NotStarted = notStarted,
            Cancelled = cancellationToken.IsCancellationRequested,
            Elapsed = clock.Elapsed,
        };
    }

    private async Task<HostResult> RunHostAsync(InventoryHost host, HostJob job, CancellationToken runToken)
    {
        using Activity? activity = VtyTelemetry.ActivitySource.StartActivity("vty.host");
        activity?.SetTag(VtyTelemetry.HostTag, host.Name);
        if (_log.IsEnabled(LogLevel.Information))
            _log.LogInformation(VtyLogEvents.HostStarted, "{Host}: started ({Url})", host.Name, RedactedUrl(host.Url));
        HostResult result = await RunHostCoreAsync(host, job, runToken).ConfigureAwait(false);
        string status = HostStatus.Of(result.Failure);
        VtyMetrics.Hosts.Add(1, new KeyValuePair<string, object?>(VtyTelemetry.StatusTag, status));
        if (activity is not null)
        {
            activity.SetTag(VtyTelemetry.DriverTag, result.Driver);
            activity.SetTag(VtyTelemetry.StatusTag, status);
            activity.SetTag(VtyTelemetry.AttemptsTag, result.Attempts);
            if (!result.Ok)
                activity.SetStatus(ActivityStatusCode.Error, result.Error);
        }
        if (result.Ok)
            _log.LogInformation(VtyLogEvents.HostFinished, "{Host}: {Status} in {Seconds:0.000} s, driver {Driver}, {Commands} command(s)", host.Name, status, result.Elapsed.TotalSeconds, result.Driver, result.Results.Count);
        else
            _log.LogInformation(VtyLogEvents.HostFinished, "{Host}: {Status} in {Seconds:0.000} s: {Error}", host.Name, status, result.Elapsed.TotalSeconds, result.Error);
        return result;
    }

    private async Task<HostResult> RunHostCoreAsync(InventoryHost host, HostJob job, CancellationToken runToken)
    {
        DateTimeOffset startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        TimeSpan timeout = host.Timeout ?? _options.HostTimeout;
        TextWriter transcript = OpenTranscript(host);
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                if (attempt > 1)
                    await transcript.WriteLineAsync($"--- attempt {attempt} ---").ConfigureAwait(false);
                var context = new HostJobContext(host, attempt, transcript)
                {
                    Driver = host.Driver,
                    DriverMethod = host.Driver is null ? null : Protocols.DriverSelectionMethod.Named,
                };
                (FailureKind kind, string? reason, Exception? error) = await RunAttemptAsync(context, job, timeout, runToken).ConfigureAwait(false);
                bool retry = kind is not (FailureKind.None or FailureKind.Cancelled)
                    && attempt <= _options.Retries
                    && _options.ShouldRetry(kind, error!);
                if (retry && context.DeliveryStarted)
                {
                    // Commands or configuration already reached the device: running the job again
                    // would repeat them. Report what was delivered instead.
                    retry = false;
                    reason += NotRetriedNote;
                }
                if (retry)
                {
                    _log.LogInformation(VtyLogEvents.HostRetry, "{Host}: attempt {Attempt} failed ({Reason}); trying again", host.Name, attempt, reason);
                    try
                    {
                        await Task.Delay(_options.RetryDelay, runToken).ConfigureAwait(false);
                        continue;
                    }
                    catch (OperationCanceledException)
                    {
                        kind = FailureKind.Cancelled;
                        reason = "cancelled: the run was stopped";
                    }
                }
                return new HostResult
                {
                    Host = host,
                    Failure = kind,
                    Error = reason,
                    Exception = error,
                    Driver = context.Driver,
                    DriverMethod = context.DriverMethod,
                    DriverReason = context.DriverReason,
                    Results = context.SnapshotResults(),
                    StartedAt = startedAt,
                    Elapsed = clock.Elapsed,
                    Attempts = attempt,
                };
            }
        }
        finally
        {
            await transcript.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<(FailureKind Kind, string? Reason, Exception? Error)> RunAttemptAsync(
        HostJobContext context, HostJob job, TimeSpan timeout, CancellationToken runToken)
    {
        using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(runToken);
        attemptCts.CancelAfter(timeout);
        Task work;
        try
        {
            work = job(context, attemptCts.Token);
        }
        catch (Exception e)
        {
            work = Task.FromException(e);
        }

        try
        {
            // WaitAsync lets the runner move on at the deadline even if the job never looks at its token.
            await work.WaitAsync(attemptCts.Token).ConfigureAwait(false);
            return (FailureKind.None, null, null);
        }
        catch (OperationCanceledException e) when (runToken.IsCancellationRequested)
        {
            Abandon(work);
            return (FailureKind.Cancelled, "cancelled: the run was stopped", e);
        }
        catch (OperationCanceledException e) when (attemptCts.IsCancellationRequested)
        {
            Abandon(work);
            return (FailureKind.Timeout, $"timed out: no result within {FormatSeconds(timeout)} (the host's timeout)", e);
        }
        catch (Exception e)
        {
            (FailureKind kind, string reason) = _options.Classify(e);
            return (kind, reason, e);
        }
    }

    // A URL may carry a password (user:secret@host); logs get it without.
    private static string RedactedUrl(string url)
    {
        try
        {
            return Hosts.HostUrl.Parse(url).ToRedactedString();
        }
        catch (HostUrlFormatException)
        {
            return "an unreadable URL";
        }
    }

    private TextWriter OpenTranscript(InventoryHost host) =>
        _options.OpenTranscript is { } open ? TextWriter.Synchronized(open(host.Name)) : TextWriter.Null;

    /// <summary>Observes the fault of a job the runner stopped waiting for, so it is never unobserved.</summary>
    private static void Abandon(Task work) =>
        _ = work.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private static string FormatSeconds(TimeSpan t) =>
        t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.#} s" : $"{t.TotalMilliseconds:0} ms";
}
