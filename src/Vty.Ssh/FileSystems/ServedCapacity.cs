namespace Vty.Ssh.FileSystems;

/// <summary>Size and free space of a served file system, in bytes.</summary>
public readonly record struct ServedCapacity(long TotalBytes, long AvailableBytes);
