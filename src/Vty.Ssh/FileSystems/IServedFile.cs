namespace Vty.Ssh.FileSystems;

/// <summary>An open file of an <see cref="IServedFileSystem"/>; reads and writes are positional.</summary>
public interface IServedFile : IAsyncDisposable
{
    /// <summary>Reads at <paramref name="offset"/>; 0 at end of file.</summary>
    ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken ct);

    ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken ct);

    ValueTask<ServedFileInfo> GetInfoAsync(CancellationToken ct);

    ValueTask SetAttributesAsync(ServedAttributeChanges changes, CancellationToken ct);

    /// <summary>Data on stable storage (fsync).</summary>
    ValueTask FlushAsync(CancellationToken ct);
}
