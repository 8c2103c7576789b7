using Microsoft.Win32.SafeHandles;
using Vty.Ssh.FileTransfer;
using Vty.Ssh.Sftp.Protocol;

namespace Vty.Ssh.Sftp.Client;

/// <summary>
/// One file from the server with many reads in flight. Replies are written at their offsets, so
/// order does not matter; short reads are re-requested for the rest. If the transfer breaks, the
/// local file is cut back to the intact prefix, so a resumed download can continue from its length.
/// Reads go out in batches (one channel write for many requests) and the data reaches the local file
/// through a write-behind buffer, in writes of a megabyte, one in progress while the next fills.
/// </summary>
internal sealed class SftpDownload(SftpClient client, string remotePath, string localPath, FileTransferOptions options)
{
    // Reads are requested in batches of at least this many once the window has room for them.
    private const int RequestsPerBatch = 16;

    private readonly Queue<(long Offset, int Length, ValueTask<SftpFrame> Reply)> _inFlight = new();
    private readonly SortedSet<long> _outstanding = new();
    private long _highestEnd;

    public async Task<long> RunAsync(CancellationToken ct)
    {
        SftpHandle handle = await client.OpenFileAsync(remotePath, SftpOpenMode.Read, null, ct);
        SftpFileAttributes attributes;
        long start = 0;
        try
        {
            attributes = await client.GetAttributesAsync(handle, ct);
            if (attributes.IsDirectory)
                throw new SftpException($"download {remotePath}: it is a directory; download it recursively (-r)", SftpStatusCode.Failure, remotePath, null);
            if (options.Resume && File.Exists(localPath))
            {
                start = new FileInfo(localPath).Length;
                if (attributes.Size is { } size && start > size)
                    throw new IOException($"cannot resume {localPath}: it has {start} bytes, more than the remote file's {size}; delete it or download without resume");
            }
            _highestEnd = start;
            using (SafeFileHandle local = File.OpenHandle(localPath, options.Resume ? FileMode.OpenOrCreate : FileMode.Create, FileAccess.Write, FileShare.Read, FileOptions.Asynchronous))
            {
                if (!options.Resume) RandomAccess.SetLength(local, 0);
                await CopyAsync(handle, local, start, attributes.Size, ct);
            }
        }
        finally
        {
            await client.CloseQuietlyAsync(handle);
        }
        if (options.Preserve) ApplyAttributes(localPath, attributes);
        return _highestEnd;
    }

    private async Task CopyAsync(SftpHandle handle, SafeFileHandle local, long start, long? size, CancellationToken ct)
    {
        var progress = new ProgressReporter(options, remotePath, size);
        int chunk = client.ChunkSize;
        int window = client.Options.MaxRequestsInFlight;
        int batch = Math.Min(RequestsPerBatch, window);
        long next = start;
        long eof = long.MaxValue;
        // Without a size, or once the file outgrew it, requests go out until the server says EOF.
        long expected = size ?? long.MaxValue;
        await using var writer = new SftpWriteBehind(local);
        try
        {
            while (true)
            {
                int room = window - _inFlight.Count;
                if (room >= batch || _inFlight.Count == 0)
                {
                    using var requests = SftpPacketBuilder.Batch(room * (32 + handle.Value.Length));
                    int issued = 0;
                    while (issued < room && next < eof && (next < expected || (_inFlight.Count == 0 && issued == 0)))
                    {
                        AddRead(requests, handle, next, chunk, ct);
                        next += chunk;
                        issued++;
                    }
                    if (issued > 0) await client.Session.SendAsync(requests.Complete(), ct);
                }
                if (_inFlight.Count == 0) break;
                (long offset, int length, ValueTask<SftpFrame> reply) = _inFlight.Dequeue();
                SftpFrame frame = await reply;
                try
                {
                    ReadOnlyMemory<byte> data = SftpReplies.DataMemory(frame, remotePath);
                    _outstanding.Remove(offset);
                    if (data.IsEmpty)
                    {
                        eof = Math.Min(eof, offset);
                        continue;
                    }
                    await writer.WriteAsync(data, offset, ct);
                    _highestEnd = Math.Max(_highestEnd, offset + data.Length);
                    if (data.Length < length)
                    {
                        using var rest = SftpPacketBuilder.Batch(32 + handle.Value.Length);
                        AddRead(rest, handle, offset + data.Length, length - data.Length, ct);
                        await client.Session.SendAsync(rest.Complete(), ct);
                    }
                    if (offset + data.Length > expected) expected = long.MaxValue; // the file grew while we read it
                }
                finally
                {
                    frame.Release();
                }
                progress.Report(IntactPrefix());
            }
            await writer.FlushAsync(ct);
            progress.Report(_highestEnd, final: true);
        }
        catch (Exception e)
        {
            // What arrived goes to disk first, so the intact prefix is really there to resume from.
            try { await writer.FlushAsync(CancellationToken.None); }
            catch (Exception) { } // a local write error loses what was buffered: LostFrom says from where
            long intact = Math.Min(IntactPrefix(), writer.LostFrom ?? long.MaxValue);
            await DrainAsync();
            RandomAccess.SetLength(local, intact);
            if (e is SftpSessionClosedException or SshTimeoutException or SshDisconnectedException)
                throw new FileTransferInterruptedException(
                    $"download of {remotePath} broke at byte {intact}{(size is { } s ? $" of {s}" : "")}: {e.Message}; download again with resume to continue from there",
                    remotePath, intact, size, e);
            throw;
        }
    }

    /// <summary>Adds a READ request to the batch in <paramref name="requests"/> and registers the wait for its reply.</summary>
    private void AddRead(SftpPacketBuilder requests, SftpHandle handle, long offset, int length, CancellationToken ct)
    {
        uint id = client.Session.NextId();
        requests.Next(SftpPacketType.Read, id);
        requests.WriteString(handle.Value);
        requests.WriteUInt64((ulong)offset);
        requests.WriteUInt32((uint)length);
        _outstanding.Add(offset);
        _inFlight.Enqueue((offset, length, client.Session.Expect(id, "read", inline: true, ct)));
    }

    /// <summary>Bytes from the start that are all on disk: up to the lowest request still missing.</summary>
    private long IntactPrefix() => _outstanding.Count == 0 ? _highestEnd : Math.Min(_outstanding.Min, _highestEnd);

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

    internal static void ApplyAttributes(string localPath, SftpFileAttributes attributes)
    {
        if (attributes.Mode is { } mode && !OperatingSystem.IsWindows()) File.SetUnixFileMode(localPath, mode);
        if (attributes.LastWriteTime is { } mtime) File.SetLastWriteTimeUtc(localPath, mtime.UtcDateTime);
        if (attributes.LastAccessTime is { } atime) File.SetLastAccessTimeUtc(localPath, atime.UtcDateTime);
    }
}
