namespace Vty.Bench.Ssh.Floor;

/// <summary>
/// A stream that passes everything through and records, in the order they complete, how many bytes
/// each write sent and each read returned, merged into <see cref="ConnectFlights"/>, and how long each
/// server flight came after the client's last write (from the stream's creation for the first).
/// </summary>
internal sealed class RecordingStream(Stream inner) : Stream
{
    private readonly List<Flight> _flights = [];
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private TimeSpan _lastWrite;

    public ConnectFlights Flights
    {
        get { lock (_flights) return new ConnectFlights([.. _flights]); }
    }

    private void Add(bool fromClient, int bytes)
    {
        if (bytes <= 0) return;
        lock (_flights)
        {
            TimeSpan now = _clock.Elapsed;
            if (_flights.Count > 0 && _flights[^1].FromClient == fromClient) _flights[^1] = _flights[^1] with { Bytes = _flights[^1].Bytes + bytes };
            else _flights.Add(new Flight(fromClient, bytes, fromClient ? 0 : Math.Max(0.01, (now - _lastWrite).TotalMilliseconds)));
            if (fromClient) _lastWrite = now;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        int n = await inner.ReadAsync(buffer, ct);
        Add(false, n);
        return n;
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        await ReadAsync(buffer.AsMemory(offset, count), ct);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        Add(true, buffer.Length);
        return inner.WriteAsync(buffer, ct);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = inner.Read(buffer, offset, count);
        Add(false, n);
        return n;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Add(true, count);
        inner.Write(buffer, offset, count);
    }

    public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);

    public override void Flush() => inner.Flush();

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}
