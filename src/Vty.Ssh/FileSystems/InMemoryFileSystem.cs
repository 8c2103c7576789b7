namespace Vty.Ssh.FileSystems;

/// <summary>
/// A file tree in memory (directories, files, symbolic and hard links) with a byte capacity: a
/// write beyond it fails with <see cref="ServedFileSystemFullException"/>. One lock guards the tree,
/// so it is safe for concurrent sessions. Used by the lab for device flash and home directories.
/// </summary>
public sealed class InMemoryFileSystem : IServedFileSystem
{
    private const int MaxLinkHops = 40;
    private readonly object _gate = new();
    private readonly MemoryNode.Directory _root;
    private long _used;

    /// <param name="capacityBytes">Total bytes the files may hold.</param>
    /// <param name="homeDirectory">Where sessions start; created if missing.</param>
    public InMemoryFileSystem(long capacityBytes = 64L * 1024 * 1024, string homeDirectory = "/")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        CapacityBytes = capacityBytes;
        _root = new MemoryNode.Directory((UnixFileMode)0x1ED);
        HomeDirectory = VirtualPath.Normalize(homeDirectory, "/");
        MemoryNode.Directory dir = _root;
        foreach (string part in VirtualPath.Split(HomeDirectory))
        {
            var child = new MemoryNode.Directory((UnixFileMode)0x1ED);
            dir.Children[part] = child;
            dir = child;
        }
    }

    public string HomeDirectory { get; }

    public long CapacityBytes { get; }

    /// <summary>Bytes held by files now.</summary>
    public long UsedBytes
    {
        get
        {
            lock (_gate) return _used;
        }
    }

    public ValueTask<ServedFileInfo> GetInfoAsync(string path, bool followLinks, CancellationToken ct) =>
        Run(() => Describe(VirtualPath.Name(path), Find(path, followLinks)));

    public ValueTask<IServedFile> OpenFileAsync(string path, ServedOpenMode mode, UnixFileMode? createMode, CancellationToken ct) => Run<IServedFile>(() =>
    {
        (MemoryNode.Directory parent, string name) = FindParent(path);
        MemoryNode? node = parent.Children.GetValueOrDefault(name);
        if (node is MemoryNode.Link) node = Find(path, followFinal: true, allowMissing: true);
        if (node is null)
        {
            if (!mode.HasFlag(ServedOpenMode.Create)) throw new FileNotFoundException($"{path} does not exist");
            node = new MemoryNode.File(createMode ?? (UnixFileMode)0x1A4);
            (MemoryNode.Directory targetParent, string targetName) = FindParent(ResolveLinkPath(path));
            targetParent.Children[targetName] = node;
            targetParent.Touch();
        }
        else if (mode.HasFlag(ServedOpenMode.Create) && mode.HasFlag(ServedOpenMode.Exclusive))
        {
            throw new IOException($"{path} already exists");
        }
        if (node is not MemoryNode.File file) throw new IOException($"{path} is not a regular file");
        bool writing = mode.HasFlag(ServedOpenMode.Write) || mode.HasFlag(ServedOpenMode.Append);
        if (writing && (file.Mode & UnixFileMode.UserWrite) == 0) throw new UnauthorizedAccessException($"{path} is read-only");
        if (mode.HasFlag(ServedOpenMode.Truncate) && writing) Resize(file, 0);
        return new InMemoryFile(this, file, VirtualPath.Name(path), mode.HasFlag(ServedOpenMode.Append));
    });

    public ValueTask<IReadOnlyList<ServedFileInfo>> ListDirectoryAsync(string path, CancellationToken ct) => Run<IReadOnlyList<ServedFileInfo>>(() =>
    {
        if (Find(path, followFinal: true) is not MemoryNode.Directory dir) throw new IOException($"{path} is not a directory");
        return dir.Children.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => Describe(c.Key, c.Value)).ToList();
    });

    public ValueTask CreateDirectoryAsync(string path, UnixFileMode? mode, CancellationToken ct) => Run(() =>
    {
        (MemoryNode.Directory parent, string name) = FindParent(path);
        if (parent.Children.ContainsKey(name)) throw new IOException($"{path} already exists");
        parent.Children[name] = new MemoryNode.Directory(mode ?? (UnixFileMode)0x1ED);
        parent.Touch();
    });

    public ValueTask DeleteDirectoryAsync(string path, CancellationToken ct) => Run(() =>
    {
        (MemoryNode.Directory parent, string name) = FindParent(path);
        if (parent.Children.GetValueOrDefault(name) is not MemoryNode.Directory dir) throw new DirectoryNotFoundException($"{path} is not a directory");
        if (dir.Children.Count > 0) throw new IOException($"{path} is not empty");
        parent.Children.Remove(name);
        parent.Touch();
    });

    public ValueTask DeleteFileAsync(string path, CancellationToken ct) => Run(() =>
    {
        (MemoryNode.Directory parent, string name) = FindParent(path);
        MemoryNode node = parent.Children.GetValueOrDefault(name) ?? throw new FileNotFoundException($"{path} does not exist");
        if (node is MemoryNode.Directory) throw new IOException($"{path} is a directory; remove it with rmdir");
        parent.Children.Remove(name);
        parent.Touch();
        if (node is MemoryNode.File file && --file.Links == 0) _used -= file.Length;
    });

    public ValueTask RenameAsync(string oldPath, string newPath, bool overwrite, CancellationToken ct) => Run(() =>
    {
        (MemoryNode.Directory fromParent, string fromName) = FindParent(oldPath);
        MemoryNode node = fromParent.Children.GetValueOrDefault(fromName) ?? throw new FileNotFoundException($"{oldPath} does not exist");
        (MemoryNode.Directory toParent, string toName) = FindParent(newPath);
        if (toParent.Children.GetValueOrDefault(toName) is { } existing)
        {
            if (!overwrite || existing is MemoryNode.Directory) throw new IOException($"{newPath} already exists");
            if (existing is MemoryNode.File old && --old.Links == 0) _used -= old.Length;
        }
        if (node is MemoryNode.Directory moving && IsWithin(toParent, moving)) throw new IOException($"cannot move {oldPath} into itself");
        fromParent.Children.Remove(fromName);
        toParent.Children[toName] = node;
        fromParent.Touch();
        toParent.Touch();
    });

    public ValueTask SetAttributesAsync(string path, ServedAttributeChanges changes, CancellationToken ct) => Run(() => Apply(Find(path, followFinal: true), changes));

    public ValueTask CreateSymbolicLinkAsync(string linkPath, string target, CancellationToken ct) => Run(() =>
    {
        (MemoryNode.Directory parent, string name) = FindParent(linkPath);
        if (parent.Children.ContainsKey(name)) throw new IOException($"{linkPath} already exists");
        parent.Children[name] = new MemoryNode.Link(target);
        parent.Touch();
    });

    public ValueTask<string> ReadSymbolicLinkAsync(string path, CancellationToken ct) => Run(() =>
        Find(path, followFinal: false) is MemoryNode.Link link ? link.Target : throw new IOException($"{path} is not a symbolic link"));

    public ValueTask CreateHardLinkAsync(string existingPath, string newPath, CancellationToken ct) => Run(() =>
    {
        if (Find(existingPath, followFinal: false) is not MemoryNode.File file) throw new IOException($"{existingPath} is not a regular file");
        (MemoryNode.Directory parent, string name) = FindParent(newPath);
        if (parent.Children.ContainsKey(name)) throw new IOException($"{newPath} already exists");
        parent.Children[name] = file;
        file.Links++;
        parent.Touch();
    });

    public ValueTask<ServedCapacity> GetCapacityAsync(string path, CancellationToken ct) => Run(() => new ServedCapacity(CapacityBytes, CapacityBytes - _used));

    // ---- used by InMemoryFile, under the lock -------------------------------------------------

    internal int Read(MemoryNode.File file, long offset, Span<byte> buffer)
    {
        lock (_gate)
        {
            file.AccessTime = DateTimeOffset.UtcNow;
            if (offset >= file.Length) return 0;
            int n = (int)Math.Min(buffer.Length, file.Length - offset);
            file.Data.AsSpan((int)offset, n).CopyTo(buffer);
            return n;
        }
    }

    internal void Write(MemoryNode.File file, long offset, ReadOnlySpan<byte> data, bool append)
    {
        lock (_gate)
        {
            if (append) offset = file.Length;
            long end = offset + data.Length;
            if (end > int.MaxValue) throw new ServedFileSystemFullException("an in-memory file is limited to 2 GiB");
            if (end > file.Length) Resize(file, end);
            data.CopyTo(file.Data.AsSpan((int)offset));
            file.WriteTime = DateTimeOffset.UtcNow;
        }
    }

    internal ServedFileInfo Describe(string name, MemoryNode.File file)
    {
        lock (_gate) return Describe(name, (MemoryNode)file);
    }

    internal void Apply(MemoryNode.File file, ServedAttributeChanges changes)
    {
        lock (_gate) Apply((MemoryNode)file, changes);
    }

    private void Apply(MemoryNode node, ServedAttributeChanges changes)
    {
        if (changes.Size is { } size)
        {
            if (node is not MemoryNode.File file) throw new IOException("only a file has a size to change");
            Resize(file, size);
        }
        if (changes.Mode is { } mode) node.Mode = mode & (UnixFileMode)0xFFF;
        if (changes.LastWriteTime is { } mtime) node.WriteTime = mtime;
        if (changes.LastAccessTime is { } atime) node.AccessTime = atime;
    }

    private void Resize(MemoryNode.File file, long length)
    {
        long growth = length - file.Length;
        if (growth > 0 && _used + growth > CapacityBytes)
            throw new ServedFileSystemFullException($"no space left: {CapacityBytes - _used} bytes free, {growth} more needed");
        if (length > file.Data.Length)
        {
            byte[] bigger = new byte[Math.Max(length, Math.Min(int.MaxValue, file.Data.Length * 2L))];
            file.Data.AsSpan(0, (int)file.Length).CopyTo(bigger);
            file.Data = bigger;
        }
        else if (length < file.Length)
        {
            file.Data.AsSpan((int)length, (int)(file.Length - length)).Clear();
        }
        _used += growth;
        file.Length = length;
        file.WriteTime = DateTimeOffset.UtcNow;
    }

    private static bool IsWithin(MemoryNode.Directory candidate, MemoryNode.Directory ancestor)
    {
        if (ReferenceEquals(candidate, ancestor)) return true;
        foreach (MemoryNode child in ancestor.Children.Values)
            if (child is MemoryNode.Directory d && IsWithin(candidate, d)) return true;
        return false;
    }

    private static ServedFileInfo Describe(string name, MemoryNode node) => node switch
    {
        MemoryNode.File f => new ServedFileInfo(name, ServedFileKind.File, f.Length, f.Mode, f.WriteTime, f.AccessTime) { LinkCount = f.Links },
        MemoryNode.Directory d => new ServedFileInfo(name, ServedFileKind.Directory, 4096, d.Mode, d.WriteTime, d.AccessTime) { LinkCount = 2 },
        MemoryNode.Link l => new ServedFileInfo(name, ServedFileKind.SymbolicLink, l.Target.Length, (UnixFileMode)0x1FF, l.WriteTime, l.AccessTime),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The directory that holds the last component (links in the parents followed) and that component.</summary>
    private (MemoryNode.Directory Parent, string Name) FindParent(string path)
    {
        string normalized = VirtualPath.Normalize(path, "/");
        if (normalized == "/") throw new IOException("the root directory cannot be changed this way");
        if (Find(VirtualPath.Parent(normalized), followFinal: true) is not MemoryNode.Directory parent)
            throw new DirectoryNotFoundException($"the parent of {path} is not a directory");
        return (parent, VirtualPath.Name(normalized));
    }

    /// <summary>The path a (possibly dangling) final link points at, for creating files through it.</summary>
    private string ResolveLinkPath(string path)
    {
        string current = VirtualPath.Normalize(path, "/");
        for (int hops = 0; hops < MaxLinkHops; hops++)
        {
            (MemoryNode.Directory parent, string name) = FindParent(current);
            if (parent.Children.GetValueOrDefault(name) is not MemoryNode.Link link) return current;
            current = VirtualPath.Normalize(link.Target, VirtualPath.Parent(current));
        }
        throw new IOException($"{path}: too many levels of symbolic links");
    }

    private MemoryNode Find(string path, bool followFinal) => Find(path, followFinal, allowMissing: false)!;

    private MemoryNode? Find(string path, bool followFinal, bool allowMissing)
    {
        var pending = new LinkedList<string>(VirtualPath.Split(path));
        var stack = new List<MemoryNode.Directory> { _root };
        MemoryNode current = _root;
        int hops = 0;
        while (pending.First is { } first)
        {
            string part = first.Value;
            pending.RemoveFirst();
            if (part == ".") continue;
            if (part == "..")
            {
                if (stack.Count > 1) stack.RemoveAt(stack.Count - 1);
                current = stack[^1];
                continue;
            }
            if (current is not MemoryNode.Directory dir) throw new DirectoryNotFoundException($"{path}: a component is not a directory");
            if (!dir.Children.TryGetValue(part, out MemoryNode? next))
            {
                if (allowMissing && pending.Count == 0) return null;
                throw new FileNotFoundException($"{path} does not exist");
            }
            if (next is MemoryNode.Link link && (pending.Count > 0 || followFinal))
            {
                if (++hops > MaxLinkHops) throw new IOException($"{path}: too many levels of symbolic links");
                if (link.Target.StartsWith('/')) stack.RemoveRange(1, stack.Count - 1);
                current = stack[^1];
                string[] parts = VirtualPath.Split(link.Target);
                for (int i = parts.Length - 1; i >= 0; i--) pending.AddFirst(parts[i]);
                continue;
            }
            current = next;
            if (next is MemoryNode.Directory d) stack.Add(d);
        }
        return current;
    }

    private ValueTask Run(Action action)
    {
        try
        {
            lock (_gate) action();
            return ValueTask.CompletedTask;
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
    }

    private ValueTask<T> Run<T>(Func<T> action)
    {
        try
        {
            lock (_gate) return ValueTask.FromResult(action());
        }
        catch (Exception e)
        {
            return ValueTask.FromException<T>(e);
        }
    }
}
