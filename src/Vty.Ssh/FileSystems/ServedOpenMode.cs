namespace Vty.Ssh.FileSystems;

/// <summary>How a served file is opened (the SFTP open flags).</summary>
[Flags]
public enum ServedOpenMode
{
    Read = 1,
    Write = 2,
    Append = 4,
    Create = 8,
    Truncate = 16,
    Exclusive = 32,
}
