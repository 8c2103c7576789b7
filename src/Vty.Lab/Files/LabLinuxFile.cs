using Vty.Ssh.FileSystems;

namespace Vty.Lab.Files;

/// <summary>An open file of <see cref="LabLinuxFiles"/>; every call goes back to the device's tree under its lock.</summary>
internal sealed class LabLinuxFile(LabLinuxFiles files, string path, bool append) : IServedFile
{
    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken ct) => Run(() => files.Read(path, offset, buffer.Span));

    public ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken ct) => Run(() =>
    {
        files.Write(path, offset, data.Span, append);
        return 0;
    }).AsTaskless();

    public ValueTask<ServedFileInfo> GetInfoAsync(CancellationToken ct) => Run(() => files.Describe(path));

    public ValueTask SetAttributesAsync(ServedAttributeChanges changes, CancellationToken ct) => Run(() =>
    {
        if (changes.Mode != null || changes.LastWriteTime != null || changes.LastAccessTime != null)
            throw new NotSupportedException("the lab's Linux file tree has no modes or times to set");
        if (changes.Size is { } size) files.Truncate(path, size);
        return 0;
    }).AsTaskless();

    public ValueTask FlushAsync(CancellationToken ct) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static ValueTask<T> Run<T>(Func<T> action)
    {
        try
        {
            return ValueTask.FromResult(action());
        }
        catch (Exception e)
        {
            return ValueTask.FromException<T>(e);
        }
    }
}

internal static class ValueTaskExtensions
{
    /// <summary>Drops the result of an already-completed call.</summary>
    public static ValueTask AsTaskless(this ValueTask<int> call) =>
        call.IsCompletedSuccessfully ? ValueTask.CompletedTask : new ValueTask(call.AsTask());
}
