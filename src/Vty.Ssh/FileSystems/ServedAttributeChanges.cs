namespace Vty.Ssh.FileSystems;

/// <summary>A setstat: each non-null field is applied.</summary>
public sealed record ServedAttributeChanges(long? Size = null, UnixFileMode? Mode = null, DateTimeOffset? LastWriteTime = null, DateTimeOffset? LastAccessTime = null);
