using System.IO.Pipelines;
using Vty.Lab.InMemory;

namespace Vty.Lab;

/// <summary>
/// Two connected in-memory streams: what one side writes, the other side reads. Each direction is
/// bounded (a writer waits when the reader falls behind), and disposing one side ends the other
/// side's reads with end-of-stream and makes its writes fail with an <see cref="IOException"/>.
/// </summary>
public static class InMemoryDuplex
{
    /// <summary>Bytes a direction may hold before the writer has to wait for the reader.</summary>
    public const int DefaultBufferBytes = 64 * 1024;

    /// <summary>Creates a connected pair with the default per-direction buffer.</summary>
    public static (Stream Client, Stream Device) CreatePair() => CreatePair(DefaultBufferBytes);

    /// <summary>Creates a connected pair whose directions each hold at most about <paramref name="bufferBytes"/>.</summary>
    public static (Stream Client, Stream Device) CreatePair(int bufferBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferBytes, 1024);
        var options = new PipeOptions(
            pauseWriterThreshold: bufferBytes,
            resumeWriterThreshold: bufferBytes / 2,
            minimumSegmentSize: 4096,
            useSynchronizationContext: false);
        var toDevice = new Pipe(options);
        var toClient = new Pipe(options);
        int chunk = Math.Min(bufferBytes / 2, 16 * 1024);
        return (new PipeDuplexStream(toClient.Reader, toDevice.Writer, chunk),
                new PipeDuplexStream(toDevice.Reader, toClient.Writer, chunk));
    }
}
