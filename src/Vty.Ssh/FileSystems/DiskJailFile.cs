using Microsoft.Win32.SafeHandles;

namespace Vty.Ssh.FileSystems;

/// <summary>An open file of a <see cref="DiskJailFileSystem"/>: positional reads and writes on one handle.</summary>
internal sealed class DiskJailFile(SafeFileHandle handle, string realPath, string name, bool append) : IServedFile
{
    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken ct) =>
        await RandomAccess.ReadAsync(handle, buffer, offset, ct);

    public async ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        try
        {
            await RandomAccess.WriteAsync(handle, data, append ? RandomAccess.GetLength(handle) : offset, ct);
        }
        catch (IOException e)
        {
            throw DiskJailFileSystem.Translate(e);
        }
    }

    public ValueTask<ServedFileInfo> GetInfoAsync(CancellationToken ct)
    {
        var info = new FileInfo(realPath);
        UnixFileMode mode = OperatingSystem.IsWindows() ? (UnixFileMode)0x1A4 : File.GetUnixFileMode(handle);
        return ValueTask.FromResult(new ServedFileInfo(name, ServedFileKind.File, RandomAccess.GetLength(handle), mode, info.LastWriteTimeUtc, info.LastAccessTimeUtc));
    }

    public ValueTask SetAttributesAsync(ServedAttributeChanges changes, CancellationToken ct)
    {
        try
        {
            if (changes.Size is { } size) RandomAccess.SetLength(handle, size);
            DiskJailFileSystem.Apply(realPath, changes with { Size = null });
            return ValueTask.CompletedTask;
        }
        catch (Exception e)
        {
            return ValueTask.FromException(DiskJailFileSystem.Translate(e));
        }
    }

    public ValueTask FlushAsync(CancellationToken ct)
    {
        RandomAccess.FlushToDisk(handle);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        handle.Dispose();
        return ValueTask.CompletedTask;
    }
}
