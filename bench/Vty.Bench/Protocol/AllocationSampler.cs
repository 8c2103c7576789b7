using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;

namespace Vty.Bench.Protocol;

/// <summary>
/// Counts the runtime's allocation samples (one event about every 100 KB allocated, naming the
/// type that crossed the mark) by type, so a bench can say which types its bytes went to. The
/// figures are sampled: types allocated in small amounts may not show at all.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new();
    private readonly MeterListener _reads = new();
    private volatile bool _recording;
    private long _readCount;

    /// <summary>Starts listening (nothing is counted before <see cref="Start"/>).</summary>
    public AllocationSampler()
    {
        // Each measurement of vty.bytes.received is one read from the session stream.
        _reads.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "vty.bytes.received")
                listener.EnableMeasurementEvents(instrument);
        };
        _reads.SetMeasurementEventCallback<long>((_, _, _, _) =>
        {
            if (_recording)
                Interlocked.Increment(ref _readCount);
        });
        _reads.Start();
    }

    /// <summary>Reads from the session stream while recording.</summary>
    public long Reads => Interlocked.Read(ref _readCount);

    /// <summary>Starts counting (samples before this are ignored).</summary>
    public void Start()
    {
        _bytesByType.Clear();
        Interlocked.Exchange(ref _readCount, 0);
        _recording = true;
    }

    /// <summary>Stops counting and returns bytes per type, largest first.</summary>
    public IReadOnlyList<(string Type, long Bytes)> Stop()
    {
        _recording = false;
        return _bytesByType.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value)).ToArray();
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _reads.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is not { } payload)
            return;
        int typeIndex = eventData.PayloadNames?.IndexOf("TypeName") ?? -1;
        int amountIndex = eventData.PayloadNames?.IndexOf("AllocationAmount64") ?? -1;
        if (typeIndex < 0 || amountIndex < 0)
            return;
        string type = payload[typeIndex] as string ?? "?";
        long amount = Convert.ToInt64(payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture);
        _bytesByType.AddOrUpdate(type, amount, (_, total) => total + amount);
    }
}
