using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Drivers;

namespace Vty.Matching;

/// <summary>Settings of a <see cref="SessionChannel"/>, taken from the protocol options.</summary>
internal sealed class SessionChannelOptions
{
    /// <summary>Name used in log lines (usually the host).</summary>
    public string Name { get; init; } = "session";

    public Encoding Encoding { get; init; } = Encoding.Latin1;

    /// <summary>Most unconsumed bytes received, or characters held, before the read loop pauses and a waiting scan fails.</summary>
    public long MaxOutput { get; init; } = Protocols.ProtocolOptions.DefaultMaxOutput;

    /// <summary>Keep the raw bytes behind the text (results carry them); false keeps text only.</summary>
    public bool KeepRawBytes { get; init; } = true;

    public int MaxOverlap { get; init; } = 1024;

    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Transport name for the byte counters' <c>vty.protocol</c> tag.</summary>
    public string Transport { get; init; } = "stream";

    public TextWriter? Transcript { get; init; }

    /// <summary>How much text from the start of the session is kept for OS guessing and the banner.</summary>
    public int HeadCaptureChars { get; init; } = 16 * 1024;

    public int ReadSize { get; init; } = 32 * 1024;

    /// <summary>Fed with the cleaned head of the session while it is captured.</summary>
    public OsGuesser? Guesser { get; init; }

    /// <summary>
    /// Disposing the stream ends a pending read with 0, as at the end of the stream (an SSH
    /// channel's stream, a Telnet connection's): closing then disposes it before it cancels the
    /// read loop, so the loop ends without unwinding a cancellation.
    /// </summary>
    public bool EndsReadsOnDispose { get; init; }
}
