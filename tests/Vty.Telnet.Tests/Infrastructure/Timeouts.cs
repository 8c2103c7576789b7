namespace Vty.Telnet.Tests.Infrastructure;

/// <summary>Upper bounds for awaits in tests: a bug fails the test instead of hanging it.</summary>
internal static class Timeouts
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Login = TimeSpan.FromSeconds(20);

    public static CancellationToken Token(TimeSpan? timeout = null) => new CancellationTokenSource(timeout ?? Step).Token;
}
