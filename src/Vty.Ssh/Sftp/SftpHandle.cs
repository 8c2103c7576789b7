namespace Vty.Ssh.Sftp;

/// <summary>An open remote file or directory: the server's opaque handle and the path it was opened with.</summary>
public sealed class SftpHandle
{
    internal SftpHandle(byte[] value, string path)
    {
        Value = value;
        Path = path;
    }

    internal byte[] Value { get; }

    /// <summary>The path given to open.</summary>
    public string Path { get; }

    public override string ToString() => Path;
}
