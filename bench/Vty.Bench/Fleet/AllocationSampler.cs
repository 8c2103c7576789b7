using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Vty.Bench.Fleet;

/// <summary>
/// Groups allocated bytes by type from the runtime's allocation-tick events (one per ~100 KB
/// allocated, naming the type that crossed the mark), in process: a profiling aid for
/// <c>--alloc-types</c>, not for measured runs.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const long GcKeyword = 0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    /// <summary>The types with the most sampled bytes, and their share of all sampled bytes.</summary>
    public IEnumerable<(string Type, double Share)> Top(int n)
    {
        double total = Math.Max(1, _bytes.Values.Sum());
        return _bytes.OrderByDescending(b => b.Value).Take(n).Select(b => (b.Key, b.Value / total));
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null)
            return;
        int typeIndex = e.PayloadNames.IndexOf("TypeName");
        int amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
        if (typeIndex < 0 || amountIndex < 0)
            return;
        string type = e.Payload![typeIndex] as string ?? "?";
        long amount = Convert.ToInt64(e.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture);
        _bytes.AddOrUpdate(type, amount, (_, total) => total + amount);
    }
}
