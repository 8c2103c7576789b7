using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Vty.Bench.Fleet;

/// <summary>
/// Counts first-chance exceptions (every throw, including each re-throw by an awaiting async
/// method). With <c>sites</c> it also groups them by type and the first frames of the throwing
/// stack, which costs a stack walk per throw: a profiling aid, not for measured runs.
/// </summary>
internal sealed class ExceptionCounter : IDisposable
{
    private const int Frames = 8;
    private readonly ConcurrentDictionary<string, int>? _sites;
    private long _count;

    public ExceptionCounter(bool sites)
    {
        _sites = sites ? new ConcurrentDictionary<string, int>(StringComparer.Ordinal) : null;
        AppDomain.CurrentDomain.FirstChanceException += OnException;
    }

    public long Count => Interlocked.Read(ref _count);

    /// <summary>The most frequent throw sites, most frequent first (empty without <c>sites</c>).</summary>
    public IEnumerable<(string Site, int Count)> TopSites(int n) =>
        _sites is null ? [] : _sites.OrderByDescending(s => s.Value).Take(n).Select(s => (s.Key, s.Value));

    public void Dispose() => AppDomain.CurrentDomain.FirstChanceException -= OnException;

    private void OnException(object? sender, FirstChanceExceptionEventArgs e)
    {
        Interlocked.Increment(ref _count);
        if (_sites is null)
            return;
        var frames = new StackTrace(1, false).GetFrames()
            .Select(f => f.GetMethod())
            .Where(m => m?.DeclaringType?.Namespace?.StartsWith("System.Runtime", StringComparison.Ordinal) == false)
            .Take(Frames)
            .Select(m => Describe(m!));
        _sites.AddOrUpdate($"{e.Exception.GetType().Name} at {string.Join(" < ", frames)}", 1, (_, n) => n + 1);
    }

    // An async method's frames belong to its state machine (<ReadAsync>d__13.MoveNext): name the class that declares it.
    private static string Describe(System.Reflection.MethodBase method) =>
        method.DeclaringType is { Name: ['<', ..] } machine && machine.DeclaringType is { } owner
            ? $"{owner.Name}.{machine.Name}"
            : $"{method.DeclaringType?.Name}.{method.Name}";
}
