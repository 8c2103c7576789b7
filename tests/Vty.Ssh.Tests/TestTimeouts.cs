namespace Vty.Ssh.Tests;

/// <summary>Bounds for every await in the tests, so a bug fails a test instead of hanging it.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Short = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    public static CancellationToken ShortToken() => new CancellationTokenSource(Short).Token;
    public static CancellationToken LongToken() => new CancellationTokenSource(Long).Token;
}
