namespace Vty.History;

/// <summary>
/// Files that hold configurations or their diffs: created 0600 whatever the umask, and replaced
/// atomically (a temporary file beside the target, then a rename) so readers never see half a file.
/// </summary>
internal static class PrivateFile
{
    /// <summary>Temporary files end with this (the repository's git exclude ignores them).</summary>
    public const string TempSuffix = ".vty-tmp";

    /// <summary>Options for a new file readable and writable by the owner only.</summary>
    public static FileStreamOptions Options(FileMode mode = FileMode.Create)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }

    /// <summary>Writes <paramref name="path"/> through a temporary file and a rename; <paramref name="write"/> fills the stream.</summary>
    public static async Task ReplaceAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        string temp = $"{path}.{Environment.ProcessId}{TempSuffix}";
        try
        {
            await using (var stream = new FileStream(temp, Options()))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
