namespace Vty.Ssh.Server.Channels;

/// <summary>
/// A channel as a <see cref="Stream"/>: reads return what the client sent (0 at EOF), writes go
/// out as channel data (or extended data, e.g. stderr), waiting for the client's window.
/// Disposing does not close the channel; the server does that when the handler returns.
/// </summary>
internal sealed class ServerChannelStream : Stream
{
    private readonly ServerChannel _channel;
    private readonly uint? _extendedType;
    private readonly bool _canRead;

    public ServerChannelStream(ServerChannel channel, uint? extendedType, bool canRead)
    {
        _channel = channel;
        _extendedType = extendedType;
        _canRead = canRead;
    }

    public override bool CanRead => _canRead;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_canRead) throw new NotSupportedException("this stream is write-only (stderr)");
        return _channel.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _channel.WriteAsync(buffer, _extendedType, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override void Flush() { }

    // Synchronous I/O would block a thread per session; the server is async only.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("use ReadAsync");
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("use WriteAsync");
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
