using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using NATS.Client.ObjectStore;
using Vty.Nats.Connection;
using Vty.Nats.Errors;

namespace Vty.Nats.Topology;

/// <summary>
/// Creates (or adopts) what distributed runs use on the server: the jobs work queue, the results
/// stream, the workers' presence bucket and the runs object store, and a zone's shared consumer.
/// </summary>
public static class NatsTopology
{
    /// <summary>How long results and manifests stay when nobody says otherwise.</summary>
    public static readonly TimeSpan DefaultResultsTtl = TimeSpan.FromDays(7);

    /// <summary>
    /// Ensures the streams and buckets exist. Existing ones are adopted as they are (an operator may
    /// have created them with three replicas on a cluster); only the results' lifetime is changed,
    /// and only when <paramref name="resultsTtl"/> asks for it.
    /// </summary>
    public static async Task EnsureAsync(NatsSession session, TimeSpan? resultsTtl, TimeSpan presenceTtl, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureStreamAsync(session, new StreamConfig(NatsNames.JobsStream, ["vty.jobs.>"])
            {
                Retention = StreamConfigRetention.Workqueue,
                Storage = StreamConfigStorage.File,
                DuplicateWindow = TimeSpan.FromMinutes(2),
                // A job nobody took within the results' lifetime is stale.
                MaxAge = resultsTtl ?? DefaultResultsTtl,
            }, newMaxAge: null, cancellationToken).ConfigureAwait(false);

            TimeSpan ttl = await EnsureStreamAsync(session, new StreamConfig(NatsNames.ResultsStream, ["vty.results.>", "vty.claims.>"])
            {
                Retention = StreamConfigRetention.Limits,
                Storage = StreamConfigStorage.File,
                DuplicateWindow = TimeSpan.FromMinutes(2),
                MaxAge = resultsTtl ?? DefaultResultsTtl,
                AllowDirect = true,
            }, resultsTtl, cancellationToken).ConfigureAwait(false);

            try
            {
                await session.KeyValue.GetStoreAsync(NatsNames.WorkersBucket, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NatsKVException or NatsJSApiException { Error.Code: 404 })
            {
                await CreateUnlessRacedAsync(
                    () => session.KeyValue.CreateOrUpdateStoreAsync(new NatsKVConfig(NatsNames.WorkersBucket)
                    {
                        History = 1,
                        MaxAge = presenceTtl,
                        Storage = NatsKVStorageType.File,
                    }, cancellationToken).AsTask(),
                    () => session.KeyValue.GetStoreAsync(NatsNames.WorkersBucket, cancellationToken).AsTask()).ConfigureAwait(false);
            }

            try
            {
                await session.Objects.GetObjectStoreAsync(NatsNames.RunsBucket, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NatsObjException or NatsJSApiException { Error.Code: 404 })
            {
                await CreateUnlessRacedAsync(
                    () => session.Objects.CreateObjectStoreAsync(new NatsObjConfig(NatsNames.RunsBucket) { MaxAge = ttl, Storage = NatsObjStorageType.File }, cancellationToken).AsTask(),
                    () => session.Objects.GetObjectStoreAsync(NatsNames.RunsBucket, cancellationToken).AsTask()).ConfigureAwait(false);
            }
        }
        catch (NatsJSApiException e)
        {
            throw new NatsRunException($"NATS refused to set up the vty streams at {session.Url}: {e.Error.Description} (code {e.Error.ErrCode}); check the account's JetStream limits and permissions", e);
        }
    }

    /// <summary>Creates the stream when missing, else adopts it (setting its max age when asked); returns its max age.</summary>
    private static async Task<TimeSpan> EnsureStreamAsync(NatsSession session, StreamConfig wanted, TimeSpan? newMaxAge, CancellationToken cancellationToken)
    {
        try
        {
            INatsJSStream stream = await session.JetStream.GetStreamAsync(wanted.Name!, cancellationToken: cancellationToken).ConfigureAwait(false);
            StreamConfig existing = stream.Info.Config;
            if (newMaxAge is { } age && existing.MaxAge != age)
            {
                existing.MaxAge = age;
                await session.JetStream.UpdateStreamAsync(existing, cancellationToken).ConfigureAwait(false);
            }
            return existing.MaxAge;
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            await CreateUnlessRacedAsync(
                () => session.JetStream.CreateStreamAsync(wanted, cancellationToken).AsTask(),
                () => session.JetStream.GetStreamAsync(wanted.Name!, cancellationToken: cancellationToken).AsTask()).ConfigureAwait(false);
            return wanted.MaxAge;
        }
    }

    /// <summary>
    /// Creates a stream or bucket that was missing a moment ago. Workers and submitters set up at
    /// the same time (three workers started together), so the create can lose to another party's:
    /// the server then answers "stream name already in use" (10058) or, while the other create is
    /// still being applied, "subjects overlap with an existing stream" (10065). Then what the other
    /// party made is adopted, provided it can be read back; otherwise the create's error stands.
    /// </summary>
    internal static async Task CreateUnlessRacedAsync<TCreated, TFound>(Func<Task<TCreated>> create, Func<Task<TFound>> find)
    {
        try
        {
            await create().ConfigureAwait(false);
        }
        catch (NatsJSApiException race) when (race.Error.ErrCode is 10058 or 10065)
        {
            try
            {
                await find().ConfigureAwait(false);
            }
            catch (Exception e) when (e is NatsJSApiException or NatsKVException or NatsObjException)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(race);
            }
        }
    }

    /// <summary>The shared durable consumer of a zone's jobs; every worker of the zone pulls from it.</summary>
    public static async Task<INatsJSConsumer> ZoneConsumerAsync(NatsSession session, string zone, TimeSpan ackWait, CancellationToken cancellationToken)
    {
        try
        {
            return await session.JetStream.CreateOrUpdateConsumerAsync(NatsNames.JobsStream, new ConsumerConfig(NatsNames.ZoneConsumer(zone))
            {
                DurableName = NatsNames.ZoneConsumer(zone),
                FilterSubject = NatsNames.ZoneFilter(zone),
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                AckWait = ackWait,
                // Deliveries are counted by the worker against each job's own limit, so that a
                // job past it is reported failed with its reason instead of vanishing.
                MaxDeliver = -1,
                MaxAckPending = 100_000,
                DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (NatsJSApiException e)
        {
            throw new NatsRunException($"NATS refused the consumer of zone '{zone}': {e.Error.Description} (code {e.Error.ErrCode})", e);
        }
    }
}
