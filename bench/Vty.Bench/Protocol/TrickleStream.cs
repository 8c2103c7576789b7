namespace Vty.Bench.Protocol;

/// <summary>
/// Wraps a stream so every read returns at most <paramref name="piece"/> bytes: a device (or a
/// slow link, a serial console) whose output reaches the client a few bytes per read, each read
/// completing asynchronously.
/// </summary>
public sealed class TrickleStream(Stream inner, int piece) : Stream
{
    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException("A trickle stream has no length.");

    public override long Position
    {
        get => throw new NotSupportedException("A trickle stream has no position.");
        set => throw new NotSupportedException("A trickle stream has no position.");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Each read goes through the thread pool, as a read that waited for the network does, so
        // the waiting Execute gets to look at (nearly) every piece instead of many at once.
        await Task.Yield();
        return await inner.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Use ReadAsync.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Use WriteAsync.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A trickle stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A trickle stream has no length.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}
