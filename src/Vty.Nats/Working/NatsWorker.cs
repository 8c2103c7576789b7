using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using Vty.Fleet;
using Vty.Nats.Connection;
using Vty.Nats.Contracts;
using Vty.Nats.Topology;

namespace Vty.Nats.Working;

/// <summary>
/// <c>vty worker</c>: pulls host jobs of its zones from JetStream, at most
/// <see cref="WorkerOptions.Parallel"/> at once, runs each with the fleet runner exactly as a local
/// run would, stores the result, and only then acknowledges the job. A job whose worker died is
/// redelivered after the ack wait; one delivered more often than its run allows is reported failed.
/// Stopping (<c>stopTaking</c>) takes no new jobs and lets the ones in flight finish for up to the
/// drain time; then they are cancelled, and released to other workers when nothing reached the device.
/// </summary>
public sealed class NatsWorker
{
    private static readonly TimeSpan StoreGiveUp = TimeSpan.FromMinutes(5);
    private const int MaxBatch = 64;
    private readonly NatsSession _session;
    private readonly WorkerOptions _options;
    private readonly JobFactoryCache _jobs;
    private readonly ResultStore _results;
    private int _busy;

    /// <param name="session">The connection.</param>
    /// <param name="options">Name, zones, parallelism, ack wait, drain time.</param>
    /// <param name="createJob">Builds the host job a spec describes (the CLI parses the spec's command line).</param>
    public NatsWorker(NatsSession session, WorkerOptions options, Func<JobSpec, CancellationToken, Task<HostJob>> createJob)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Parallel < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Parallel, "a worker needs a parallelism of at least 1");
        foreach (string zone in options.Zones)
            NatsNames.CheckToken(zone, "zone");
        NatsNames.CheckToken(options.Name, "worker name");
        _session = session;
        _options = options;
        _jobs = new JobFactoryCache(createJob);
        _results = new ResultStore(session);
    }

    /// <summary>Jobs finished (results stored) since start.</summary>
    public int Completed => _completed;

    private int _completed;

    /// <summary>Works until <paramref name="stopTaking"/> is cancelled, then drains; returns when nothing is in flight.</summary>
    public async Task RunAsync(CancellationToken stopTaking)
    {
        await NatsTopology.EnsureAsync(_session, resultsTtl: null, _options.PresenceTtl, stopTaking).ConfigureAwait(false);
        var consumers = new Dictionary<string, INatsJSConsumer>(StringComparer.Ordinal);
        foreach (string zone in _options.Zones.Distinct(StringComparer.Ordinal))
            consumers[zone] = await NatsTopology.ZoneConsumerAsync(_session, zone, _options.AckWait, stopTaking).ConfigureAwait(false);
        _options.Log($"worker {_options.Name}: taking jobs of zone{(consumers.Count > 1 ? "s" : "")} {string.Join(", ", consumers.Keys)} ({_options.Parallel} at once)");

        using var abort = new CancellationTokenSource();
        // Not disposed: the last in-flight continuations release their slot after the drain returns.
        var slots = new SemaphoreSlim(_options.Parallel, _options.Parallel);
        var inFlight = new HashSet<Task>();
        using var presenceStop = new CancellationTokenSource();
        Task presence = AnnounceAsync(presenceStop.Token);

        Task[] loops = [.. consumers.Select(c => FetchLoopAsync(c.Key, c.Value, slots, inFlight, abort.Token, stopTaking))];
        await Task.WhenAll(loops).ConfigureAwait(false);

        Task[] remaining;
        lock (inFlight) remaining = [.. inFlight];
        if (remaining.Length > 0)
        {
            _options.Log($"worker {_options.Name}: stopping; waiting up to {_options.DrainTimeout.TotalSeconds:0} s for {remaining.Length} host(s) in flight");
            Task all = Task.WhenAll(remaining);
            if (await Task.WhenAny(all, Task.Delay(_options.DrainTimeout, CancellationToken.None)).ConfigureAwait(false) != all)
            {
                _options.Log($"worker {_options.Name}: drain time is up; cancelling the hosts still in flight");
                await abort.CancelAsync().ConfigureAwait(false);
                await all.ConfigureAwait(false);
            }
        }
        await presenceStop.CancelAsync().ConfigureAwait(false);
        await presence.ConfigureAwait(false);
        _options.Log($"worker {_options.Name}: stopped after {_completed} host(s)");
    }

    private async Task FetchLoopAsync(string zone, INatsJSConsumer consumer, SemaphoreSlim slots, HashSet<Task> inFlight,
        CancellationToken abort, CancellationToken stopTaking)
    {
        bool away = false;
        while (!stopTaking.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stopTaking).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            // Ask for as many jobs as there are free slots (one pull for many jobs), up to a batch.
            int granted = 1;
            while (granted < MaxBatch && slots.Wait(0))
                granted++;
            int taken = 0;
            try
            {
                // Not cancelled by stopping: a pull abandoned mid-way may still be answered by the
                // server, and those jobs would then wait out the ack wait. It expires by itself.
                var fetch = new NatsJSFetchOpts { MaxMsgs = granted, Expires = TimeSpan.FromSeconds(2) };
                await foreach (INatsJSMsg<byte[]> message in consumer.FetchAsync<byte[]>(fetch, cancellationToken: _session.ConnectionLost).ConfigureAwait(false))
                {
                    away = false;
                    taken++;
                    if (stopTaking.IsCancellationRequested)
                    {
                        // Arrived while stopping: hand it straight back to the other workers.
                        await ReleaseAsync(message).ConfigureAwait(false);
                        slots.Release();
                        continue;
                    }
                    Task work = Task.Run(() => HandleAsync(message, zone, abort), CancellationToken.None);
                    lock (inFlight) inFlight.Add(work);
                    _ = work.ContinueWith(t =>
                    {
                        lock (inFlight) inFlight.Remove(t);
                        slots.Release();
                    }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
            catch (Exception e) when (NatsRetry.IsTransient(e) || e is OperationCanceledException || e is NATS.Client.Core.NatsException)
            {
                // The server is away (restart, network) or forgot the consumer: wait, set it up again.
                if (!away)
                    _options.Log($"worker {_options.Name}: NATS: {(e is OperationCanceledException ? "connection lost" : Fleet.FailureClassifier.OneLine(e.Message))}; retrying");
                away = true;
                await PauseAsync(stopTaking).ConfigureAwait(false);
                consumer = await ReopenAsync(zone, consumer, stopTaking).ConfigureAwait(false);
            }
            finally
            {
                if (granted > taken)
                    slots.Release(granted - taken);
            }
        }
    }

    private static async Task ReleaseAsync(INatsJSMsg<byte[]> message)
    {
        try
        {
            await message.NakAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (NATS.Client.Core.NatsException)
        {
            // Unacknowledged, it comes back after the ack wait anyway.
        }
    }

    private async Task<INatsJSConsumer> ReopenAsync(string zone, INatsJSConsumer consumer, CancellationToken stopTaking)
    {
        try
        {
            return await NatsTopology.ZoneConsumerAsync(_session, zone, _options.AckWait, stopTaking).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return consumer;
        }
    }

    private static async Task PauseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task HandleAsync(INatsJSMsg<byte[]> message, string zone, CancellationToken abort)
    {
        Interlocked.Increment(ref _busy);
        try
        {
            await new JobExecution(this, message, zone).RunAsync(abort).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Not acknowledged: JetStream gives the job to a worker again after the ack wait.
            _options.Log($"worker {_options.Name}: job {message.Subject} left unacknowledged: {e.Message}");
        }
        finally
        {
            Interlocked.Decrement(ref _busy);
        }
    }

    private async Task AnnounceAsync(CancellationToken stop)
    {
        INatsKVStore? store = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                store ??= await _session.KeyValue.GetStoreAsync(NatsNames.WorkersBucket, stop).ConfigureAwait(false);
                byte[] value = System.Text.Encoding.UTF8.GetBytes($"{{\"worker\":\"{_options.Name}\",\"parallel\":{_options.Parallel},\"busy\":{Volatile.Read(ref _busy)}}}");
                foreach (string zone in _options.Zones)
                    await store.PutAsync(NatsNames.WorkerKey(zone, _options.Name), value, cancellationToken: stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                // Presence is renewed at the next interval; a server away for longer makes the
                // zone look unserved to submitters, which is what it is.
            }
            try
            {
                await Task.Delay(_options.PresenceInterval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        if (store is null)
            return;
        foreach (string zone in _options.Zones)
        {
            try
            {
                using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                await store.DeleteAsync(NatsNames.WorkerKey(zone, _options.Name), cancellationToken: bounded.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NATS.Client.Core.NatsException or OperationCanceledException or TimeoutException)
            {
                // It expires by itself.
            }
        }
    }

    /// <summary>One delivery of one job: the checks, the run, the result, the acknowledgement.</summary>
    private sealed class JobExecution(NatsWorker worker, INatsJSMsg<byte[]> message, string zone)
    {
        private WorkerOptions Options => worker._options;

        public async Task RunAsync(CancellationToken abort)
        {
            HostJobMessage job;
            try
            {
                job = NatsJson.Deserialize<HostJobMessage>(message.Data);
            }
            catch (System.Text.Json.JsonException e)
            {
                Options.Log($"worker {Options.Name}: dropped a malformed job on {message.Subject}: {e.Message}");
                await message.AckTerminateAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
                return;
            }
            int delivery = (int)(message.Metadata?.NumDelivered ?? 1);
            ResultStore results = worker._results;

            if (await results.ExistsAsync(job.RunId, job.Index, abort).ConfigureAwait(false))
            {
                // A worker stored it and died (or was slow) before acknowledging: nothing to redo.
                await AckAsync().ConfigureAwait(false);
                return;
            }
            if (delivery > job.MaxDeliveries)
            {
                await StoreAsync(job, delivery, Failed(job, FailureKind.Error,
                    $"given up after {job.MaxDeliveries} deliveries: each worker that took this host stopped or lost NATS before storing its result (ack wait {Options.AckWait.TotalSeconds:0.#} s)"), null).ConfigureAwait(false);
                return;
            }
            if (job.Spec.ChangesDevices && delivery > 1
                && await results.LastClaimAsync(job.RunId, job.Index, abort).ConfigureAwait(false) is { Released: false } claim)
            {
                await StoreAsync(job, delivery, Failed(job, FailureKind.Error,
                    $"not run again: worker {claim.Worker} started this host (delivery {claim.Delivery}) and stopped before reporting; the change may or may not have reached the device, so it is not sent twice"), null).ConfigureAwait(false);
                return;
            }
            if (job.Spec.ChangesDevices)
                await results.ClaimAsync(job.RunId, job.Index, new ClaimMessage(Options.Name, delivery, Released: false), StoreGiveUp, abort).ConfigureAwait(false);

            using var progressStop = new CancellationTokenSource();
            Task progress = KeepInProgressAsync(progressStop.Token);
            try
            {
                (HostResult? result, bool deliveryStarted, string? transcript) = await RunHostAsync(job, abort).ConfigureAwait(false);
                if (result is null || result.Failure == FailureKind.Cancelled && !deliveryStarted)
                {
                    // Stopped before anything reached the device: give the job back.
                    if (job.Spec.ChangesDevices)
                        await results.ClaimAsync(job.RunId, job.Index, new ClaimMessage(Options.Name, delivery, Released: true), TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
                    await message.NakAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
                    Options.HostLog?.Invoke($"worker {Options.Name}: released {job.Host.Name} (run {job.RunId}) unstarted");
                    return;
                }
                if (result.Failure == FailureKind.Cancelled)
                    result = result with { Error = $"cancelled: worker {Options.Name} was stopped while working on this host; the results show what was delivered" };
                await StoreAsync(job, delivery, result, transcript).ConfigureAwait(false);
            }
            finally
            {
                await progressStop.CancelAsync().ConfigureAwait(false);
                await progress.ConfigureAwait(false);
            }
        }

        private async Task<(HostResult? Result, bool DeliveryStarted, string? Transcript)> RunHostAsync(HostJobMessage job, CancellationToken abort)
        {
            HostJob hostJob;
            try
            {
                hostJob = await worker._jobs.GetAsync(job, abort).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return (Failed(job, FailureKind.Configuration, $"worker {Options.Name} cannot run this job: {Fleet.FailureClassifier.OneLine(e.Message)}"), false, null);
            }
            HostJobContext? context = null;
            BoundedTranscript? transcript = job.Spec.Transcripts ? new BoundedTranscript(Options.MaxTranscriptChars) : null;
            var runOptions = new FleetRunOptions
            {
                MaxParallel = 1,
                HostTimeout = TimeSpan.FromSeconds(job.Spec.TimeoutSeconds),
                Retries = job.Spec.Retries,
                OpenTranscript = transcript is null ? null : _ => transcript,
            };
            FleetReport report = await new FleetRunner(runOptions).RunAsync([job.Host], (ctx, ct) =>
            {
                context = ctx;
                return hostJob(ctx, ct);
            }, abort).ConfigureAwait(false);
            return (report.Results.Count == 1 ? report.Results[0] : null, context?.DeliveryStarted == true, transcript?.Text);
        }

        private async Task StoreAsync(HostJobMessage job, int delivery, HostResult result, string? transcript)
        {
            // Stored even when the worker is being stopped: a finished host must not be lost.
            bool fresh = await worker._results.PublishAsync(new HostResultMessage
            {
                RunId = job.RunId,
                Index = job.Index,
                HostName = job.Host.Name,
                Worker = Options.Name,
                Delivery = delivery,
                Result = result,
                Transcript = transcript,
            }, StoreGiveUp, CancellationToken.None).ConfigureAwait(false);
            await AckAsync().ConfigureAwait(false);
            if (fresh)
                Interlocked.Increment(ref worker._completed);
            Options.HostLog?.Invoke($"worker {Options.Name}: {job.Host.Name} (run {job.RunId}, zone {zone}, delivery {delivery}): {(result.Ok ? "ok" : result.Error)}{(fresh ? "" : " (a result was already stored; kept the first)")}");
        }

        private Task AckAsync() =>
            NatsRetry.RunAsync(ct => message.AckAsync(new AckOpts { DoubleAck = true }, ct), TimeSpan.FromSeconds(30), CancellationToken.None);

        private async Task KeepInProgressAsync(CancellationToken stop)
        {
            TimeSpan every = Options.AckWait / 3;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(every, stop).ConfigureAwait(false);
                    await message.AckProgressAsync(cancellationToken: stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (NATS.Client.Core.NatsException)
                {
                    // The server is away; the next beat tries again, and a long outage redelivers.
                }
            }
        }

        private static HostResult Failed(HostJobMessage job, FailureKind kind, string reason) => new()
        {
            Host = job.Host,
            Failure = kind,
            Error = reason,
            Driver = job.Host.Driver,
            StartedAt = DateTimeOffset.UtcNow,
            Attempts = 0,
        };
    }
}
