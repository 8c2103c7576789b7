namespace Vty.Ssh.Sftp;

/// <summary>One name from a directory listing: the file name, the server's ls-style line, the attributes.</summary>
public sealed record SftpDirectoryEntry(string Name, string LongName, SftpFileAttributes Attributes);
