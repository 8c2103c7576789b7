namespace Vty.Bench.Fleet;

/// <summary>The process's garbage-collector counters at one moment; the difference of two is what a span cost.</summary>
internal readonly record struct GcCounts(double AllocatedMiB, int Gen0, int Gen1, int Gen2, TimeSpan Pause)
{
    public static GcCounts Now() => new(
        GC.GetTotalAllocatedBytes() / (1024.0 * 1024.0),
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public static GcCounts operator -(GcCounts after, GcCounts before) => new(
        after.AllocatedMiB - before.AllocatedMiB, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1,
        after.Gen2 - before.Gen2, after.Pause - before.Pause);
}
