using Vty.Ssh.Connection;

namespace Vty.Ssh;

/// <summary>
/// A channel as a byte stream: reads return the channel's data (or its stderr for
/// <see cref="ReadsStandardError"/>), writes send data. Async only: this is network I/O.
/// Disposing sends EOF (for writable streams).
/// </summary>
public sealed class SshChannelStream : Stream
{
    private readonly SshChannel _channel;
    private readonly bool _canRead;
    private readonly bool _canWrite;

    internal SshChannelStream(SshChannel channel, bool canRead, bool canWrite, bool readsStandardError = false)
    {
        _channel = channel;
        _canRead = canRead;
        _canWrite = canWrite;
        ReadsStandardError = readsStandardError;
    }

    /// <summary>True when reads return extended data (stderr) rather than data.</summary>
    public bool ReadsStandardError { get; }

    public override bool CanRead => _canRead;
    public override bool CanWrite => _canWrite;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_canRead) throw new NotSupportedException("this SSH channel stream is write-only");
        return ReadsStandardError ? _channel.ReadExtendedAsync(buffer, cancellationToken) : _channel.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_canWrite) throw new NotSupportedException("this SSH channel stream is read-only");
        return _channel.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("SSH channel streams are asynchronous: use ReadAsync");

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("SSH channel streams are asynchronous: use WriteAsync");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (_canWrite)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _channel.SendEofAsync(cts.Token);
            }
            catch (Exception e) when (e is SshException or OperationCanceledException) { }
        }
        await base.DisposeAsync();
    }
}
