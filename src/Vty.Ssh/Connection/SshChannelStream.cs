using Vty.Ssh.Connection;

namespace Vty.Ssh;

/// <summary>
/// A channel as a byte stream, for either role: reads return the channel's data (or its stderr for
/// <see cref="ReadsStandardError"/>), writes send data (or stderr for <see cref="WritesStandardError"/>).
/// Async only: this is network I/O. Disposing sends EOF when the stream was made to (the client's
/// stdin and forwarded connections); a server session's streams leave that to the server. A
/// stream that owns its channel (a direct-tcpip connection) closes the channel when disposed.
/// </summary>
public sealed class SshChannelStream : Stream
{
    private readonly SshChannel _channel;
    private readonly bool _canRead;
    private readonly bool _canWrite;
    private readonly bool _eofOnDispose;
    private readonly bool _ownsChannel;
    private int _disposed;

    internal SshChannelStream(SshChannel channel, bool canRead, bool canWrite, bool readsStandardError = false,
        bool writesStandardError = false, bool? eofOnDispose = null, bool ownsChannel = false)
    {
        _ownsChannel = ownsChannel;
        _channel = channel;
        _canRead = canRead;
        _canWrite = canWrite;
        ReadsStandardError = readsStandardError;
        WritesStandardError = writesStandardError;
        _eofOnDispose = eofOnDispose ?? canWrite;
    }

    /// <summary>True when reads return extended data (stderr) rather than data.</summary>
    public bool ReadsStandardError { get; }

    /// <summary>True when writes go out as extended data type 1 (stderr) rather than data.</summary>
    public bool WritesStandardError { get; }

    /// <summary>The channel under the stream.</summary>
    public SshChannel Channel => _channel;

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
        return WritesStandardError ? _channel.WriteExtendedAsync(buffer, cancellationToken) : _channel.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush() { }

    // Synchronous I/O would block a thread per channel; channels are async only.
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("SSH channel streams are asynchronous: use ReadAsync");

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("SSH channel streams are asynchronous: use WriteAsync");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Ends this stream's reads: a pending read and every later one return 0 (see <see cref="SshChannel.EndReads"/>).</summary>
    internal void EndReads()
    {
        if (_canRead) _channel.EndReads(ReadsStandardError);
    }

    /// <summary>Disposing ends reads (a pending one returns 0), then sends EOF or closes the channel as described above.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        EndReads();
        if (_ownsChannel)
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
        }
        else if (_eofOnDispose)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _channel.SendEofAsync(cts.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SshException or OperationCanceledException) { }
        }
        await base.DisposeAsync().ConfigureAwait(false);
    }

    // The transport over a jump host's channel disposes its stream synchronously: close in the background.
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsChannel && Interlocked.Exchange(ref _disposed, 1) == 0)
            _ = _channel.DisposeAsync().AsTask();
        base.Dispose(disposing);
    }
}
