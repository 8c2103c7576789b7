using System.Buffers;
using Vty.Ssh.FileSystems;
using Vty.Ssh.FileTransfer;

namespace Vty.Ssh.Scp;

/// <summary>
/// The receiving side of SCP (scp -t on a server, a download on a client): files and directories
/// into an <see cref="IServedFileSystem"/>. A file that cannot be written is reported to the
/// source and skipped; names are checked so nothing lands outside the target.
/// </summary>
internal sealed class ScpSink(IServedFileSystem fileSystem, ScpStreamReader fromSource, Stream toSource, FileTransferOptions options)
{
    private const int MaxDepth = 64;

    public long BytesReceived { get; private set; }

    public List<FileTransferException> Errors { get; } = new();

    /// <summary>Files written, in order (virtual paths).</summary>
    public List<string> Written { get; } = new();

    public async Task ReceiveAsync(string target, bool targetMustBeDirectory, CancellationToken ct)
    {
        bool targetIsDirectory = false;
        try
        {
            targetIsDirectory = (await fileSystem.GetInfoAsync(target, followLinks: true, ct)).Kind == ServedFileKind.Directory;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        if (targetMustBeDirectory && !targetIsDirectory)
        {
            string reason = $"{target}: Not a directory";
            await toSource.WriteAsync(ScpWire.Fatal(reason), ct);
            throw new ScpException(reason, FileTransferErrorKind.NoSuchFile, target);
        }
        await toSource.WriteAsync(ScpWire.Ok, ct);
        var directories = new Stack<(string Path, (DateTimeOffset, DateTimeOffset)? Times)>();
        string current = target;
        (DateTimeOffset Modified, DateTimeOffset Accessed)? times = null;
        while (true)
        {
            int kind = await fromSource.ReadByteAsync(ct);
            if (kind < 0) break;
            string line = kind is 1 or 2 ? (await fromSource.ReadLineAsync(ct)).Trim() : await fromSource.ReadLineAsync(ct);
            switch (kind)
            {
                case 1:
                case 2:
                    {
                        var error = new ScpException(line.Length == 0 ? "the SCP source reported an error" : line, ScpException.Classify(line), null);
                        if (kind == 2) throw error;
                        Errors.Add(error);
                        break;
                    }
                case 'T':
                    times = ScpWire.ParseTimes(line);
                    await toSource.WriteAsync(ScpWire.Ok, ct);
                    break;
                case 'E':
                    {
                        if (directories.Count == 0) throw new ScpProtocolException("the SCP source ended a directory it never started");
                        (string parent, var dirTimes) = directories.Pop();
                        if (dirTimes is { } t && options.Preserve) await TryApplyAsync(current, new ServedAttributeChanges(LastWriteTime: t.Item1, LastAccessTime: t.Item2), ct);
                        current = parent;
                        await toSource.WriteAsync(ScpWire.Ok, ct);
                        break;
                    }
                case 'D':
                    {
                        (UnixFileMode mode, _, string name) = ScpWire.ParseEntry(line);
                        if (directories.Count >= MaxDepth) throw new ScpProtocolException($"the SCP source nests directories deeper than {MaxDepth}");
                        string path = directories.Count > 0 || targetIsDirectory ? VirtualPath.Combine(current, name) : current;
                        try
                        {
                            if (!await IsDirectoryAsync(path, ct))
                                await fileSystem.CreateDirectoryAsync(path, mode | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, ct);
                            else if (options.Preserve)
                                await fileSystem.SetAttributesAsync(path, new ServedAttributeChanges(Mode: mode), ct);
                        }
                        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                        {
                            // Without the directory nothing inside it can be written: rcp gives up here too.
                            string reason = Describe(path, e);
                            await toSource.WriteAsync(ScpWire.Fatal(reason), ct);
                            throw new ScpException(reason, ScpException.Classify(reason), path, e);
                        }
                        directories.Push((current, times));
                        times = null;
                        current = path;
                        await toSource.WriteAsync(ScpWire.Ok, ct);
                        break;
                    }
                case 'C':
                    {
                        (UnixFileMode mode, long size, string name) = ScpWire.ParseEntry(line);
                        string path = directories.Count > 0 || targetIsDirectory ? VirtualPath.Combine(current, name) : current;
                        await ReceiveFileAsync(path, mode, size, times, ct);
                        times = null;
                        break;
                    }
                default:
                    throw new ScpProtocolException($"the SCP source sent an unknown record type {kind}");
            }
        }
        if (directories.Count > 0) throw new ScpProtocolException("the SCP stream ended inside a directory");
    }

    private const int GatherSize = 256 * 1024;

    /// <summary>Writes the gathered bytes; a failure is returned, not thrown: the source sends the whole file regardless, so reading goes on.</summary>
    private static async ValueTask<Exception?> WriteGatheredAsync(IServedFile file, byte[] gathered, int count, long offset, CancellationToken ct)
    {
        try
        {
            await file.WriteAsync(offset, gathered.AsMemory(0, count), ct);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e;
        }
    }

    private async Task ReceiveFileAsync(string path, UnixFileMode mode, long size, (DateTimeOffset Modified, DateTimeOffset Accessed)? times, CancellationToken ct)
    {
        IServedFile? file = null;
        try
        {
            file = await fileSystem.OpenFileAsync(path, ServedOpenMode.Write | ServedOpenMode.Create | ServedOpenMode.Truncate, mode, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = Describe(path, e);
            Errors.Add(new ScpException(reason, ScpException.Classify(reason), path, e));
            await toSource.WriteAsync(ScpWire.Warning(reason), ct);
            return;
        }
        await using (file)
        {
            await toSource.WriteAsync(ScpWire.Ok, ct);
            var progress = new ProgressReporter(options, path, size);
            Exception? writeError = null;
            long offset = 0;
            // Data arrives in pieces of at most a packet or a read: gathered, it costs one file write per buffer.
            byte[] gathered = ArrayPool<byte>.Shared.Rent(GatherSize);
            int count = 0;
            try
            {
                while (offset < size)
                {
                    ReadOnlyMemory<byte> chunk = await fromSource.ReadChunkAsync(size - offset, ct);
                    if (writeError == null)
                    {
                        if (count + chunk.Length > gathered.Length)
                        {
                            writeError = await WriteGatheredAsync(file, gathered, count, offset - count, ct);
                            count = 0;
                        }
                        chunk.CopyTo(gathered.AsMemory(count));
                        count += chunk.Length;
                    }
                    offset += chunk.Length;
                    BytesReceived += chunk.Length;
                    progress.Report(offset);
                }
                if (writeError == null && count > 0) writeError = await WriteGatheredAsync(file, gathered, count, offset - count, ct);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(gathered);
            }
            if (await ScpWire.ReadResponseAsync(fromSource, path, ct) is { } sourceError)
            {
                Errors.Add(sourceError);
                await toSource.WriteAsync(ScpWire.Ok, ct);
                return;
            }
            if (writeError == null && (options.Preserve || times != null))
            {
                try
                {
                    await file.SetAttributesAsync(new ServedAttributeChanges(Mode: options.Preserve ? mode : null,
                        LastWriteTime: times?.Modified, LastAccessTime: times?.Accessed), ct);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    writeError = e;
                }
            }
            if (writeError != null)
            {
                string reason = Describe(path, writeError);
                Errors.Add(new ScpException(reason, ScpException.Classify(reason), path, writeError));
                await toSource.WriteAsync(ScpWire.Warning(reason), ct);
                return;
            }
            Written.Add(path);
            progress.Report(size, final: true);
            await toSource.WriteAsync(ScpWire.Ok, ct);
        }
    }

    private async Task<bool> IsDirectoryAsync(string path, CancellationToken ct)
    {
        try
        {
            return (await fileSystem.GetInfoAsync(path, followLinks: true, ct)).Kind == ServedFileKind.Directory;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    private async Task TryApplyAsync(string path, ServedAttributeChanges changes, CancellationToken ct)
    {
        try
        {
            await fileSystem.SetAttributesAsync(path, changes, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static string Describe(string path, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => $"{path}: No such file or directory",
        UnauthorizedAccessException => $"{path}: Permission denied",
        ServedFileSystemFullException => $"{path}: No space left on device",
        _ => $"{path}: {e.Message}",
    };
}
