using Vty.Ssh.FileTransfer;
using Vty.Ssh.Sftp.Client;
using Vty.Ssh.Sftp.Protocol;

namespace Vty.Ssh.Sftp;

/// <summary>
/// An SFTP version 3 client (as OpenSSH implements it) with the OpenSSH extensions. Requests may be
/// issued concurrently; transfers and <see cref="SftpFileStream"/> keep many reads or writes in
/// flight so throughput is bound by the cipher, not by round trips. Runs over an SSH subsystem
/// channel (<see cref="OpenAsync(SshClient, SftpClientOptions?, CancellationToken)"/>) or any
/// pair of streams (<see cref="StartAsync"/>).
/// </summary>
public sealed partial class SftpClient : IAsyncDisposable
{
    private readonly SftpSession _session;
    private readonly IAsyncDisposable? _owned;

    private SftpClient(SftpSession session, SftpClientOptions options, IAsyncDisposable? owned, uint version, IReadOnlyDictionary<string, string> extensions)
    {
        _session = session;
        _owned = owned;
        Options = options;
        ProtocolVersion = version;
        ServerExtensions = extensions;
    }

    /// <summary>The options in use.</summary>
    public SftpClientOptions Options { get; }

    /// <summary>The version the server answered (3 for OpenSSH).</summary>
    public uint ProtocolVersion { get; }

    /// <summary>Extensions the server announced, name to version/data.</summary>
    public IReadOnlyDictionary<string, string> ServerExtensions { get; }

    /// <summary>The server's limits (from limits@openssh.com, else conservative defaults).</summary>
    public SftpLimits Limits { get; private set; } = SftpLimits.Conservative;

    /// <summary>Bytes per read/write request: the option capped by the server's limits.</summary>
    public int ChunkSize { get; private set; }

    /// <summary>Starts the "sftp" subsystem on a new channel of <paramref name="ssh"/>.</summary>
    /// <exception cref="FileTransferUnavailableException">The server refused the subsystem.</exception>
    public static async Task<SftpClient> OpenAsync(SshClient ssh, SftpClientOptions? options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ssh);
        SshExecSession channel;
        try
        {
            channel = await ssh.StartSubsystemAsync("sftp", ct);
        }
        catch (SshException e) when (e.GetType() == typeof(SshException))
        {
            throw new FileTransferUnavailableException($"the server refused the SFTP subsystem ({e.Message}); use SCP instead (ScpClient, or `vty cp --scp`)", e);
        }
        try
        {
            return await StartCoreAsync(channel.StandardOutput, channel.StandardInput, options, channel, ct);
        }
        catch
        {
            await channel.DisposeAsync();
            throw;
        }
    }

    /// <summary>Speaks SFTP over any duplex pair of streams (the server's output and input).</summary>
    public static Task<SftpClient> StartAsync(Stream fromServer, Stream toServer, SftpClientOptions? options, CancellationToken ct) =>
        StartCoreAsync(fromServer, toServer, options, null, ct);

    private static async Task<SftpClient> StartCoreAsync(Stream fromServer, Stream toServer, SftpClientOptions? options, IAsyncDisposable? owned, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fromServer);
        ArgumentNullException.ThrowIfNull(toServer);
        options ??= new SftpClientOptions();
        options.Validate();
        var session = new SftpSession(fromServer, toServer, options.OperationTimeout, options.MaxPacketLength);
        try
        {
            (uint version, Dictionary<string, string> extensions) = await session.HandshakeAsync(ct);
            if (version < 3)
                throw new SftpProtocolException($"the server speaks SFTP version {version}; Vty needs version 3 or later");
            var client = new SftpClient(session, options, owned, version, extensions);
            await client.ReadLimitsAsync(ct);
            return client;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private async Task ReadLimitsAsync(CancellationToken ct)
    {
        if (Supports(SftpExtensionNames.Limits))
        {
            byte[] reply = await ExtendedAsync(SftpExtensionNames.Limits, null, _ => { }, ct);
            var reader = new Wire.SshReader(reply);
            Limits = new SftpLimits(reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64());
        }
        ulong cap = Math.Min(Limits.MaxReadLength == 0 ? ulong.MaxValue : Limits.MaxReadLength,
            Limits.MaxWriteLength == 0 ? ulong.MaxValue : Limits.MaxWriteLength);
        ChunkSize = (int)Math.Min((ulong)Options.ChunkSize, cap);
    }

    /// <summary>True when the server announced the extension (e.g. "posix-rename@openssh.com").</summary>
    public bool Supports(string extension) => ServerExtensions.ContainsKey(extension);

    // ---- files ------------------------------------------------------------------------------

    /// <summary>Opens (or creates) a remote file.</summary>
    public async Task<SftpHandle> OpenFileAsync(string path, SftpOpenMode mode, SftpFileAttributes? attributes, CancellationToken ct)
    {
        uint id = _session.NextId();
        using var p = new SftpPacketBuilder(SftpPacketType.Open, id);
        p.WriteString(path);
        p.WriteUInt32((uint)mode);
        (attributes ?? new SftpFileAttributes()).Write(p);
        return new SftpHandle(SftpReplies.Handle(await _session.RequestAsync(id, p.Complete(), "open", ct), "open", path), path);
    }

    /// <summary>Closes a file or directory handle.</summary>
    public async Task CloseAsync(SftpHandle handle, CancellationToken ct)
    {
        uint id = _session.NextId();
        using var p = new SftpPacketBuilder(SftpPacketType.Close, id);
        p.WriteString(handle.Value);
        SftpReplies.Status(await _session.RequestAsync(id, p.Complete(), "close", ct), "close", handle.Path);
    }

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>; 0 at end of file.</summary>
    public async Task<int> ReadAsync(SftpHandle handle, long offset, Memory<byte> buffer, CancellationToken ct)
    {
        int length = Math.Min(buffer.Length, ChunkSize);
        SftpFrame frame = await ReadFrameAsync(handle, offset, length, ct);
        return SftpReplies.Data(frame, buffer.Span, handle.Path);
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> (split into requests of <see cref="ChunkSize"/>).</summary>
    public async Task WriteAsync(SftpHandle handle, long offset, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        while (!data.IsEmpty)
        {
            int n = Math.Min(data.Length, ChunkSize);
            await WriteChunkAsync(handle, offset, data[..n], ct);
            offset += n;
            data = data[n..];
        }
    }

    internal async Task<SftpFrame> ReadFrameAsync(SftpHandle handle, long offset, int length, CancellationToken ct)
    {
        uint id = _session.NextId();
        using var p = new SftpPacketBuilder(SftpPacketType.Read, id, 32 + handle.Value.Length);
        p.WriteString(handle.Value);
        p.WriteUInt64((ulong)offset);
        p.WriteUInt32((uint)length);
        return await _session.RequestAsync(id, p.Complete(), "read", ct);
    }

    internal async Task WriteChunkAsync(SftpHandle handle, long offset, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        uint id = _session.NextId();
        using var p = new SftpPacketBuilder(SftpPacketType.Write, id, 32 + handle.Value.Length + data.Length);
        p.WriteString(handle.Value);
        p.WriteUInt64((ulong)offset);
        p.WriteString(data.Span);
        SftpFrame reply = await _session.RequestAsync(id, p.Complete(), "write", ct);
        await CheckWriteReplyAsync(reply, handle.Path, data.Length, ct);
    }

    /// <summary>Checks (and releases) the reply to a WRITE; a plain failure is explained (no space?) when the server allows.</summary>
    internal async ValueTask CheckWriteReplyAsync(SftpFrame reply, string path, int length, CancellationToken ct)
    {
        try
        {
            SftpReplies.Status(reply, "write", path);
        }
        catch (SftpException e) when (e.Status == SftpStatusCode.Failure)
        {
            throw await ExplainWriteFailureAsync(e, path, length, ct);
        }
    }

    /// <summary>The request engine, for the bulk transfers that batch their requests.</summary>
    internal SftpSession Session => _session;

    /// <summary>Version 3 servers report a full disk as a plain failure: statvfs tells whether that is what happened.</summary>
    private async Task<SftpException> ExplainWriteFailureAsync(SftpException failure, string path, int chunk, CancellationToken ct)
    {
        if (failure.ServerMessage?.Contains("no space", StringComparison.OrdinalIgnoreCase) == true)
            return new SftpNoSpaceException($"write {path}: no space left on the remote file system (server said: {failure.ServerMessage}); free space there or pick another destination", path, failure.ServerMessage);
        if (!Supports(SftpExtensionNames.StatVfs)) return failure;
        try
        {
            string directory = path.Contains('/') ? path[..(path.LastIndexOf('/') + 1)] : ".";
            SftpFileSystemInfo info = await GetFileSystemInfoAsync(directory.Length == 0 ? "/" : directory, ct);
            if (info.AvailableBytes < (ulong)chunk)
                return new SftpNoSpaceException($"write {path}: no space left on the remote file system ({info.AvailableBytes} bytes free of {info.TotalBytes}); free space there or pick another destination",
                    path, failure.ServerMessage);
        }
        catch (SftpException) { }
        return failure;
    }

    // ---- attributes -------------------------------------------------------------------------

    /// <summary>stat (follows symbolic links) or, with <paramref name="followLinks"/> false, lstat.</summary>
    public async Task<SftpFileAttributes> GetAttributesAsync(string path, bool followLinks, CancellationToken ct)
    {
        string op = followLinks ? "stat" : "lstat";
        return SftpReplies.Attributes(await PathRequestAsync(followLinks ? SftpPacketType.Stat : SftpPacketType.LStat, path, op, ct), op, path);
    }

    /// <summary>stat, following symbolic links.</summary>
    public Task<SftpFileAttributes> GetAttributesAsync(string path, CancellationToken ct) => GetAttributesAsync(path, true, ct);

    /// <summary>fstat of an open handle.</summary>
    public async Task<SftpFileAttributes> GetAttributesAsync(SftpHandle handle, CancellationToken ct)
    {
        uint id = _session.NextId();
        using var p = new SftpPacketBuilder(SftpPacketType.FStat, id);
        p.WriteString(handle.Value);
        return SftpReplies.Attributes(await _session.RequestAsync(id, p.Complete(), "fstat", ct), "fstat", handle.Path);
    }

    /// <summary>True when the path exists (stat succeeds); false on "no such file".</summary>
    public async Task<bool> ExistsAsync(string path, CancellationToken ct)
    {
        try
        {
            await GetAttributesAsync(path, ct);
            return true;
        }
        catch (SftpNoSuchFileException)
        {
            return false;
        }
    }

    /// <summary>setstat: changes size, owner, mode or times of a path.</summary>
    public async Task SetAttributesAsync(string path, SftpFileAttributes attributes, CancellationToken ct)
    {
        uint id = _session.NextId();
        using var p = new SftpPacketBuilder(SftpPacketType.SetStat, id);
        p.WriteString(path);
        attributes.Write(p);
        SftpReplies.Status(await _session.RequestAsync(id, p.Complete(), "setstat", ct), "setstat", path);
    }

    /// <summary>fsetstat on an open handle.</summary>
    public async Task SetAttributesAsync(SftpHandle handle, SftpFileAttributes attributes, CancellationToken ct)
    {
        uint id = _session.NextId();
        using var p = new SftpPacketBuilder(SftpPacketType.FSetStat, id);
        p.WriteString(handle.Value);
        attributes.Write(p);
        SftpReplies.Status(await _session.RequestAsync(id, p.Complete(), "fsetstat", ct), "fsetstat", handle.Path);
    }

    // ---- directories and names ----------------------------------------------------------------

    public async Task<SftpHandle> OpenDirectoryAsync(string path, CancellationToken ct) =>
        new(SftpReplies.Handle(await PathRequestAsync(SftpPacketType.OpenDir, path, "opendir", ct), "opendir", path), path);

    /// <summary>The next batch of names, or null at the end of the directory.</summary>
    public async Task<IReadOnlyList<SftpDirectoryEntry>?> ReadDirectoryAsync(SftpHandle handle, CancellationToken ct)
    {
        uint id = _session.NextId();
        using var p = new SftpPacketBuilder(SftpPacketType.ReadDir, id);
        p.WriteString(handle.Value);
        return SftpReplies.Names(await _session.RequestAsync(id, p.Complete(), "readdir", ct), "readdir", handle.Path);
    }

    /// <summary>Every entry of a directory except "." and "..".</summary>
    public async Task<IReadOnlyList<SftpDirectoryEntry>> ListDirectoryAsync(string path, CancellationToken ct)
    {
        SftpHandle handle = await OpenDirectoryAsync(path, ct);
        var entries = new List<SftpDirectoryEntry>();
        try
        {
            while (await ReadDirectoryAsync(handle, ct) is { } batch)
                entries.AddRange(batch.Where(e => e.Name is not ("." or "..")));
        }
        finally
        {
            await CloseQuietlyAsync(handle);
        }
        return entries;
    }

    public async Task CreateDirectoryAsync(string path, UnixFileMode? mode, CancellationToken ct)
    {
        uint id = _session.NextId();
        using var p = new SftpPacketBuilder(SftpPacketType.MkDir, id);
        p.WriteString(path);
        (mode is { } m ? SftpFileAttributes.WithMode(m) : new SftpFileAttributes()).Write(p);
        SftpReplies.Status(await _session.RequestAsync(id, p.Complete(), "mkdir", ct), "mkdir", path);
    }

    public async Task RemoveDirectoryAsync(string path, CancellationToken ct) =>
        SftpReplies.Status(await PathRequestAsync(SftpPacketType.RmDir, path, "rmdir", ct), "rmdir", path);

    public async Task RemoveFileAsync(string path, CancellationToken ct) =>
        SftpReplies.Status(await PathRequestAsync(SftpPacketType.Remove, path, "remove", ct), "remove", path);

    /// <summary>The canonical absolute form of a path ("." gives the login directory).</summary>
    public async Task<string> GetFullPathAsync(string path, CancellationToken ct) =>
        SftpReplies.Name(await PathRequestAsync(SftpPacketType.RealPath, path, "realpath", ct), "realpath", path);

    /// <summary>
    /// Renames. With <paramref name="overwrite"/> uses posix-rename@openssh.com, which replaces an
    /// existing target atomically; plain version 3 rename fails when the target exists.
    /// </summary>
    public async Task RenameAsync(string oldPath, string newPath, bool overwrite, CancellationToken ct)
    {
        if (overwrite && !Supports(SftpExtensionNames.PosixRename))
            throw new SftpException($"rename {oldPath} over {newPath}: the server lacks {SftpExtensionNames.PosixRename}; remove the target first", SftpStatusCode.OperationUnsupported, oldPath, null);
        uint id = _session.NextId();
        using var p = overwrite ? new SftpPacketBuilder(SftpPacketType.Extended, id) : new SftpPacketBuilder(SftpPacketType.Rename, id);
        if (overwrite) p.WriteString(SftpExtensionNames.PosixRename);
        p.WriteString(oldPath);
        p.WriteString(newPath);
        SftpReplies.Status(await _session.RequestAsync(id, p.Complete(), "rename", ct), "rename", oldPath);
    }

    /// <summary>Creates <paramref name="linkPath"/> pointing at <paramref name="target"/> (argument order as OpenSSH puts it on the wire).</summary>
    public async Task CreateSymbolicLinkAsync(string linkPath, string target, CancellationToken ct)
    {
        uint id = _session.NextId();
        using var p = new SftpPacketBuilder(SftpPacketType.Symlink, id);
        // OpenSSH sends target first, then the link, the reverse of the draft; every server follows it.
        p.WriteString(target);
        p.WriteString(linkPath);
        SftpReplies.Status(await _session.RequestAsync(id, p.Complete(), "symlink", ct), "symlink", linkPath);
    }

    public async Task<string> ReadSymbolicLinkAsync(string path, CancellationToken ct) =>
        SftpReplies.Name(await PathRequestAsync(SftpPacketType.ReadLink, path, "readlink", ct), "readlink", path);

    // ---- OpenSSH extensions -------------------------------------------------------------------

    /// <summary>statvfs@openssh.com: sizes of the file system holding <paramref name="path"/>.</summary>
    public async Task<SftpFileSystemInfo> GetFileSystemInfoAsync(string path, CancellationToken ct)
    {
        byte[] reply = await ExtendedAsync(SftpExtensionNames.StatVfs, path, p => p.WriteString(path), ct);
        var r = new Wire.SshReader(reply);
        return new SftpFileSystemInfo(r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(),
            r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64());
    }

    /// <summary>fsync@openssh.com: flushes an open file to stable storage.</summary>
    public async Task SyncAsync(SftpHandle handle, CancellationToken ct) =>
        await ExtendedStatusAsync(SftpExtensionNames.FSync, handle.Path, p => p.WriteString(handle.Value), ct);

    /// <summary>hardlink@openssh.com: a second name for an existing file.</summary>
    public async Task CreateHardLinkAsync(string existingPath, string newPath, CancellationToken ct) =>
        await ExtendedStatusAsync(SftpExtensionNames.HardLink, existingPath, p =>
        {
            p.WriteString(existingPath);
            p.WriteString(newPath);
        }, ct);

    private async Task ExtendedStatusAsync(string name, string? path, Action<SftpPacketBuilder> write, CancellationToken ct)
    {
        RequireExtension(name);
        uint id = _session.NextId();
        using var p = new SftpPacketBuilder(SftpPacketType.Extended, id);
        p.WriteString(name);
        write(p);
        SftpReplies.Status(await _session.RequestAsync(id, p.Complete(), name, ct), name, path);
    }

    private async Task<byte[]> ExtendedAsync(string name, string? path, Action<SftpPacketBuilder> write, CancellationToken ct)
    {
        RequireExtension(name);
        uint id = _session.NextId();
        using var p = new SftpPacketBuilder(SftpPacketType.Extended, id);
        p.WriteString(name);
        write(p);
        return SftpReplies.ExtendedReply(await _session.RequestAsync(id, p.Complete(), name, ct), name, path);
    }

    private void RequireExtension(string name)
    {
        if (!Supports(name))
            throw new SftpException($"the server does not offer {name} (it offers: {string.Join(", ", ServerExtensions.Keys)})", SftpStatusCode.OperationUnsupported, null, null);
    }

    private async Task<SftpFrame> PathRequestAsync(byte type, string path, string operation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        uint id = _session.NextId();
        using var p = new SftpPacketBuilder(type, id);
        p.WriteString(path);
        return await _session.RequestAsync(id, p.Complete(), operation, ct);
    }

    /// <summary>Closes a handle on an error path, where a second error would only hide the first.</summary>
    internal async Task CloseQuietlyAsync(SftpHandle handle)
    {
        try
        {
            using var cts = new CancellationTokenSource(Options.OperationTimeout);
            await CloseAsync(handle, cts.Token);
        }
        catch (Exception e) when (e is SshException or OperationCanceledException) { }
    }

    /// <summary>The reason the session ended, if it has.</summary>
    internal Exception? SessionFailure => _session.Failure;

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        if (_owned != null) await _owned.DisposeAsync();
    }
}
