using System.Diagnostics;
using System.Threading.Channels;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Vty.Fleet;
using Vty.Inventory;
using Vty.Nats.Connection;
using Vty.Nats.Contracts;
using Vty.Nats.Topology;

namespace Vty.Nats.Collecting;

/// <summary>
/// Collects a run's results from the results stream, from its start, so it works the same for the
/// submitter and for <c>vty results</c> later. Each host counts once: a second result for the same
/// run and host (a slow worker finishing after its job was redelivered) is dropped. A zone whose
/// hosts wait while no worker serves it is given up after <see cref="CollectOptions.ZoneTimeout"/>:
/// its jobs are withdrawn and its hosts reported failed with the reason.
/// </summary>
public sealed class ResultCollector
{
    private readonly NatsSession _session;
    private readonly RunManifest _manifest;
    private readonly IReadOnlyList<InventoryHost> _hosts;
    private readonly CollectOptions _options;
    private readonly ResultStore _store;

    /// <param name="session">The connection.</param>
    /// <param name="manifest">The run.</param>
    /// <param name="hosts">The run's hosts in manifest order (what results are reported under).</param>
    /// <param name="options">Zone timeout and notes.</param>
    public ResultCollector(NatsSession session, RunManifest manifest, IReadOnlyList<InventoryHost> hosts, CollectOptions options)
    {
        if (hosts.Count != manifest.Hosts.Count)
            throw new ArgumentException("the hosts must be the manifest's, in its order", nameof(hosts));
        _session = session;
        _manifest = manifest;
        _hosts = hosts;
        _options = options;
        _store = new ResultStore(session);
    }

    /// <summary>The hosts of a manifest as inventory hosts (for collecting without the inventory).</summary>
    public static IReadOnlyList<InventoryHost> HostsOf(RunManifest manifest) =>
        [.. manifest.Hosts.Select(h => new InventoryHost { Name = h.Name, Url = h.Url, Settings = new HostSettings { Driver = h.Driver, Zone = h.Zone } })];

    /// <summary>
    /// Calls <paramref name="onResult"/> once per host as results arrive (with the transcript when
    /// one came) and returns the report once every host has one. Cancelling returns the report so far.
    /// </summary>
    public async Task<FleetReport> CollectAsync(Func<HostResult, string?, ValueTask> onResult, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        int count = _hosts.Count;
        var seen = new bool[count];
        var results = new List<HostResult>(count);
        var channel = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task reader = ReadAsync(channel.Writer, stopReading.Token);
        var zones = new ZoneWatch(_manifest, _options, DateTime.UtcNow);
        DateTime nextCheck = DateTime.UtcNow;
        bool cancelled = false;
        try
        {
            while (results.Count < count)
            {
                if (DateTime.UtcNow >= nextCheck)
                {
                    await CheckZonesAsync(zones, seen, cancellationToken).ConfigureAwait(false);
                    nextCheck = DateTime.UtcNow + _options.PresenceCheckInterval;
                }
                ReadOnlyMemory<byte> data;
                using (var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    tick.CancelAfter(_options.PresenceCheckInterval);
                    try
                    {
                        data = await channel.Reader.ReadAsync(tick.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        continue;
                    }
                    catch (ChannelClosedException e)
                    {
                        throw new Errors.NatsRunException($"lost the results of run {_manifest.RunId}: {e.InnerException?.Message ?? e.Message}", e.InnerException ?? e);
                    }
                }
                HostResultMessage message;
                try
                {
                    message = await _store.ReadAsync(data, cancellationToken).ConfigureAwait(false);
                }
                catch (System.Text.Json.JsonException e)
                {
                    _options.Log($"skipped a malformed result message of run {_manifest.RunId}: {e.Message}");
                    continue;
                }
                if (message.Index < 0 || message.Index >= count || seen[message.Index])
                    continue;
                seen[message.Index] = true;
                HostResult result = (message.Result ?? new HostResult { Host = _hosts[message.Index], Failure = FailureKind.Error, Error = "the worker stored an empty result" })
                    with { Host = _hosts[message.Index] };
                if (_options.Accept is { } accept)
                    result = await accept(result, CancellationToken.None).ConfigureAwait(false);
                results.Add(result);
                await onResult(result, message.Transcript).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        finally
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            try
            {
                await reader.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException || NatsRetry.IsTransient(e) || e is NATS.Client.Core.NatsException)
            {
                // Stopping the reader on purpose.
            }
        }
        return new FleetReport
        {
            Results = results,
            NotStarted = [.. _hosts.Where((_, i) => !seen[i])],
            Cancelled = cancelled,
            Elapsed = clock.Elapsed,
        };
    }

    private async Task ReadAsync(ChannelWriter<ReadOnlyMemory<byte>> writer, CancellationToken cancellationToken)
    {
        ulong lastSequence = 0;
        Exception? failure = null;
        bool away = false;
        string prefix = NatsNames.RunResultsFilter(_manifest.RunId).TrimEnd('>');
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    // An ephemeral consumer from the start, or after the last message seen when the
                    // server came back from a restart. One filter subject: servers before 2.10 ignore
                    // the plural form and would deliver every run's results.
                    INatsJSConsumer consumer = await _session.JetStream.CreateOrUpdateConsumerAsync(NatsNames.ResultsStream, new ConsumerConfig($"vty-collect-{Guid.NewGuid():N}")
                    {
                        FilterSubject = NatsNames.RunResultsFilter(_manifest.RunId),
                        AckPolicy = ConsumerConfigAckPolicy.None,
                        DeliverPolicy = lastSequence == 0 ? ConsumerConfigDeliverPolicy.All : ConsumerConfigDeliverPolicy.ByStartSequence,
                        OptStartSeq = lastSequence == 0 ? 0 : lastSequence + 1,
                        InactiveThreshold = TimeSpan.FromMinutes(1),
                        MemStorage = true,
                    }, cancellationToken).ConfigureAwait(false);
                    using var connection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _session.ConnectionLost);
                    await foreach (INatsJSMsg<byte[]> message in consumer.ConsumeAsync<byte[]>(cancellationToken: connection.Token).ConfigureAwait(false))
                    {
                        away = false;
                        if (message.Metadata is { } metadata)
                            lastSequence = metadata.Sequence.Stream;
                        if (message.Data is { } data && message.Subject.StartsWith(prefix, StringComparison.Ordinal))
                            await writer.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && (NatsRetry.IsTransient(e) || e is OperationCanceledException || e is NATS.Client.Core.NatsException and not NatsJSApiException))
                {
                    // The server is away (restart, network): say so once per outage, then resume.
                    if (!away)
                        _options.Log($"NATS: {(e is OperationCanceledException ? "connection lost" : Fleet.FailureClassifier.OneLine(e.Message))}; waiting for the server, then reading the results on");
                    away = true;
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            writer.TryComplete(failure);
        }
    }

    private async Task CheckZonesAsync(ZoneWatch zones, bool[] seen, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> waiting = zones.Waiting(seen);
        if (waiting.Count == 0)
            return;
        HashSet<string>? served = await WorkerPresence.ServedZonesAsync(_session, cancellationToken).ConfigureAwait(false);
        foreach (string zone in zones.GiveUp(waiting, served, DateTime.UtcNow))
        {
            _options.Log($"no worker serves zone '{zone}' (none seen for {_options.ZoneTimeout.TotalSeconds:0} s); its hosts are reported failed");
            await AbandonZoneAsync(zone, seen, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AbandonZoneAsync(string zone, bool[] seen, CancellationToken cancellationToken)
    {
        TimeSpan giveUp = TimeSpan.FromMinutes(1);
        // Withdraw the jobs first, so a worker of the zone starting now does not run hosts already reported.
        await NatsRetry.RunAsync(async ct => await _session.JetStream.PurgeStreamAsync(NatsNames.JobsStream,
            new StreamPurgeRequest { Filter = NatsNames.RunJobsFilter(zone, _manifest.RunId) }, ct).ConfigureAwait(false), giveUp, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < _manifest.Hosts.Count; i++)
        {
            if (seen[i] || _manifest.Hosts[i].Zone != zone)
                continue;
            await _store.PublishAsync(new HostResultMessage
            {
                RunId = _manifest.RunId,
                Index = i,
                HostName = _hosts[i].Name,
                Worker = "submitter",
                Result = new HostResult
                {
                    Host = _hosts[i],
                    Failure = FailureKind.Unreachable,
                    Error = $"no worker serves zone '{zone}': none was seen for {_options.ZoneTimeout.TotalSeconds:0} s, so this host was not run; start `vty worker --zone {zone}` where it can reach its devices, then submit again",
                    Driver = _hosts[i].Driver,
                    StartedAt = DateTimeOffset.UtcNow,
                    Attempts = 0,
                },
            }, giveUp, cancellationToken).ConfigureAwait(false);
        }
    }
}
