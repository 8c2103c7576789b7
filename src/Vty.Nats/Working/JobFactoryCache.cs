using System.Collections.Concurrent;
using Vty.Fleet;
using Vty.Nats.Contracts;

namespace Vty.Nats.Working;

/// <summary>
/// Builds a run's host job once per worker (every host of a run shares its spec) and keeps the
/// last few runs' jobs; a spec the worker cannot build fails each of that run's hosts with the reason.
/// </summary>
internal sealed class JobFactoryCache(Func<JobSpec, CancellationToken, Task<HostJob>> create, int capacity = 16)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<HostJob>>> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public Task<HostJob> GetAsync(HostJobMessage job, CancellationToken cancellationToken)
    {
        Lazy<Task<HostJob>> entry = _jobs.GetOrAdd(job.RunId, runId =>
        {
            _order.Enqueue(runId);
            return new Lazy<Task<HostJob>>(() =>
            {
                JobSpecPolicy.Check(job.Spec);
                return create(job.Spec, CancellationToken.None);
            });
        });
        while (_order.Count > capacity && _order.TryDequeue(out string? old))
            _jobs.TryRemove(old, out _);
        return entry.Value.WaitAsync(cancellationToken);
    }
}
