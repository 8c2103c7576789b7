using System.Text.RegularExpressions;

namespace Vty.Matching;

// Monitors: callbacks on every match in new data, independent of the waiter.
internal sealed partial class SessionChannel
{
    /// <summary>Calls <paramref name="callback"/> for every match of <paramref name="pattern"/> within the last <paramref name="limit"/> characters of new data.</summary>
    public IDisposable AddMonitor(Regex pattern, Action<Regex, Match> callback, int limit)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        MonitorEntry entry;
        lock (_gate)
        {
            entry = new MonitorEntry(this, pattern, callback, limit) { Cursor = _buffer.End };
            _monitors = [.. _monitors, entry];
        }

        return entry;
    }

    private List<(MonitorEntry, Match)>? ScanMonitors(long committedBefore)
    {
        List<(MonitorEntry, Match)>? fired = null;
        foreach (var monitor in _monitors)
        {
            long from = Math.Max(Math.Max(monitor.Cursor, committedBefore - monitor.Limit), _buffer.Start);
            long spanStart = Math.Max(_buffer.Start, from - ReceiveBuffer.ContextChars);
            var span = _buffer.Slice(spanStart, _buffer.End);
            List<long>? starts = null;
            foreach (var m in monitor.Pattern.EnumerateMatches(span, (int)(from - spanStart)))
            {
                if (m.Length == 0)
                    continue;
                (starts ??= []).Add(spanStart + m.Index);
            }

            if (starts is null)
                continue;
            foreach (long start in starts)
            {
                var match = PatternScanner.Materialize(_buffer, monitor.Pattern, start, _buffer.Start);
                if (!match.Success)
                    continue;
                (fired ??= []).Add((monitor, match));
                monitor.Cursor = start + match.Length;
            }
        }

        return fired;
    }

    private void RemoveMonitor(MonitorEntry entry)
    {
        lock (_gate)
            _monitors = _monitors.Where(m => m != entry).ToArray();
    }

    private sealed class MonitorEntry(SessionChannel owner, Regex pattern, Action<Regex, Match> callback, int limit) : IDisposable
    {
        public Regex Pattern { get; } = pattern;

        public Action<Regex, Match> Callback { get; } = callback;

        public int Limit { get; } = limit;

        public long Cursor { get; set; }

        public void Dispose() => owner.RemoveMonitor(this);
    }
}
