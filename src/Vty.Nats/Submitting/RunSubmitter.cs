using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Vty.Inventory;
using Vty.Nats.Connection;
using Vty.Nats.Contracts;
using Vty.Nats.Errors;
using Vty.Nats.Topology;

namespace Vty.Nats.Submitting;

/// <summary>
/// Submits a run: checks that no host carries a secret, stores the run's manifest, and publishes one
/// job per host to its zone's subject (with a deduplication id, so a retried publish is not a second job).
/// </summary>
public static class RunSubmitter
{
    /// <summary>Builds the manifest of a run over <paramref name="hosts"/>.</summary>
    /// <exception cref="NatsRunException">A host has a literal password, or a zone name is not usable.</exception>
    public static RunManifest CreateManifest(string runId, string label, JobSpec spec, IReadOnlyList<InventoryHost> hosts)
    {
        NatsNames.CheckToken(runId, "run id");
        var entries = new List<ManifestHost>(hosts.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (InventoryHost host in hosts)
        {
            if (host.Settings.Password is not null)
                throw new NatsRunException($"host '{host.Name}' has a literal password (inventory 'password:'); secrets never travel through NATS: put it in an environment variable on the workers and name it with password_env (or VTY_PASSWORD)");
            if (!names.Add(host.Name))
                throw new NatsRunException($"host '{host.Name}' is selected twice; a distributed run reports each host once, so give each a distinct name");
            string zone = NatsNames.CheckToken(host.Settings.Zone ?? NatsNames.DefaultZone, $"zone of host '{host.Name}'");
            entries.Add(new ManifestHost(host.Name, host.Url, host.Driver, zone));
        }
        return new RunManifest { RunId = runId, Label = label, Spec = spec, SubmittedAt = DateTimeOffset.UtcNow, Hosts = entries };
    }

    /// <summary>Stores the manifest and publishes the jobs.</summary>
    public static async Task SubmitAsync(NatsSession session, RunManifest manifest, IReadOnlyList<InventoryHost> hosts, SubmitOptions options, CancellationToken cancellationToken)
    {
        if (options.MaxDeliveries < 1)
            throw new NatsRunException($"--max-deliveries must be at least 1, not {options.MaxDeliveries}");
        await NatsTopology.EnsureAsync(session, options.ResultsTtl, options.PresenceTtl, cancellationToken).ConfigureAwait(false);
        TimeSpan giveUp = TimeSpan.FromMinutes(2);
        byte[] manifestBytes = NatsJson.Serialize(manifest);
        await session.PutObjectAsync(NatsNames.ManifestObject(manifest.RunId), manifestBytes, giveUp, cancellationToken).ConfigureAwait(false);

        using var window = new SemaphoreSlim(options.PublishWindow, options.PublishWindow);
        var publishes = new List<Task>(hosts.Count);
        for (int i = 0; i < hosts.Count; i++)
        {
            await window.WaitAsync(cancellationToken).ConfigureAwait(false);
            int index = i;
            var job = new HostJobMessage
            {
                RunId = manifest.RunId,
                Index = index,
                Zone = manifest.Hosts[index].Zone,
                Host = hosts[index],
                Spec = manifest.Spec,
                MaxDeliveries = options.MaxDeliveries,
            };
            publishes.Add(PublishAsync(session, job, giveUp, window, cancellationToken));
        }
        await Task.WhenAll(publishes).ConfigureAwait(false);
    }

    private static async Task PublishAsync(NatsSession session, HostJobMessage job, TimeSpan giveUp, SemaphoreSlim window, CancellationToken cancellationToken)
    {
        try
        {
            byte[] body = NatsJson.Serialize(job);
            if (body.Length > session.MaxPayload)
                throw new NatsRunException($"the job of host '{job.Host.Name}' is {body.Length} bytes, more than the NATS server takes in one message ({session.MaxPayload}); shorten the task file or the command list");
            PubAckResponse ack = await NatsRetry.RunAsync(ct => session.JetStream.PublishAsync(
                    NatsNames.JobSubject(job.Zone, job.RunId, job.Index), body,
                    opts: new NatsJSPubOpts { MsgId = NatsNames.MessageId("job", job.RunId, job.Index) }, cancellationToken: ct),
                giveUp, cancellationToken).ConfigureAwait(false);
            ack.EnsureSuccess();
        }
        catch (NatsJSDuplicateMessageException)
        {
            // Published before its acknowledgement was lost: one job, as it should be.
        }
        finally
        {
            window.Release();
        }
    }

    /// <summary>Reads a run's manifest back.</summary>
    /// <exception cref="NatsRunException">No such run (never submitted, or its results expired).</exception>
    public static async Task<RunManifest> LoadManifestAsync(NatsSession session, string runId, CancellationToken cancellationToken)
    {
        NatsNames.CheckToken(runId, "run id");
        try
        {
            byte[] bytes = await NatsRetry.RunAsync(async ct =>
            {
                var store = await session.Objects.GetObjectStoreAsync(NatsNames.RunsBucket, ct).ConfigureAwait(false);
                return await store.GetBytesAsync(NatsNames.ManifestObject(runId), ct).ConfigureAwait(false);
            }, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
            return NatsJson.Deserialize<RunManifest>(bytes);
        }
        catch (Exception e) when (e is NATS.Client.ObjectStore.NatsObjNotFoundException or NATS.Client.ObjectStore.NatsObjException or NatsJSApiException { Error.Code: 404 })
        {
            throw new NatsRunException($"no run '{runId}' on {session.Url}: it was never submitted there, or its results expired (see --results-ttl)", e);
        }
    }
}
