namespace Vty.Telnet.Session;

/// <summary>
/// The application-data view of a session: reads give data with options handled and IAC undoubled,
/// writes are escaped. Async only; one reader at a time.
/// </summary>
internal sealed class TelnetDataStream : Stream
{
    private readonly TelnetSession _session;
    private readonly bool _ownsSession;
    private DataChunk _chunk;
    private int _offset;
    private int _disposed;

    public TelnetDataStream(TelnetSession session, bool ownsSession)
    {
        _session = session;
        _ownsSession = ownsSession;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException("A Telnet stream has no length.");

    public override long Position
    {
        get => throw new NotSupportedException("A Telnet stream cannot seek.");
        set => throw new NotSupportedException("A Telnet stream cannot seek.");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_chunk.IsEnd)
        {
            _chunk = await _session.ReadChunkAsync(cancellationToken).ConfigureAwait(false);
            _offset = 0;
            if (_chunk.IsEnd)
            {
                return 0;
            }
        }

        var count = Math.Min(buffer.Length, _chunk.Length - _offset);
        _chunk.Buffer.AsSpan(_offset, count).CopyTo(buffer.Span);
        _offset += count;
        if (_offset == _chunk.Length)
        {
            _chunk.Return();
            _chunk = default;
        }

        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _session.WriteDataAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _session.WriteDataAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
        // Writes go straight to the socket: nothing is buffered here.
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The Telnet stream is asynchronous only: use ReadAsync.");

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The Telnet stream is asynchronous only: use WriteAsync.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A Telnet stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A Telnet stream cannot seek.");

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _chunk.Return();
        _chunk = default;
        if (_ownsSession)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _chunk.Return();
            _chunk = default;
            if (_ownsSession)
            {
                // Sync Dispose cannot await: start the close and let it finish on its own.
                _ = _session.DisposeAsync().AsTask();
            }
        }

        base.Dispose(disposing);
    }
}
