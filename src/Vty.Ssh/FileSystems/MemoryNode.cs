namespace Vty.Ssh.FileSystems;

/// <summary>The nodes of an <see cref="InMemoryFileSystem"/>; mutated only under its lock.</summary>
internal abstract class MemoryNode(UnixFileMode mode)
{
    public UnixFileMode Mode { get; set; } = mode;

    public DateTimeOffset WriteTime { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset AccessTime { get; set; } = DateTimeOffset.UtcNow;

    public void Touch() => WriteTime = DateTimeOffset.UtcNow;

    internal sealed class Directory(UnixFileMode mode) : MemoryNode(mode)
    {
        public Dictionary<string, MemoryNode> Children { get; } = new(StringComparer.Ordinal);
    }

    internal sealed class File(UnixFileMode mode) : MemoryNode(mode)
    {
        public byte[] Data { get; set; } = [];

        public long Length { get; set; }

        public int Links { get; set; } = 1;
    }

    internal sealed class Link(string target) : MemoryNode((UnixFileMode)0x1FF)
    {
        public string Target { get; } = target;
    }
}
