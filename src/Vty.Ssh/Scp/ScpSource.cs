using System.Buffers;
using Vty.Ssh.FileSystems;
using Vty.Ssh.FileTransfer;

namespace Vty.Ssh.Scp;

/// <summary>
/// The sending side of SCP (scp -f on a server, an upload on a client): files and, recursively,
/// directories from an <see cref="IServedFileSystem"/>. Errors the sink reports for one file are
/// collected and the transfer goes on with the next, as rcp does.
/// </summary>
internal sealed class ScpSource(IServedFileSystem fileSystem, ScpStreamReader fromSink, Stream toSink, FileTransferOptions options)
{
    private const int MaxDepth = 64;

    public long BytesSent { get; private set; }

    public List<FileTransferException> Errors { get; } = new();

    public async Task SendAsync(string path, bool recursive, CancellationToken ct)
    {
        ServedFileInfo info;
        try
        {
            info = await fileSystem.GetInfoAsync(path, followLinks: true, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await ReportAsync(path, e, ct);
            return;
        }
        await SendAsync(path, info, recursive, 0, ct);
    }

    private async Task SendAsync(string path, ServedFileInfo info, bool recursive, int depth, CancellationToken ct)
    {
        if (info.Kind == ServedFileKind.Directory)
        {
            if (!recursive)
            {
                await ReportAsync(path, new IOException($"{path}: is a directory (copy it recursively, -r)"), ct);
                return;
            }
            if (depth >= MaxDepth)
            {
                await ReportAsync(path, new IOException($"{path}: more than {MaxDepth} directory levels (a symbolic link loop?)"), ct);
                return;
            }
            await SendDirectoryAsync(path, info, depth, ct);
        }
        else if (info.Kind == ServedFileKind.File)
        {
            await SendFileAsync(path, info, ct);
        }
        else
        {
            await ReportAsync(path, new IOException($"{path}: not a regular file"), ct);
        }
    }

    private async Task SendDirectoryAsync(string path, ServedFileInfo info, int depth, CancellationToken ct)
    {
        IReadOnlyList<ServedFileInfo> entries;
        try
        {
            entries = await fileSystem.ListDirectoryAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await ReportAsync(path, e, ct);
            return;
        }
        if (options.Preserve && !await SendAndCheckAsync(ScpWire.Line(ScpWire.Times(info.LastWriteTime, info.LastAccessTime)), path, ct)) return;
        if (!await SendAndCheckAsync(ScpWire.Line($"D{ScpWire.Mode(info.Mode)} 0 {VirtualPath.Name(path)}"), path, ct)) return;
        foreach (ServedFileInfo entry in entries)
        {
            string child = VirtualPath.Combine(path, entry.Name);
            ServedFileInfo target = entry;
            if (entry.Kind == ServedFileKind.SymbolicLink)
            {
                // scp copies what a link points at; a dangling link is reported and skipped.
                try
                {
                    target = await fileSystem.GetInfoAsync(child, followLinks: true, ct) with { Name = entry.Name };
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await ReportAsync(child, e, ct);
                    continue;
                }
            }
            await SendAsync(child, target, recursive: true, depth + 1, ct);
        }
        await SendAndCheckAsync(ScpWire.Line("E"), path, ct);
    }

    private async Task SendFileAsync(string path, ServedFileInfo info, CancellationToken ct)
    {
        IServedFile file;
        try
        {
            file = await fileSystem.OpenFileAsync(path, ServedOpenMode.Read, null, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await ReportAsync(path, e, ct);
            return;
        }
        await using (file)
        {
            long size = info.Size;
            if (options.Preserve && !await SendAndCheckAsync(ScpWire.Line(ScpWire.Times(info.LastWriteTime, info.LastAccessTime)), path, ct)) return;
            if (!await SendAndCheckAsync(ScpWire.Line($"C{ScpWire.Mode(info.Mode)} {size} {VirtualPath.Name(path)}"), path, ct)) return;
            var progress = new ProgressReporter(options, path, size);
            // Large reads: one file read (a thread-pool hop) and one batched channel write per 256 KiB.
            byte[] buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
            Exception? readError = null;
            try
            {
                long offset = 0;
                while (offset < size)
                {
                    int want = (int)Math.Min(buffer.Length, size - offset);
                    int n = 0;
                    if (readError == null)
                    {
                        try
                        {
                            n = await file.ReadAsync(offset, buffer.AsMemory(0, want), ct);
                            if (n == 0) readError = new IOException($"{path}: the file shrank while it was sent");
                        }
                        catch (IOException e)
                        {
                            readError = e;
                        }
                    }
                    if (n == 0)
                    {
                        // The announced size must be sent whatever happens: pad, then report the error.
                        buffer.AsSpan(0, want).Clear();
                        n = want;
                    }
                    await toSink.WriteAsync(buffer.AsMemory(0, n), ct);
                    offset += n;
                    BytesSent += n;
                    progress.Report(offset);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            if (readError != null)
            {
                await toSink.WriteAsync(ScpWire.Warning(readError.Message), ct);
                Errors.Add(new ScpException(readError.Message, FileTransferErrorKind.Other, path, readError));
                await ScpWire.ReadResponseAsync(fromSink, path, ct);
                return;
            }
            await SendAndCheckAsync(ScpWire.Ok, path, ct);
            progress.Report(size, final: true);
        }
    }

    private async Task<bool> SendAndCheckAsync(byte[] data, string path, CancellationToken ct)
    {
        await toSink.WriteAsync(data, ct);
        if (await ScpWire.ReadResponseAsync(fromSink, path, ct) is { } error)
        {
            Errors.Add(error);
            return false;
        }
        return true;
    }

    private async Task ReportAsync(string path, Exception e, CancellationToken ct)
    {
        string reason = e switch
        {
            FileNotFoundException or DirectoryNotFoundException => $"{path}: No such file or directory",
            UnauthorizedAccessException => $"{path}: Permission denied",
            _ => e.Message,
        };
        Errors.Add(new ScpException(reason, ScpException.Classify(reason), path, e));
        await toSink.WriteAsync(ScpWire.Warning(reason), ct);
    }
}
