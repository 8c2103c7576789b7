using Vty.Ssh.Sftp.Client;
using Vty.Ssh.Sftp.Protocol;

namespace Vty.Ssh.Sftp;

/// <summary>
/// A remote file as a seekable, asynchronous <see cref="Stream"/>. Sequential reads keep a growing
/// number of read requests ahead of the position (up to <see cref="SftpClientOptions.MaxRequestsInFlight"/>);
/// writes are sent without waiting for their replies, and an error in one surfaces on a later write,
/// on <see cref="FlushAsync(CancellationToken)"/> or on dispose. Only the async methods are supported.
/// </summary>
public sealed class SftpFileStream : Stream
{
    private readonly SftpClient _client;
    private readonly SftpHandle _handle;
    private readonly FileAccess _access;
    private readonly Queue<(long Offset, int Length, Task<SftpFrame> Reply)> _readAhead = new();
    private readonly Queue<Task> _writes = new();
    private SftpFrame? _current;
    private ReadOnlyMemory<byte> _currentData;
    private long _position;
    private long _nextRead;
    private int _readWindow = 1;
    private bool _atEof;
    private bool _disposed;

    internal SftpFileStream(SftpClient client, SftpHandle handle, FileAccess access, long position)
    {
        _client = client;
        _handle = handle;
        _access = access;
        _position = position;
        _nextRead = position;
    }

    /// <summary>The remote path.</summary>
    public string Path => _handle.Path;

    public override bool CanRead => !_disposed && _access.HasFlag(FileAccess.Read);

    public override bool CanWrite => !_disposed && _access.HasFlag(FileAccess.Write);

    public override bool CanSeek => !_disposed;

    public override long Length => throw new NotSupportedException("use GetLengthAsync: the length of a remote file needs a round trip");

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    /// <summary>The current size of the remote file (after pending writes land).</summary>
    public async Task<long> GetLengthAsync(CancellationToken ct)
    {
        await FlushAsync(ct);
        return (await _client.GetAttributesAsync(_handle, ct)).Size ?? 0;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => throw new NotSupportedException("SeekOrigin.End needs the remote length: seek to (await GetLengthAsync()) + offset instead"),
        };
        if (target < 0) throw new IOException($"cannot seek to {target}, before the start of {Path}");
        if (target != _position) DiscardReadAhead();
        _position = target;
        _nextRead = target;
        return target;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!CanRead) throw new NotSupportedException($"{Path} was opened without read access");
        if (buffer.IsEmpty) return 0;
        await FlushAsync(cancellationToken);
        while (_currentData.IsEmpty)
        {
            if (_atEof) return 0;
            ReleaseCurrent();
            int chunk = _client.ChunkSize;
            while (_readAhead.Count < _readWindow)
            {
                _readAhead.Enqueue((_nextRead, chunk, _client.ReadFrameAsync(_handle, _nextRead, chunk, cancellationToken)));
                _nextRead += chunk;
            }
            _readWindow = Math.Min(_readWindow * 2, _client.Options.MaxRequestsInFlight);
            (long offset, int length, Task<SftpFrame> reply) = _readAhead.Dequeue();
            SftpFrame frame;
            try
            {
                frame = await reply;
            }
            catch
            {
                DiscardReadAhead();
                throw;
            }
            ReadOnlyMemory<byte> data;
            try
            {
                data = SftpReplies.DataMemory(frame, Path);
            }
            catch
            {
                frame.Release();
                DiscardReadAhead();
                throw;
            }
            if (data.IsEmpty)
            {
                frame.Release();
                DiscardReadAhead();
                _atEof = true;
                return 0;
            }
            if (data.Length < length)
            {
                // A short read: the requests already queued start past a gap; ask again from the gap.
                int window = _readWindow;
                DiscardReadAhead();
                _readWindow = window;
                _nextRead = offset + data.Length;
            }
            _current = frame;
            _currentData = data;
        }
        int n = Math.Min(buffer.Length, _currentData.Length);
        _currentData[..n].CopyTo(buffer);
        _currentData = _currentData[n..];
        _position += n;
        if (_currentData.IsEmpty) ReleaseCurrent();
        return n;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!CanWrite) throw new NotSupportedException($"{Path} was opened without write access");
        DiscardReadAhead();
        while (!buffer.IsEmpty)
        {
            while (_writes.Count >= _client.Options.MaxRequestsInFlight)
                await _writes.Dequeue();
            int n = Math.Min(buffer.Length, _client.ChunkSize);
            _writes.Enqueue(_client.WriteChunkAsync(_handle, _position, buffer[..n], cancellationToken));
            _position += n;
            buffer = buffer[n..];
        }
        _nextRead = _position;
    }

    /// <summary>Waits for every pending write; throws the first write error.</summary>
    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_writes.TryDequeue(out Task? write))
            await write.WaitAsync(cancellationToken);
    }

    /// <summary>Pending writes, then fsync@openssh.com: the data is on the server's disk.</summary>
    public async Task SyncAsync(CancellationToken ct)
    {
        await FlushAsync(ct);
        await _client.SyncAsync(_handle, ct);
    }

    /// <summary>Truncates or extends the remote file (fsetstat size).</summary>
    public async Task SetLengthAsync(long length, CancellationToken ct)
    {
        await FlushAsync(ct);
        DiscardReadAhead();
        await _client.SetAttributesAsync(_handle, new SftpFileAttributes { Size = length }, ct);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("SFTP file streams are asynchronous: use ReadAsync");

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("SFTP file streams are asynchronous: use WriteAsync");

    public override void Flush()
    {
        if (_writes.Count > 0) throw new NotSupportedException("SFTP file streams are asynchronous: use FlushAsync");
    }

    public override void SetLength(long value) => throw new NotSupportedException("use SetLengthAsync");

    private void ReleaseCurrent()
    {
        _current?.Release();
        _current = null;
        _currentData = ReadOnlyMemory<byte>.Empty;
    }

    private void DiscardReadAhead()
    {
        ReleaseCurrent();
        _atEof = false;
        _readWindow = 1;
        _nextRead = _position;
        while (_readAhead.TryDequeue(out var pending))
        {
            // Replies still on their way are released when they arrive.
            _ = pending.Reply.ContinueWith(static t =>
            {
                if (t.IsCompletedSuccessfully) t.Result.Release();
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        DiscardReadAhead();
        try
        {
            using var timeout = new CancellationTokenSource(_client.Options.OperationTimeout);
            await FlushAsync(timeout.Token);
            await _client.CloseAsync(_handle, timeout.Token);
        }
        finally
        {
            await base.DisposeAsync();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            // Synchronous dispose cannot wait for the server: the handle is closed in the background.
            _disposed = true;
            DiscardReadAhead();
            _ = _client.CloseQuietlyAsync(_handle);
        }
        base.Dispose(disposing);
    }
}
