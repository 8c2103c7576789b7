using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using Vty.Ssh.FileSystems;
using Vty.Ssh.Sftp.Protocol;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Sftp.Server;

/// <summary>
/// One SFTP version 3 session over a pair of streams, serving an <see cref="IServedFileSystem"/>:
/// requests are answered in order (clients pipeline them), handles are bounded, packet and read
/// sizes are capped, and every client path is normalised under the file system's root first.
/// </summary>
internal sealed class SftpServerSession(Stream input, Stream output, IServedFileSystem fileSystem, SftpServerOptions options, ILogger logger)
{
    private readonly Dictionary<uint, object> _handles = new();
    private uint _nextHandle;

    private sealed class DirectoryCursor(IReadOnlyList<ServedFileInfo> entries)
    {
        public IReadOnlyList<ServedFileInfo> Entries { get; } = entries;
        public int Next { get; set; }
    }

    private sealed record OpenFile(IServedFile File, string Path);

    public async Task RunAsync(CancellationToken ct)
    {
        var reader = new SftpFrameReader(input, options.MaxPacketLength);
        try
        {
            SftpFrame? first = await reader.ReadAsync(ct);
            if (first is not { } init) return;
            try
            {
                if (init.Type != SftpPacketType.Init) throw new SftpProtocolException($"the client's first packet has type {init.Type}, not INIT");
            }
            finally
            {
                init.Release();
            }
            await SendVersionAsync(ct);
            while (await reader.ReadAsync(ct) is { } frame)
            {
                try
                {
                    await HandleAsync(frame, ct);
                }
                finally
                {
                    frame.Release();
                }
            }
        }
        finally
        {
            foreach (object handle in _handles.Values)
                if (handle is OpenFile open) await open.File.DisposeAsync();
            _handles.Clear();
        }
    }

    private async Task SendVersionAsync(CancellationToken ct)
    {
        using var p = new SftpPacketBuilder(SftpPacketType.Version);
        p.WriteUInt32(3);
        foreach ((string name, string version) in new[]
        {
            (SftpExtensionNames.PosixRename, "1"), (SftpExtensionNames.StatVfs, "2"), (SftpExtensionNames.FStatVfs, "2"),
            (SftpExtensionNames.HardLink, "1"), (SftpExtensionNames.FSync, "1"), (SftpExtensionNames.Limits, "1"),
        })
        {
            p.WriteString(name);
            p.WriteString(version);
        }
        await output.WriteAsync(p.Complete(), ct);
    }

    private async Task HandleAsync(SftpFrame frame, CancellationToken ct)
    {
        if (frame.Length < 5) throw new SftpProtocolException($"a request of type {frame.Type} without a request id");
        uint id = BinaryPrimitives.ReadUInt32BigEndian(frame.Body);
        try
        {
            await DispatchAsync(frame.Type, id, frame, ct);
        }
        catch (SshWireFormatException)
        {
            await SendStatusAsync(id, SftpStatusCode.BadMessage, "Bad message", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException and not SftpProtocolException)
        {
            (SftpStatusCode code, string message) = SftpStatusMapper.Map(e);
            logger.LogDebug("SFTP request {Type} failed: {Error}", frame.Type, e.Message);
            await SendStatusAsync(id, code, message, ct);
        }
    }

    private async Task DispatchAsync(byte type, uint id, SftpFrame frame, CancellationToken ct)
    {
        switch (type)
        {
            case SftpPacketType.Open:
                {
                    (string path, uint flags, SftpFileAttributes attributes) = ParseOpen(frame);
                    ReserveHandle();
                    ServedOpenMode mode = (ServedOpenMode)(flags & 0x3F);
                    if ((mode & (ServedOpenMode.Read | ServedOpenMode.Write | ServedOpenMode.Append)) == 0) mode |= ServedOpenMode.Read;
                    IServedFile file = await fileSystem.OpenFileAsync(path, mode, attributes.Mode, ct);
                    await SendHandleAsync(id, AddHandle(new OpenFile(file, path)), ct);
                    break;
                }
            case SftpPacketType.Close:
                {
                    uint handle = ParseHandle(frame, out _);
                    object target = _handles[handle];
                    _handles.Remove(handle);
                    if (target is OpenFile open) await open.File.DisposeAsync();
                    await SendStatusAsync(id, SftpStatusCode.Ok, "", ct);
                    break;
                }
            case SftpPacketType.Read:
                {
                    uint handle = ParseHandle(frame, out int rest);
                    var r = new SshReader(frame.Body[rest..]);
                    long offset = (long)r.ReadUInt64();
                    int length = (int)Math.Min(r.ReadUInt32(), (uint)options.MaxReadLength);
                    await ReadAsync(id, File(handle), offset, length, ct);
                    break;
                }
            case SftpPacketType.Write:
                {
                    uint handle = ParseHandle(frame, out int rest);
                    var r = new SshReader(frame.Body[rest..]);
                    long offset = (long)r.ReadUInt64();
                    int length = r.ReadStringBytes().Length;
                    if (length > options.MaxWriteLength) throw new ArgumentException("write longer than the limit");
                    // The data starts 12 bytes into the remainder (offset, then the string length).
                    await File(handle).File.WriteAsync(offset, frame.BodyMemory(rest + 12, length), ct);
                    await SendStatusAsync(id, SftpStatusCode.Ok, "", ct);
                    break;
                }
            case SftpPacketType.Stat:
            case SftpPacketType.LStat:
                await SendAttributesAsync(id, await fileSystem.GetInfoAsync(ParsePath(frame), type == SftpPacketType.Stat, ct), ct);
                break;
            case SftpPacketType.FStat:
                await SendAttributesAsync(id, await File(ParseHandle(frame, out _)).File.GetInfoAsync(ct), ct);
                break;
            case SftpPacketType.SetStat:
                {
                    var r = Payload(frame);
                    string path = Normalize(r.ReadString());
                    await fileSystem.SetAttributesAsync(path, ToChanges(SftpFileAttributes.Read(ref r)), ct);
                    await SendStatusAsync(id, SftpStatusCode.Ok, "", ct);
                    break;
                }
            case SftpPacketType.FSetStat:
                {
                    uint handle = ParseHandle(frame, out int rest);
                    var r = new SshReader(frame.Body[rest..]);
                    await File(handle).File.SetAttributesAsync(ToChanges(SftpFileAttributes.Read(ref r)), ct);
                    await SendStatusAsync(id, SftpStatusCode.Ok, "", ct);
                    break;
                }
            case SftpPacketType.OpenDir:
                {
                    string path = ParsePath(frame);
                    ReserveHandle();
                    IReadOnlyList<ServedFileInfo> entries = await fileSystem.ListDirectoryAsync(path, ct);
                    ServedFileInfo self = await fileSystem.GetInfoAsync(path, true, ct);
                    var all = new List<ServedFileInfo>(entries.Count + 2) { self with { Name = "." }, self with { Name = ".." } };
                    all.AddRange(entries);
                    await SendHandleAsync(id, AddHandle(new DirectoryCursor(all)), ct);
                    break;
                }
            case SftpPacketType.ReadDir:
                {
                    if (_handles.GetValueOrDefault(ParseHandle(frame, out _)) is not DirectoryCursor cursor)
                        throw new IOException("the handle is not an open directory");
                    await SendNamesAsync(id, cursor, ct);
                    break;
                }
            case SftpPacketType.Remove:
                await OkAsync(id, fileSystem.DeleteFileAsync(ParsePath(frame), ct), ct);
                break;
            case SftpPacketType.MkDir:
                {
                    var r = Payload(frame);
                    string path = Normalize(r.ReadString());
                    SftpFileAttributes attributes = SftpFileAttributes.Read(ref r);
                    await OkAsync(id, fileSystem.CreateDirectoryAsync(path, attributes.Mode, ct), ct);
                    break;
                }
            case SftpPacketType.RmDir:
                await OkAsync(id, fileSystem.DeleteDirectoryAsync(ParsePath(frame), ct), ct);
                break;
            case SftpPacketType.RealPath:
                {
                    string path = ParsePath(frame);
                    await SendNameAsync(id, path, ct);
                    break;
                }
            case SftpPacketType.Rename:
                {
                    var r = Payload(frame);
                    string from = Normalize(r.ReadString()), to = Normalize(r.ReadString());
                    await OkAsync(id, fileSystem.RenameAsync(from, to, overwrite: false, ct), ct);
                    break;
                }
            case SftpPacketType.ReadLink:
                await SendNameAsync(id, await fileSystem.ReadSymbolicLinkAsync(ParsePath(frame), ct), ct);
                break;
            case SftpPacketType.Symlink:
                {
                    // OpenSSH's order: target first, then the link's path.
                    var r = Payload(frame);
                    string target = r.ReadString();
                    string link = Normalize(r.ReadString());
                    await OkAsync(id, fileSystem.CreateSymbolicLinkAsync(link, target, ct), ct);
                    break;
                }
            case SftpPacketType.Extended:
                await ExtendedAsync(id, frame, ct);
                break;
            default:
                await SendStatusAsync(id, SftpStatusCode.OperationUnsupported, $"packet type {type} is not supported", ct);
                break;
        }
    }

    private async Task ExtendedAsync(uint id, SftpFrame frame, CancellationToken ct)
    {
        var r = Payload(frame);
        string name = r.ReadString();
        switch (name)
        {
            case SftpExtensionNames.PosixRename:
                {
                    string from = Normalize(r.ReadString()), to = Normalize(r.ReadString());
                    await OkAsync(id, fileSystem.RenameAsync(from, to, overwrite: true, ct), ct);
                    break;
                }
            case SftpExtensionNames.HardLink:
                {
                    string from = Normalize(r.ReadString()), to = Normalize(r.ReadString());
                    await OkAsync(id, fileSystem.CreateHardLinkAsync(from, to, ct), ct);
                    break;
                }
            case SftpExtensionNames.FSync:
                {
                    uint handle = ReadHandle(ref r);
                    await OkAsync(id, File(handle).File.FlushAsync(ct), ct);
                    break;
                }
            case SftpExtensionNames.StatVfs:
                await SendStatVfsAsync(id, await fileSystem.GetCapacityAsync(Normalize(r.ReadString()), ct), ct);
                break;
            case SftpExtensionNames.FStatVfs:
                await SendStatVfsAsync(id, await fileSystem.GetCapacityAsync(File(ReadHandle(ref r)).Path, ct), ct);
                break;
            case SftpExtensionNames.Limits:
                {
                    using var p = new SftpPacketBuilder(SftpPacketType.ExtendedReply, id);
                    p.WriteUInt64((ulong)options.MaxPacketLength);
                    p.WriteUInt64((ulong)options.MaxReadLength);
                    p.WriteUInt64((ulong)options.MaxWriteLength);
                    p.WriteUInt64((ulong)options.MaxOpenHandles);
                    await output.WriteAsync(p.Complete(), ct);
                    break;
                }
            default:
                await SendStatusAsync(id, SftpStatusCode.OperationUnsupported, $"extension {name} is not supported", ct);
                break;
        }
    }

    private async Task ReadAsync(uint id, OpenFile file, long offset, int length, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            int n = 0;
            // Fill the request as far as the file goes, so clients see short reads only at the end.
            while (n < length)
            {
                int got = await file.File.ReadAsync(offset + n, buffer.AsMemory(n, length - n), ct);
                if (got == 0) break;
                n += got;
            }
            if (n == 0)
            {
                await SendStatusAsync(id, SftpStatusCode.Eof, "End of file", ct);
                return;
            }
            using var p = new SftpPacketBuilder(SftpPacketType.Data, id, n + 16);
            p.WriteString(buffer.AsSpan(0, n));
            await output.WriteAsync(p.Complete(), ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task SendNamesAsync(uint id, DirectoryCursor cursor, CancellationToken ct)
    {
        int count = Math.Min(options.DirectoryBatchSize, cursor.Entries.Count - cursor.Next);
        if (count <= 0)
        {
            await SendStatusAsync(id, SftpStatusCode.Eof, "End of directory", ct);
            return;
        }
        using var p = new SftpPacketBuilder(SftpPacketType.Name, id, 4096);
        p.WriteUInt32((uint)count);
        for (int i = 0; i < count; i++)
        {
            ServedFileInfo entry = cursor.Entries[cursor.Next++];
            p.WriteString(entry.Name);
            p.WriteString(SftpLongName.Format(entry));
            ToAttributes(entry).Write(p);
        }
        await output.WriteAsync(p.Complete(), ct);
    }

    private async Task SendNameAsync(uint id, string name, CancellationToken ct)
    {
        using var p = new SftpPacketBuilder(SftpPacketType.Name, id);
        p.WriteUInt32(1);
        p.WriteString(name);
        p.WriteString(name);
        new SftpFileAttributes().Write(p);
        await output.WriteAsync(p.Complete(), ct);
    }

    private async Task SendStatVfsAsync(uint id, ServedCapacity capacity, CancellationToken ct)
    {
        const ulong block = 4096;
        using var p = new SftpPacketBuilder(SftpPacketType.ExtendedReply, id);
        ulong total = (ulong)capacity.TotalBytes / block, free = (ulong)Math.Max(0, capacity.AvailableBytes) / block;
        foreach (ulong value in new[] { block, block, total, free, free, 1_000_000UL, 1_000_000UL, 1_000_000UL, 0UL, 0UL, 255UL })
            p.WriteUInt64(value);
        await output.WriteAsync(p.Complete(), ct);
    }

    private async Task SendAttributesAsync(uint id, ServedFileInfo info, CancellationToken ct)
    {
        using var p = new SftpPacketBuilder(SftpPacketType.Attrs, id);
        ToAttributes(info).Write(p);
        await output.WriteAsync(p.Complete(), ct);
    }

    private async Task SendHandleAsync(uint id, uint handle, CancellationToken ct)
    {
        using var p = new SftpPacketBuilder(SftpPacketType.Handle, id);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, handle);
        p.WriteString(bytes);
        await output.WriteAsync(p.Complete(), ct);
    }

    private async Task OkAsync(uint id, ValueTask operation, CancellationToken ct)
    {
        await operation;
        await SendStatusAsync(id, SftpStatusCode.Ok, "", ct);
    }

    private async Task SendStatusAsync(uint id, SftpStatusCode code, string message, CancellationToken ct)
    {
        using var p = new SftpPacketBuilder(SftpPacketType.Status, id);
        p.WriteUInt32((uint)code);
        p.WriteString(code == SftpStatusCode.Ok ? "Success" : message);
        p.WriteString("en");
        await output.WriteAsync(p.Complete(), ct);
    }

    private static SftpFileAttributes ToAttributes(ServedFileInfo info) => new()
    {
        Size = info.Size,
        UserId = info.UserId,
        GroupId = info.GroupId,
        Permissions = (uint)info.Mode & 0xFFF | info.Kind switch
        {
            ServedFileKind.Directory => 0x4000u,
            ServedFileKind.SymbolicLink => 0xA000u,
            ServedFileKind.Other => 0x2000u,
            _ => 0x8000u,
        },
        LastAccessTime = info.LastAccessTime,
        LastWriteTime = info.LastWriteTime,
    };

    private static ServedAttributeChanges ToChanges(SftpFileAttributes a) =>
        new(a.Size, a.Mode, a.LastWriteTime, a.LastAccessTime);

    private (string Path, uint Flags, SftpFileAttributes Attributes) ParseOpen(SftpFrame frame)
    {
        var r = Payload(frame);
        string path = Normalize(r.ReadString());
        uint flags = r.ReadUInt32();
        return (path, flags, SftpFileAttributes.Read(ref r));
    }

    private string ParsePath(SftpFrame frame) => Normalize(Payload(frame).ReadString());

    private string Normalize(string path) => VirtualPath.Normalize(path.Length == 0 ? "." : path, fileSystem.HomeDirectory);

    /// <summary>Reads the handle and returns its number; <paramref name="rest"/> is where the request continues in the body.</summary>
    private uint ParseHandle(SftpFrame frame, out int rest)
    {
        var r = Payload(frame);
        uint handle = ReadHandle(ref r);
        rest = 4 + r.Position;
        return handle;
    }

    private uint ReadHandle(ref SshReader r)
    {
        ReadOnlySpan<byte> bytes = r.ReadStringBytes();
        if (bytes.Length != 4 || !_handles.ContainsKey(BinaryPrimitives.ReadUInt32BigEndian(bytes)))
            throw new IOException("invalid handle");
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    private OpenFile File(uint handle) =>
        _handles[handle] as OpenFile ?? throw new IOException("the handle is a directory, not a file");

    private void ReserveHandle()
    {
        if (_handles.Count >= options.MaxOpenHandles)
            throw new IOException($"too many open handles (at most {options.MaxOpenHandles}); close some first");
    }

    private uint AddHandle(object target)
    {
        uint handle = ++_nextHandle;
        _handles[handle] = target;
        return handle;
    }

    private static SshReader Payload(SftpFrame frame) => new(frame.Body[4..]);
}
