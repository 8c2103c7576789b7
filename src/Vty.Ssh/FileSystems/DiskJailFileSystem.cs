using Microsoft.Win32.SafeHandles;

namespace Vty.Ssh.FileSystems;

/// <summary>
/// A directory on disk served as "/". Symbolic links resolve as under chroot: an absolute target
/// starts at the jail's root and ".." stops there, so no path or link leads outside the directory.
/// Permissions are those of the server process; the jail is the only boundary.
/// </summary>
public sealed class DiskJailFileSystem : IServedFileSystem
{
    private const int MaxLinkHops = 40;
    private readonly string _root;

    /// <summary>Serves <paramref name="rootDirectory"/> (it must exist); sessions start in <paramref name="homeDirectory"/>.</summary>
    public DiskJailFileSystem(string rootDirectory, string homeDirectory = "/")
    {
        string full = Path.GetFullPath(rootDirectory);
        // "/" itself is served as the machine's own tree (the SCP client's local side).
        _root = full.TrimEnd('/');
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"the directory to serve, {rootDirectory}, does not exist; create it first");
        HomeDirectory = VirtualPath.Normalize(homeDirectory, "/");
    }

    /// <summary>The directory on disk behind "/".</summary>
    public string RootDirectory => _root.Length == 0 ? "/" : _root;

    public string HomeDirectory { get; }

    public ValueTask<ServedFileInfo> GetInfoAsync(string path, bool followLinks, CancellationToken ct) =>
        Run(() => Describe(VirtualPath.Name(path), Resolve(path, followLinks), path));

    public ValueTask<IServedFile> OpenFileAsync(string path, ServedOpenMode mode, UnixFileMode? createMode, CancellationToken ct) => Run<IServedFile>(() =>
    {
        string real = Resolve(path, followFinal: true);
        if (Directory.Exists(real)) throw new IOException($"{path} is a directory");
        FileMode fileMode = (mode & (ServedOpenMode.Create | ServedOpenMode.Exclusive | ServedOpenMode.Truncate)) switch
        {
            var m when m.HasFlag(ServedOpenMode.Create) && m.HasFlag(ServedOpenMode.Exclusive) => FileMode.CreateNew,
            var m when m.HasFlag(ServedOpenMode.Create) && m.HasFlag(ServedOpenMode.Truncate) => FileMode.Create,
            var m when m.HasFlag(ServedOpenMode.Create) => FileMode.OpenOrCreate,
            var m when m.HasFlag(ServedOpenMode.Truncate) => FileMode.Truncate,
            _ => FileMode.Open,
        };
        FileAccess access = mode.HasFlag(ServedOpenMode.Write) || mode.HasFlag(ServedOpenMode.Append)
            ? mode.HasFlag(ServedOpenMode.Read) ? FileAccess.ReadWrite : FileAccess.Write
            : FileAccess.Read;
        bool existed = File.Exists(real);
        SafeFileHandle handle = File.OpenHandle(real, fileMode, access, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous,
            preallocationSize: 0);
        if (!existed && createMode is { } m3 && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(handle, m3);
        return new DiskJailFile(handle, real, VirtualPath.Name(path), mode.HasFlag(ServedOpenMode.Append));
    });

    public ValueTask<IReadOnlyList<ServedFileInfo>> ListDirectoryAsync(string path, CancellationToken ct) => Run<IReadOnlyList<ServedFileInfo>>(() =>
    {
        string real = Resolve(path, followFinal: true);
        if (!Directory.Exists(real)) throw File.Exists(real) ? new IOException($"{path} is not a directory") : new DirectoryNotFoundException($"{path} does not exist");
        return new DirectoryInfo(real).EnumerateFileSystemInfos().Select(Describe).ToList();
    });

    public ValueTask CreateDirectoryAsync(string path, UnixFileMode? mode, CancellationToken ct) => Run(() =>
    {
        string real = Resolve(path, followFinal: false);
        if (Exists(real)) throw new IOException($"{path} already exists");
        if (!Directory.Exists(Path.GetDirectoryName(real))) throw new DirectoryNotFoundException($"the parent of {path} does not exist");
        if (mode is { } m && !OperatingSystem.IsWindows()) Directory.CreateDirectory(real, m);
        else Directory.CreateDirectory(real);
    });

    public ValueTask DeleteDirectoryAsync(string path, CancellationToken ct) => Run(() =>
    {
        string real = Resolve(path, followFinal: false);
        if (!Directory.Exists(real) || new DirectoryInfo(real).LinkTarget != null) throw new DirectoryNotFoundException($"{path} is not a directory");
        Directory.Delete(real, recursive: false);
    });

    public ValueTask DeleteFileAsync(string path, CancellationToken ct) => Run(() =>
    {
        string real = Resolve(path, followFinal: false);
        var info = new FileInfo(real);
        if (info.LinkTarget == null && Directory.Exists(real)) throw new IOException($"{path} is a directory; remove it with rmdir");
        if (info.LinkTarget == null && !info.Exists) throw new FileNotFoundException($"{path} does not exist");
        File.Delete(real);
    });

    public ValueTask RenameAsync(string oldPath, string newPath, bool overwrite, CancellationToken ct) => Run(() =>
    {
        string from = Resolve(oldPath, followFinal: false);
        string to = Resolve(newPath, followFinal: false);
        if (!Exists(from)) throw new FileNotFoundException($"{oldPath} does not exist");
        if (Exists(to) && !overwrite) throw new IOException($"{newPath} already exists");
        if (Directory.Exists(from) && new DirectoryInfo(from).LinkTarget == null) Directory.Move(from, to);
        else File.Move(from, to, overwrite);
    });

    public ValueTask SetAttributesAsync(string path, ServedAttributeChanges changes, CancellationToken ct) => Run(() =>
    {
        string real = Resolve(path, followFinal: true);
        if (!Exists(real)) throw new FileNotFoundException($"{path} does not exist");
        Apply(real, changes);
    });

    public ValueTask CreateSymbolicLinkAsync(string linkPath, string target, CancellationToken ct) => Run(() =>
    {
        string real = Resolve(linkPath, followFinal: false);
        if (Exists(real)) throw new IOException($"{linkPath} already exists");
        File.CreateSymbolicLink(real, target);
    });

    public ValueTask<string> ReadSymbolicLinkAsync(string path, CancellationToken ct) => Run(() =>
    {
        string real = Resolve(path, followFinal: false);
        return new FileInfo(real).LinkTarget ?? throw (Exists(real) ? new IOException($"{path} is not a symbolic link") : new FileNotFoundException($"{path} does not exist"));
    });

    public ValueTask CreateHardLinkAsync(string existingPath, string newPath, CancellationToken ct) =>
        ValueTask.FromException(new NotSupportedException("hard links are not served from a directory jail"));

    public ValueTask<ServedCapacity> GetCapacityAsync(string path, CancellationToken ct) => Run(() =>
    {
        var drive = new DriveInfo(Resolve(path, followFinal: true));
        return new ServedCapacity(drive.TotalSize, drive.AvailableFreeSpace);
    });

    internal static void Apply(string real, ServedAttributeChanges changes)
    {
        if (changes.Size is { } size)
        {
            using SafeFileHandle h = File.OpenHandle(real, FileMode.Open, FileAccess.Write);
            RandomAccess.SetLength(h, size);
        }
        if (changes.Mode is { } mode && !OperatingSystem.IsWindows()) File.SetUnixFileMode(real, mode);
        if (changes.LastWriteTime is { } mtime) File.SetLastWriteTimeUtc(real, mtime.UtcDateTime);
        if (changes.LastAccessTime is { } atime) File.SetLastAccessTimeUtc(real, atime.UtcDateTime);
    }

    /// <summary>The real path of a virtual one, following links (chroot-style) on the way and at the end if asked.</summary>
    private string Resolve(string path, bool followFinal)
    {
        var resolved = new List<string>();
        var pending = new LinkedList<string>(VirtualPath.Split(path));
        int hops = 0;
        while (pending.First is { } node)
        {
            string part = node.Value;
            pending.RemoveFirst();
            if (part == ".") continue;
            if (part == "..")
            {
                if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            resolved.Add(part);
            if (pending.Count == 0 && !followFinal) break;
            if (new FileInfo(Real(resolved)).LinkTarget is not { } target) continue;
            if (++hops > MaxLinkHops) throw new IOException($"{path}: too many levels of symbolic links");
            resolved.RemoveAt(resolved.Count - 1);
            if (target.StartsWith('/')) resolved.Clear();
            string[] targetParts = VirtualPath.Split(target);
            for (int i = targetParts.Length - 1; i >= 0; i--) pending.AddFirst(targetParts[i]);
        }
        return Real(resolved);
    }

    private string Real(List<string> parts) => parts.Count == 0 ? (_root.Length == 0 ? "/" : _root) : _root + "/" + string.Join('/', parts);

    private static bool Exists(string real) => File.Exists(real) || Directory.Exists(real) || new FileInfo(real).LinkTarget != null;

    private static ServedFileInfo Describe(FileSystemInfo info) => Describe(info.Name, info.FullName, info.Name);

    private static ServedFileInfo Describe(string name, string real, string shownPath)
    {
        FileSystemInfo info = new FileInfo(real);
        if (info.LinkTarget == null && Directory.Exists(real)) info = new DirectoryInfo(real);
        if (!info.Exists && info.LinkTarget == null) throw new FileNotFoundException($"{shownPath} does not exist");
        ServedFileKind kind = info.LinkTarget != null ? ServedFileKind.SymbolicLink
            : info is DirectoryInfo ? ServedFileKind.Directory
            : (info.Attributes & FileAttributes.Device) != 0 ? ServedFileKind.Other
            : ServedFileKind.File;
        long size = info is FileInfo f && kind == ServedFileKind.File ? f.Length : kind == ServedFileKind.SymbolicLink ? info.LinkTarget!.Length : 4096;
        UnixFileMode mode = OperatingSystem.IsWindows() ? (UnixFileMode)0x1A4 : info.UnixFileMode;
        return new ServedFileInfo(name, kind, size, mode, info.LastWriteTimeUtc, info.LastAccessTimeUtc);
    }

    private ValueTask Run(Action action)
    {
        try
        {
            action();
            return ValueTask.CompletedTask;
        }
        catch (Exception e)
        {
            return ValueTask.FromException(Hide(e));
        }
    }

    private ValueTask<T> Run<T>(Func<T> action)
    {
        try
        {
            return ValueTask.FromResult(action());
        }
        catch (Exception e)
        {
            return ValueTask.FromException<T>(Hide(e));
        }
    }

    /// <summary>Errors go to clients: the jail's real location stays out of their messages.</summary>
    private Exception Hide(Exception e)
    {
        e = Translate(e);
        if (_root.Length == 0 || !e.Message.Contains(_root, StringComparison.Ordinal)) return e;
        string message = e.Message.Replace(_root, "", StringComparison.Ordinal);
        return e switch
        {
            FileNotFoundException => new FileNotFoundException(message),
            DirectoryNotFoundException => new DirectoryNotFoundException(message),
            UnauthorizedAccessException => new UnauthorizedAccessException(message),
            IOException => new IOException(message),
            _ => e,
        };
    }

    internal static Exception Translate(Exception e) =>
        e is IOException io && io is not FileNotFoundException and not DirectoryNotFoundException && IsNoSpace(io)
            ? new ServedFileSystemFullException("no space left on the served file system")
            : e;

    private static bool IsNoSpace(IOException e) => e.HResult == 28 || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase);
}
