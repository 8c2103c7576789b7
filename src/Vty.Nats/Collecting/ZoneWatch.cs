using Vty.Nats.Contracts;

namespace Vty.Nats.Collecting;

/// <summary>Remembers when each zone of a run last had a live worker, and which zones were given up.</summary>
internal sealed class ZoneWatch(RunManifest manifest, CollectOptions options, DateTime start)
{
    private readonly Dictionary<string, DateTime> _lastServed = manifest.Hosts.Select(h => h.Zone).Distinct(StringComparer.Ordinal).ToDictionary(z => z, _ => start, StringComparer.Ordinal);
    private readonly HashSet<string> _abandoned = new(StringComparer.Ordinal);
    private readonly HashSet<string> _announced = new(StringComparer.Ordinal);

    /// <summary>Zones with hosts still without a result (and not given up).</summary>
    public IReadOnlyList<string> Waiting(bool[] seen)
    {
        var zones = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < seen.Length; i++)
            if (!seen[i] && !_abandoned.Contains(manifest.Hosts[i].Zone))
                zones.Add(manifest.Hosts[i].Zone);
        return [.. zones];
    }

    /// <summary>
    /// The waiting zones to give up now: no worker seen for longer than the zone timeout.
    /// <paramref name="served"/> null (NATS could not be asked) gives up nothing.
    /// </summary>
    public IEnumerable<string> GiveUp(IReadOnlyList<string> waiting, HashSet<string>? served, DateTime now)
    {
        if (served is null)
            yield break;
        foreach (string zone in waiting)
        {
            if (served.Contains(zone))
            {
                _lastServed[zone] = now;
                continue;
            }
            if (_announced.Add(zone))
                options.Log($"no worker serves zone '{zone}' yet; waiting up to {options.ZoneTimeout.TotalSeconds:0} s for one");
            if (now - _lastServed[zone] >= options.ZoneTimeout)
            {
                _abandoned.Add(zone);
                yield return zone;
            }
        }
    }
}
