using System.Buffers;
using System.IO.Pipelines;

namespace Vty.Lab.InMemory;

/// <summary>One end of an <see cref="InMemoryDuplex"/> pair: reads one pipe, writes the other.</summary>
internal sealed class PipeDuplexStream : Stream
{
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly int _maxChunk;
    private int _disposed;

    public PipeDuplexStream(PipeReader reader, PipeWriter writer, int maxChunk)
    {
        _reader = reader;
        _writer = writer;
        _maxChunk = maxChunk;
    }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException("An in-memory duplex stream has no length.");
    public override long Position
    {
        get => throw new NotSupportedException("An in-memory duplex stream has no position.");
        set => throw new NotSupportedException("An in-memory duplex stream has no position.");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (buffer.IsEmpty)
            return 0;
        while (true)
        {
            ReadResult result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> data = result.Buffer;
            if (!data.IsEmpty)
            {
                int n = (int)Math.Min(data.Length, buffer.Length);
                data.Slice(0, n).CopyTo(buffer.Span);
                _reader.AdvanceTo(data.GetPosition(n));
                return n;
            }
            _reader.AdvanceTo(data.Start);
            if (result.IsCompleted)
                return 0;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        // Write in slices so one large write cannot park more than the pipe's bound in memory.
        while (!buffer.IsEmpty)
        {
            int n = Math.Min(buffer.Length, _maxChunk);
            FlushResult flushed = await _writer.WriteAsync(buffer[..n], cancellationToken).ConfigureAwait(false);
            if (flushed.IsCompleted)
                throw new IOException("The other end of the in-memory duplex stream was closed.");
            buffer = buffer[n..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("In-memory duplex streams are asynchronous only: use ReadAsync.");

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("In-memory duplex streams are asynchronous only: use WriteAsync.");

    public override long Seek(long offset, SeekOrigin origin) =>
        throw new NotSupportedException("An in-memory duplex stream cannot seek.");

    public override void SetLength(long value) =>
        throw new NotSupportedException("An in-memory duplex stream has no length.");

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _writer.Complete();
            _reader.Complete();
        }
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
