namespace Vty.Ssh.FileSystems;

/// <summary>What a served file system says about one name.</summary>
public sealed record ServedFileInfo(string Name, ServedFileKind Kind, long Size, UnixFileMode Mode, DateTimeOffset LastWriteTime, DateTimeOffset LastAccessTime)
{
    /// <summary>Owner and group ids as the client sees them.</summary>
    public uint UserId { get; init; }

    public uint GroupId { get; init; }

    /// <summary>The link count (for ls-style lines).</summary>
    public int LinkCount { get; init; } = 1;
}

/// <summary>Kinds of names a served file system has.</summary>
public enum ServedFileKind
{
    File,
    Directory,
    SymbolicLink,
    Other,
}
