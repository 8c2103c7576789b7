using System.Text;
using Vty.Lab.Profiles.Linux;
using Vty.Ssh.FileSystems;

namespace Vty.Lab.Files;

/// <summary>
/// A Linux lab device's own file tree served over SFTP, so <c>ls</c> and <c>cat</c> in its shell
/// see what was uploaded and the other way round. Contents are kept as Latin-1 strings (one char per
/// byte); files are limited to <see cref="MaxFileBytes"/>. No links, modes or times are modelled:
/// setting them is refused rather than ignored.
/// </summary>
internal sealed class LabLinuxFiles(LabDeviceState device, string user) : IServedFileSystem
{
    public const int MaxFileBytes = 16 * 1024 * 1024;
    private static readonly Encoding Bytes = Encoding.Latin1;

    public string HomeDirectory => user == "root" ? "/root" : "/home/" + user;

    private LinuxFileSystem Tree()
    {
        LinuxFileSystem fs = device.Extra("linux-fs", () => new LinuxFileSystem(device.Hostname, device.Options.Username));
        if (user != "root" && fs.Get(HomeDirectory) is null) fs.CreateDirectory(HomeDirectory, user);
        return fs;
    }

    public ValueTask<ServedFileInfo> GetInfoAsync(string path, bool followLinks, CancellationToken ct) =>
        Run(fs => Describe(path, Need(fs, path)));

    public ValueTask<IServedFile> OpenFileAsync(string path, ServedOpenMode mode, UnixFileMode? createMode, CancellationToken ct) => Run<IServedFile>(fs =>
    {
        LinuxFileSystem.Entry? entry = fs.Get(path);
        bool writing = (mode & (ServedOpenMode.Write | ServedOpenMode.Append)) != 0;
        if (entry is { IsDirectory: true }) throw new IOException($"{path} is a directory");
        if (!fs.CanRead(path, user)) throw new UnauthorizedAccessException($"{path}: permission denied");
        if (entry is null)
        {
            if (!mode.HasFlag(ServedOpenMode.Create)) throw new FileNotFoundException($"{path} does not exist");
            CheckWritable(fs, LinuxFileSystem.Parent(path));
            fs.WriteFile(path, user, "", append: false);
        }
        else if (writing)
        {
            if (mode.HasFlag(ServedOpenMode.Create) && mode.HasFlag(ServedOpenMode.Exclusive)) throw new IOException($"{path} already exists");
            if (entry.Owner != user && user != "root") throw new UnauthorizedAccessException($"{path}: permission denied");
            if (mode.HasFlag(ServedOpenMode.Truncate)) entry.Content = "";
        }
        return new LabLinuxFile(this, path, mode.HasFlag(ServedOpenMode.Append));
    });

    public ValueTask<IReadOnlyList<ServedFileInfo>> ListDirectoryAsync(string path, CancellationToken ct) => Run<IReadOnlyList<ServedFileInfo>>(fs =>
    {
        if (!Need(fs, path).IsDirectory) throw new IOException($"{path} is not a directory");
        if (!fs.CanRead(path, user)) throw new UnauthorizedAccessException($"{path}: permission denied");
        return fs.Children(path).Select(child => Describe(child, fs.Get(child)!)).ToList();
    });

    public ValueTask CreateDirectoryAsync(string path, UnixFileMode? mode, CancellationToken ct) => Run(fs =>
    {
        if (fs.Get(path) is not null) throw new IOException($"{path} already exists");
        CheckWritable(fs, LinuxFileSystem.Parent(path));
        fs.CreateDirectory(path, user);
    });

    public ValueTask DeleteDirectoryAsync(string path, CancellationToken ct) => Run(fs =>
    {
        if (!Need(fs, path).IsDirectory) throw new IOException($"{path} is not a directory");
        if (fs.Children(path).Any()) throw new IOException($"{path} is not empty");
        CheckWritable(fs, LinuxFileSystem.Parent(path));
        fs.Remove(path);
    });

    public ValueTask DeleteFileAsync(string path, CancellationToken ct) => Run(fs =>
    {
        if (Need(fs, path).IsDirectory) throw new IOException($"{path} is a directory");
        CheckWritable(fs, LinuxFileSystem.Parent(path));
        fs.Remove(path);
    });

    public ValueTask RenameAsync(string oldPath, string newPath, bool overwrite, CancellationToken ct) => Run(fs =>
    {
        LinuxFileSystem.Entry entry = Need(fs, oldPath);
        if (entry.IsDirectory) throw new NotSupportedException("the lab's Linux file tree cannot rename directories");
        if (fs.Get(newPath) is { } existing && (!overwrite || existing.IsDirectory)) throw new IOException($"{newPath} already exists");
        CheckWritable(fs, LinuxFileSystem.Parent(oldPath));
        CheckWritable(fs, LinuxFileSystem.Parent(newPath));
        fs.WriteFile(newPath, entry.Owner, entry.Content, append: false);
        fs.Remove(oldPath);
    });

    public ValueTask SetAttributesAsync(string path, ServedAttributeChanges changes, CancellationToken ct) => Run(fs =>
    {
        LinuxFileSystem.Entry entry = Need(fs, path);
        if (changes.Mode != null || changes.LastWriteTime != null || changes.LastAccessTime != null)
            throw new NotSupportedException("the lab's Linux file tree has no modes or times to set");
        if (changes.Size is { } size) Resize(entry, size);
    });

    public ValueTask CreateSymbolicLinkAsync(string linkPath, string target, CancellationToken ct) =>
        ValueTask.FromException(new NotSupportedException("the lab's Linux file tree has no symbolic links"));

    public ValueTask<string> ReadSymbolicLinkAsync(string path, CancellationToken ct) =>
        ValueTask.FromException<string>(new IOException($"{path} is not a symbolic link"));

    public ValueTask CreateHardLinkAsync(string existingPath, string newPath, CancellationToken ct) =>
        ValueTask.FromException(new NotSupportedException("the lab's Linux file tree has no hard links"));

    public ValueTask<ServedCapacity> GetCapacityAsync(string path, CancellationToken ct) =>
        ValueTask.FromResult(new ServedCapacity(8L * 1024 * 1024 * 1024, 6L * 1024 * 1024 * 1024));

    internal int Read(string path, long offset, Span<byte> buffer)
    {
        lock (device.Sync)
        {
            string content = Need(Tree(), path).Content;
            if (offset >= content.Length) return 0;
            int n = (int)Math.Min(buffer.Length, content.Length - offset);
            return Bytes.GetBytes(content.AsSpan((int)offset, n), buffer);
        }
    }

    internal void Write(string path, long offset, ReadOnlySpan<byte> data, bool append)
    {
        lock (device.Sync)
        {
            LinuxFileSystem.Entry entry = Need(Tree(), path);
            string content = entry.Content;
            if (append) offset = content.Length;
            long end = offset + data.Length;
            if (end > MaxFileBytes) throw new ServedFileSystemFullException($"the lab keeps files up to {MaxFileBytes} bytes");
            var text = new StringBuilder(content, (int)Math.Max(end, content.Length));
            if (offset > text.Length) text.Append('\0', (int)offset - text.Length);
            string chunk = Bytes.GetString(data);
            int overlap = (int)Math.Min(chunk.Length, text.Length - offset);
            text.Remove((int)offset, overlap).Insert((int)offset, chunk);
            entry.Content = text.ToString();
        }
    }

    internal ServedFileInfo Describe(string path)
    {
        lock (device.Sync) return Describe(path, Need(Tree(), path));
    }

    internal void Truncate(string path, long size)
    {
        lock (device.Sync) Resize(Need(Tree(), path), size);
    }

    private static void Resize(LinuxFileSystem.Entry entry, long size)
    {
        if (size > MaxFileBytes) throw new ServedFileSystemFullException($"the lab keeps files up to {MaxFileBytes} bytes");
        entry.Content = size <= entry.Content.Length ? entry.Content[..(int)size] : entry.Content.PadRight((int)size, '\0');
    }

    private ServedFileInfo Describe(string path, LinuxFileSystem.Entry entry) =>
        new(LinuxFileSystem.Name(path), entry.IsDirectory ? ServedFileKind.Directory : ServedFileKind.File,
            entry.IsDirectory ? 4096 : entry.Content.Length, entry.IsDirectory ? (UnixFileMode)0x1ED : (UnixFileMode)0x1A4, device.Now, device.Now)
        {
            UserId = entry.Owner == "root" ? 0u : 1000u,
            GroupId = entry.Owner == "root" ? 0u : 1000u,
        };

    private void CheckWritable(LinuxFileSystem fs, string directory)
    {
        if (fs.Get(directory) is not { IsDirectory: true }) throw new DirectoryNotFoundException($"{directory} does not exist");
        if (!fs.CanWrite(directory, user)) throw new UnauthorizedAccessException($"{directory}: permission denied");
    }

    private static LinuxFileSystem.Entry Need(LinuxFileSystem fs, string path) =>
        fs.Get(path) ?? throw new FileNotFoundException($"{path} does not exist");

    private ValueTask Run(Action<LinuxFileSystem> action)
    {
        try
        {
            lock (device.Sync) action(Tree());
            return ValueTask.CompletedTask;
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
    }

    private ValueTask<T> Run<T>(Func<LinuxFileSystem, T> action)
    {
        try
        {
            lock (device.Sync) return ValueTask.FromResult(action(Tree()));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<T>(e);
        }
    }
}
