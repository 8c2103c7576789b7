using Microsoft.Win32.SafeHandles;
using Vty.Ssh.FileTransfer;
using Vty.Ssh.Sftp.Protocol;

namespace Vty.Ssh.Sftp.Client;

/// <summary>
/// One local file to the server with many writes in flight; a failed or lost write stops the upload
/// with the confirmed prefix. The file is read in blocks of several requests, straight into the
/// WRITE packets (one scatter read per block, the next block read while this one is sent), and
/// each block's requests go out in one channel write.
/// </summary>
internal sealed class SftpUpload(SftpClient client, string localPath, string remotePath, FileTransferOptions options)
{
    // Requests per block: 16 × 64 KiB = 1 MiB per local read and per channel write.
    private const int RequestsPerBlock = 16;

    private readonly Queue<(long Offset, int Length, ValueTask<SftpFrame> Reply)> _inFlight = new();

    public async Task<long> RunAsync(CancellationToken ct)
    {
        using SafeFileHandle local = File.OpenHandle(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        long size = RandomAccess.GetLength(local);
        var info = new FileInfo(localPath);
        SftpFileAttributes? create = options.Preserve && !OperatingSystem.IsWindows() ? SftpFileAttributes.WithMode(info.UnixFileMode) : null;
        SftpHandle handle = await client.OpenFileAsync(remotePath, SftpOpenMode.Write | SftpOpenMode.Create | SftpOpenMode.Truncate, create, ct);
        try
        {
            long sent = await CopyAsync(local, handle, size, ct);
            if (options.Preserve)
            {
                await client.SetAttributesAsync(handle, new SftpFileAttributes
                {
                    Permissions = OperatingSystem.IsWindows() ? null : (uint)info.UnixFileMode,
                    LastAccessTime = info.LastAccessTimeUtc,
                    LastWriteTime = info.LastWriteTimeUtc,
                }, ct);
            }
            await client.CloseAsync(handle, ct);
            return sent;
        }
        catch
        {
            await client.CloseQuietlyAsync(handle);
            throw;
        }
    }

    private async Task<long> CopyAsync(SafeFileHandle local, SftpHandle handle, long size, CancellationToken ct)
    {
        var progress = new ProgressReporter(options, remotePath, size);
        int window = client.Options.MaxRequestsInFlight;
        int perBlock = Math.Min(RequestsPerBlock, window);
        using var current = new SftpWriteBlock(handle.Value, client.ChunkSize, perBlock);
        using var spare = new SftpWriteBlock(handle.Value, client.ChunkSize, perBlock);
        SftpWriteBlock block = current, next = spare;
        SftpSession session = client.Session;
        long offset = 0;
        long confirmed = 0;
        ValueTask<int> reading = offset < size ? block.ReadAsync(local, offset, size, ct) : ValueTask.FromResult(0);
        bool readPending = offset < size;
        try
        {
            while (readPending)
            {
                readPending = false;
                int n = await reading;
                if (n == 0) break; // the local file shrank while we read it
                long blockOffset = offset;
                offset += n;
                if (offset < size)
                {
                    reading = next.ReadAsync(local, offset, size, ct);
                    readPending = true;
                }
                // Room for this block's requests first, so at most `window` are ever in flight.
                while (_inFlight.Count > 0 && _inFlight.Count + perBlock > window)
                    confirmed = await ConfirmOldestAsync(ct);
                progress.Report(confirmed);
                ReadOnlyMemory<byte> packets = block.Seal(blockOffset, n, session, _inFlight, ct);
                await session.SendAsync(packets, ct);
                (block, next) = (next, block);
            }
            while (_inFlight.Count > 0)
            {
                confirmed = await ConfirmOldestAsync(ct);
                progress.Report(confirmed);
            }
            progress.Report(offset, final: true);
            return offset;
        }
        catch (Exception e)
        {
            if (readPending)
            {
                // The block's buffer must be idle before it goes back to the pool; the first error is the one reported.
                try { await reading; }
                catch (Exception) { }
            }
            await DrainAsync();
            if (e is SftpSessionClosedException or SshTimeoutException or SshDisconnectedException)
                throw new FileTransferInterruptedException(
                    $"upload of {localPath} to {remotePath} broke at byte {confirmed} of {size}: {e.Message}; upload it again",
                    remotePath, confirmed, size, e);
            throw;
        }
    }

    /// <summary>Waits for the oldest write's reply; returns the bytes now confirmed from the start.</summary>
    private async ValueTask<long> ConfirmOldestAsync(CancellationToken ct)
    {
        (long offset, int length, ValueTask<SftpFrame> reply) = _inFlight.Dequeue();
        await client.CheckWriteReplyAsync(await reply, remotePath, length, ct);
        return _inFlight.TryPeek(out var oldest) ? oldest.Offset : offset + length;
    }

    private async Task DrainAsync()
    {
        while (_inFlight.TryDequeue(out var pending))
        {
            try
            {
                (await pending.Reply).Release();
            }
            catch (Exception e) when (e is SshException or OperationCanceledException) { }
        }
    }
}
