namespace Vty.Ssh.FileSystems;

/// <summary>An open file of an <see cref="InMemoryFileSystem"/>.</summary>
internal sealed class InMemoryFile(InMemoryFileSystem fileSystem, MemoryNode.File file, string name, bool append) : IServedFile
{
    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken ct) =>
        ValueTask.FromResult(fileSystem.Read(file, offset, buffer.Span));

    public ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        try
        {
            fileSystem.Write(file, offset, data.Span, append);
            return ValueTask.CompletedTask;
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
    }

    public ValueTask<ServedFileInfo> GetInfoAsync(CancellationToken ct) => ValueTask.FromResult(fileSystem.Describe(name, file));

    public ValueTask SetAttributesAsync(ServedAttributeChanges changes, CancellationToken ct)
    {
        try
        {
            fileSystem.Apply(file, changes);
            return ValueTask.CompletedTask;
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
    }

    public ValueTask FlushAsync(CancellationToken ct) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
