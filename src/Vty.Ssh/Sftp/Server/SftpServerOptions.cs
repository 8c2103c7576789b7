namespace Vty.Ssh.Sftp.Server;

/// <summary>Limits of one SFTP server session (announced to clients through limits@openssh.com).</summary>
public sealed class SftpServerOptions
{
    /// <summary>Files and directories a session may have open at once.</summary>
    public int MaxOpenHandles { get; set; } = 256;

    /// <summary>Largest read a request may ask for (longer ones get a short read).</summary>
    public int MaxReadLength { get; set; } = 256 * 1024;

    /// <summary>Largest write a request may carry (the packet limit follows from it).</summary>
    public int MaxWriteLength { get; set; } = 256 * 1024;

    /// <summary>Largest request packet; a longer one ends the session as a protocol violation.</summary>
    public int MaxPacketLength => MaxWriteLength + 1024;

    /// <summary>Names per READDIR reply.</summary>
    public int DirectoryBatchSize { get; set; } = 100;
}
