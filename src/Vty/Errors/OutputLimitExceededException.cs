using Vty.Protocols;

namespace Vty;

/// <summary>
/// The device sent more than the output limit (<see cref="ProtocolOptions.MaxOutput"/>, the
/// inventory's <c>max_output:</c>, <c>vty --max-output</c>) without anything matching what was
/// awaited: a prompt pattern that does not fit the device, or a device streaming without end.
/// The session stopped reading; close it.
/// </summary>
public sealed class OutputLimitExceededException : VtyException
{
    /// <summary>Creates the exception.</summary>
    public OutputLimitExceededException(long limit, long bytesReceived, IReadOnlyList<string> patterns, string receivedTail)
        : base($"The device sent more than {ByteSize.Format(limit)} (the output limit) without a match for {string.Join(" | ", patterns)}. " +
            "Either the prompt pattern does not fit this device, or the device streams without end; if the output really is that big, " +
            "raise the limit (vty --max-output, inventory max_output:, ProtocolOptions.MaxOutput).")
    {
        Limit = limit;
        BytesReceived = bytesReceived;
        Patterns = patterns;
        ReceivedTail = receivedTail;
    }

    /// <summary>The limit that was hit (bytes, or characters after cleaning).</summary>
    public long Limit { get; }

    /// <summary>Bytes received and not consumed when the wait failed.</summary>
    public long BytesReceived { get; }

    /// <summary>The patterns that were awaited.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>The last ~1 KB received (secrets redacted).</summary>
    public string ReceivedTail { get; }
}
