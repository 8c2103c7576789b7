using Vty.Ssh.FileSystems;

namespace Vty.Lab.Files;

/// <summary>
/// A device's flash: an in-memory tree (capacity from <see cref="LabDeviceOptions.FlashCapacityBytes"/>)
/// that SCP writes to and <c>dir</c>, <c>show flash:</c> and <c>verify /md5</c> read, so they agree.
/// </summary>
public static class LabFlash
{
    /// <summary>The flash of a device, created empty on first use.</summary>
    public static InMemoryFileSystem Of(LabDeviceState device)
    {
        ArgumentNullException.ThrowIfNull(device);
        lock (device.Sync)
            return device.Extra("flash", () => new InMemoryFileSystem(device.Options.FlashCapacityBytes, "/"));
    }

    /// <summary>The text of a flash file named the device's way ("flash:/x.cfg"), or null when there is no such file.</summary>
    public static string? ReadText(LabDeviceState device, string name, string fileSystemName)
    {
        if (ToFlashPath(name, fileSystemName) is not { } path)
            return null;
        InMemoryFileSystem files = Of(device);
        try
        {
            IServedFile file = Now(files.OpenFileAsync(path, ServedOpenMode.Read, null, default));
            using var text = new MemoryStream();
            byte[] buffer = new byte[64 * 1024];
            long offset = 0;
            int n;
            while ((n = Now(file.ReadAsync(offset, buffer, default))) > 0)
            {
                text.Write(buffer, 0, n);
                offset += n;
            }
            Now(file.DisposeAsync());
            return System.Text.Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// The flash path of a device-style name: "flash:/a.bin", "flash:a.bin" and "a.bin" all mean
    /// "/a.bin"; another file system's prefix ("nvram:x") returns null.
    /// </summary>
    public static string? ToFlashPath(string name, string fileSystemName)
    {
        string path = name;
        int colon = path.IndexOf(':');
        if (colon >= 0)
        {
            if (!path[..(colon + 1)].Equals(fileSystemName, StringComparison.OrdinalIgnoreCase)) return null;
            path = path[(colon + 1)..];
        }
        return VirtualPath.Normalize(path, "/");
    }

    /// <summary>Runs an already-completed file system call (the in-memory tree never waits).</summary>
    internal static T Now<T>(ValueTask<T> call) =>
        call.IsCompleted ? call.GetAwaiter().GetResult() : throw new InvalidOperationException("the in-memory flash answered asynchronously");

    internal static void Now(ValueTask call)
    {
        if (!call.IsCompleted) throw new InvalidOperationException("the in-memory flash answered asynchronously");
        call.GetAwaiter().GetResult();
    }
}
