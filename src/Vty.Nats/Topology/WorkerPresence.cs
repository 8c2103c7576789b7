using NATS.Client.KeyValueStore;
using Vty.Nats.Connection;

namespace Vty.Nats.Topology;

/// <summary>
/// Workers announce themselves per zone in a key-value bucket whose entries expire: a zone with no
/// key has no live worker. Submitters read it to report a zone nobody serves instead of waiting.
/// </summary>
public static class WorkerPresence
{
    /// <summary>How long a worker's announcement lives without renewal.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromSeconds(15);

    /// <summary>How often workers renew it.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    /// <summary>The zones that have at least one live worker, or null when NATS could not be asked.</summary>
    public static async Task<HashSet<string>?> ServedZonesAsync(NatsSession session, CancellationToken cancellationToken)
    {
        try
        {
            INatsKVStore store = await session.KeyValue.GetStoreAsync(NatsNames.WorkersBucket, cancellationToken).ConfigureAwait(false);
            var zones = new HashSet<string>(StringComparer.Ordinal);
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(10));
            await foreach (string key in store.GetKeysAsync(cancellationToken: bounded.Token).ConfigureAwait(false))
            {
                int dot = key.IndexOf('.', StringComparison.Ordinal);
                if (dot > 0)
                    zones.Add(key[..dot]);
            }
            return zones;
        }
        catch (Exception e) when (NatsRetry.IsTransient(e) || e is OperationCanceledException && !cancellationToken.IsCancellationRequested || e is NATS.Client.Core.NatsException)
        {
            return null;
        }
    }
}
