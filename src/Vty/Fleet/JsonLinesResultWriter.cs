using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Vty.Fleet;

/// <summary>
/// Writes each finished host as one JSON line (see <see cref="HostResultJson"/>) and flushes it at
/// once, so a reader of the output sees every host as it finishes. Over a <see cref="Stream"/> the
/// line is built as UTF-8 in a reused buffer and written in one call; over a
/// <see cref="TextWriter"/> it goes through the writer (which may split it into several writes:
/// the console's flushes every 256 characters).
/// </summary>
public sealed class JsonLinesResultWriter : IFleetObserver
{
    private static readonly byte[] NewLine = Encoding.UTF8.GetBytes(Environment.NewLine);

    // A line above this (a host with megabytes of output) is written, then its buffer let go.
    private const int KeptBufferBytes = 1024 * 1024;

    private readonly TextWriter? _writer;
    private readonly Stream? _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ArrayBufferWriter<byte> _line = new(4096);

    /// <summary>Writes lines through <paramref name="writer"/> (its encoding and newline).</summary>
    public JsonLinesResultWriter(TextWriter writer) => _writer = writer;

    /// <summary>Writes UTF-8 lines to <paramref name="stream"/>, one write and one flush per host.</summary>
    public JsonLinesResultWriter(Stream stream) => _stream = stream;

    public ValueTask HostNotStartedAsync(HostResult result, CancellationToken cancellationToken) =>
        HostFinishedAsync(result, cancellationToken);

    public async ValueTask HostFinishedAsync(HostResult result, CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            await _writer.WriteLineAsync(HostResultJson.Serialize(result).AsMemory(), cancellationToken).ConfigureAwait(false);
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _line.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(_line, HostResultJson.LineWriterOptions))
                HostResultJson.Write(json, result);
            _line.Write(NewLine);
            await _stream!.WriteAsync(_line.WrittenMemory, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (_line.Capacity > KeptBufferBytes)
                _line = new ArrayBufferWriter<byte>(4096);
        }
        finally
        {
            _gate.Release();
        }
    }
}
