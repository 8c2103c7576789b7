using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Vty.Ssh.Tests.Server.Support;

/// <summary>Collects the server's log lines so tests can check that a cut-off was logged.</summary>
internal sealed class TestLog : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue($"{logLevel}: {formatter(state, exception)}");

    /// <summary>Waits until a line containing every fragment appears; fails the test after the timeout.</summary>
    public async Task<string> WaitForAsync(TimeSpan timeout, params string[] fragments)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            string? line = _lines.FirstOrDefault(l => fragments.All(f => l.Contains(f, StringComparison.OrdinalIgnoreCase)));
            if (line is not null) return line;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"no log line with [{string.Join(", ", fragments)}] within {timeout}; log:\n{string.Join("\n", _lines.TakeLast(30))}");
            await Task.Delay(20);
        }
    }
}
