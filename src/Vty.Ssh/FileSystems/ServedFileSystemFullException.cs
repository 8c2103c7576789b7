namespace Vty.Ssh.FileSystems;

/// <summary>A write did not fit: the served file system is full.</summary>
public sealed class ServedFileSystemFullException(string message) : IOException(message);
