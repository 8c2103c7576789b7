namespace Vty;

/// <summary>
/// None of the awaited patterns appeared in time. Carries what was awaited and the tail of what
/// the device did send, which usually shows why (an unexpected prompt, a pager, a question).
/// </summary>
public class ExpectTimeoutException : VtyException
{
    /// <summary>Creates the exception.</summary>
    public ExpectTimeoutException(TimeSpan timeout, IReadOnlyList<string> patterns, string receivedTail)
        : base(BuildMessage(timeout, patterns, receivedTail))
    {
        Timeout = timeout;
        Patterns = patterns;
        ReceivedTail = receivedTail;
    }

    /// <summary>Creates the exception with a message written for the situation (e.g. a command that got no prompt back).</summary>
    public ExpectTimeoutException(string message, TimeSpan timeout, IReadOnlyList<string> patterns, string receivedTail, Exception? innerException = null)
        : base(message, innerException)
    {
        Timeout = timeout;
        Patterns = patterns;
        ReceivedTail = receivedTail;
    }

    /// <summary>How long Vty waited.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The patterns that were awaited (regex source text).</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>The end (about 1 KB) of the text received and not yet consumed.</summary>
    public string ReceivedTail { get; }

    private static string BuildMessage(TimeSpan timeout, IReadOnlyList<string> patterns, string tail)
    {
        string awaited = string.Join(" | ", patterns);
        string shown = tail.Length == 0 ? "nothing" : "\"" + Escape(tail) + "\"";
        return $"No match after {timeout.TotalSeconds:0.###} s for {awaited}. Last received: {shown}. " +
            "Check the prompt patterns (or the driver), or raise the timeout for slow commands.";
    }

    private static string Escape(string text) =>
        text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
