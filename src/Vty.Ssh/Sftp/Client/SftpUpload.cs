using System.Buffers;
using Microsoft.Win32.SafeHandles;
using Vty.Ssh.FileTransfer;

namespace Vty.Ssh.Sftp.Client;

/// <summary>One local file to the server with many writes in flight; a failed or lost write stops the upload with the confirmed prefix.</summary>
internal sealed class SftpUpload(SftpClient client, string localPath, string remotePath, FileTransferOptions options)
{
    private readonly Queue<(long Offset, Task Reply)> _inFlight = new();

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
        int chunk = client.ChunkSize;
        int window = client.Options.MaxRequestsInFlight;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(chunk);
        long offset = 0;
        long confirmed = 0;
        try
        {
            while (true)
            {
                if (_inFlight.Count >= window || (offset >= size && _inFlight.Count > 0))
                {
                    (_, Task reply) = _inFlight.Dequeue();
                    await reply;
                    confirmed = _inFlight.TryPeek(out var oldest) ? oldest.Offset : offset;
                    progress.Report(confirmed);
                    continue;
                }
                if (offset >= size) break;
                int n = await RandomAccess.ReadAsync(local, buffer.AsMemory(0, (int)Math.Min(chunk, size - offset)), offset, ct);
                if (n == 0) break; // the local file shrank while we read it
                // WriteChunkAsync copies the data into its packet before it first awaits, so the buffer is free again on return.
                _inFlight.Enqueue((offset, client.WriteChunkAsync(handle, offset, buffer.AsMemory(0, n), ct)));
                offset += n;
            }
            progress.Report(offset, final: true);
            return offset;
        }
        catch (Exception e)
        {
            await DrainAsync();
            if (e is SftpSessionClosedException or SshTimeoutException or SshDisconnectedException)
                throw new FileTransferInterruptedException(
                    $"upload of {localPath} to {remotePath} broke at byte {confirmed} of {size}: {e.Message}; upload it again",
                    remotePath, confirmed, size, e);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task DrainAsync()
    {
        while (_inFlight.TryDequeue(out var pending))
        {
            try
            {
                await pending.Reply;
            }
            catch (Exception e) when (e is SshException or OperationCanceledException) { }
        }
    }
}
