using System.Diagnostics;
using System.Diagnostics.Metrics;
using Vty.Diagnostics;

namespace Vty.Bench.Fleet;

/// <summary>
/// Listens to the <c>Vty</c> meter and activity source the way an exporter does: every measurement
/// is taken (summed per instrument), every activity is recorded with its tags and counted when it stops.
/// </summary>
internal sealed class TelemetrySink : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private long _measurements;
    private long _stopped;

    public TelemetrySink()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == VtyTelemetry.Name)
                listener.EnableMeasurementEvents(instrument);
        };
        _meters.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref _measurements));
        _meters.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _measurements));
        _meters.Start();
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == VtyTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => Interlocked.Increment(ref _stopped),
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public override string ToString() => $"{Interlocked.Read(ref _measurements)} measurements, {Interlocked.Read(ref _stopped)} activities";

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }
}
