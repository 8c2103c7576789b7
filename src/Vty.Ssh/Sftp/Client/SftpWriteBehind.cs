using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Vty.Ssh.Sftp.Client;

/// <summary>
/// Collects a download's data, which arrives in request-sized pieces, into large local writes: one
/// buffer fills while the other is being written, so the file costs one write (and one thread-pool
/// hop) per buffer instead of one per reply. Pieces that do not continue the buffer start a new one.
/// </summary>
internal sealed class SftpWriteBehind(SafeFileHandle file) : IAsyncDisposable
{
    private const int BufferSize = 512 * 1024;

    private byte[] _filling = ArrayPool<byte>.Shared.Rent(BufferSize);
    private byte[] _writing = ArrayPool<byte>.Shared.Rent(BufferSize);
    private long _fillOffset;
    private int _fillCount;
    private ValueTask _write;
    private long _writeOffset;
    private bool _writePending;

    /// <summary>After a failed local write: the lowest offset whose data may not be on disk.</summary>
    public long? LostFrom { get; private set; }

    /// <summary>Queues <paramref name="data"/> for <paramref name="offset"/>; it is copied, so the caller may reuse it.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken ct)
    {
        if (_fillCount > 0 && (offset != _fillOffset + _fillCount || _fillCount + data.Length > _filling.Length))
            await StartWriteAsync(ct);
        if (data.Length > _filling.Length)
        {
            await WaitWriteAsync();
            await WriteNowAsync(data, offset, ct);
            return;
        }
        if (_fillCount == 0) _fillOffset = offset;
        data.CopyTo(_filling.AsMemory(_fillCount));
        _fillCount += data.Length;
    }

    /// <summary>Writes everything queued and waits for it.</summary>
    public async ValueTask FlushAsync(CancellationToken ct)
    {
        if (_fillCount > 0) await StartWriteAsync(ct);
        await WaitWriteAsync();
    }

    private async ValueTask StartWriteAsync(CancellationToken ct)
    {
        try
        {
            await WaitWriteAsync();
        }
        catch
        {
            Lost(_fillOffset);
            throw;
        }
        (_filling, _writing) = (_writing, _filling);
        _writeOffset = _fillOffset;
        _write = RandomAccess.WriteAsync(file, _writing.AsMemory(0, _fillCount), _fillOffset, ct);
        _writePending = true;
        _fillCount = 0;
    }

    private async ValueTask WaitWriteAsync()
    {
        if (!_writePending) return;
        _writePending = false;
        try
        {
            await _write;
        }
        catch
        {
            Lost(_writeOffset);
            throw;
        }
    }

    private async ValueTask WriteNowAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken ct)
    {
        try
        {
            await RandomAccess.WriteAsync(file, data, offset, ct);
        }
        catch
        {
            Lost(offset);
            throw;
        }
    }

    private void Lost(long offset) => LostFrom = Math.Min(LostFrom ?? long.MaxValue, offset);

    public async ValueTask DisposeAsync()
    {
        // The buffer being written must be idle before it goes back to the pool.
        try { await WaitWriteAsync(); }
        catch (Exception) { }
        ArrayPool<byte>.Shared.Return(Interlocked.Exchange(ref _filling, []));
        ArrayPool<byte>.Shared.Return(Interlocked.Exchange(ref _writing, []));
    }
}
