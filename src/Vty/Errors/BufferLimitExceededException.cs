namespace Vty;

/// <summary>
/// More output arrived than <c>ProtocolOptions.MaxBufferedChars</c> allows while waiting for a
/// pattern. Usually a prompt that never matches; otherwise raise the limit.
/// </summary>
public sealed class BufferLimitExceededException : VtyException
{
    /// <summary>Creates the exception.</summary>
    public BufferLimitExceededException(long limit, IReadOnlyList<string> patterns)
        : base($"More than {limit} characters arrived without a match for {string.Join(" | ", patterns)}. " +
            "The prompt pattern probably does not match this device; otherwise raise ProtocolOptions.MaxBufferedChars.")
    {
        Limit = limit;
        Patterns = patterns;
    }

    /// <summary>The limit that was hit.</summary>
    public long Limit { get; }

    /// <summary>The patterns that were awaited.</summary>
    public IReadOnlyList<string> Patterns { get; }
}
