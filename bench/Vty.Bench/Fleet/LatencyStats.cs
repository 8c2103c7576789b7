namespace Vty.Bench.Fleet;

/// <summary>Percentiles of a set of latencies (nearest-rank), in milliseconds.</summary>
internal sealed class LatencyStats
{
    private readonly double[] _sortedMs;

    public LatencyStats(IEnumerable<TimeSpan> samples)
    {
        _sortedMs = samples.Select(s => s.TotalMilliseconds).Order().ToArray();
    }

    public int Count => _sortedMs.Length;

    /// <summary>The <paramref name="percent"/>th percentile (nearest rank); 0 when there are no samples.</summary>
    public double Percentile(double percent)
    {
        if (_sortedMs.Length == 0) return 0;
        int rank = (int)Math.Ceiling(percent / 100.0 * _sortedMs.Length);
        return _sortedMs[Math.Clamp(rank - 1, 0, _sortedMs.Length - 1)];
    }

    public double Max => _sortedMs.Length == 0 ? 0 : _sortedMs[^1];

    public override string ToString() =>
        $"p50 {Percentile(50):0.00} ms, p90 {Percentile(90):0.00} ms, p99 {Percentile(99):0.00} ms, max {Max:0.00} ms (n={Count})";
}
