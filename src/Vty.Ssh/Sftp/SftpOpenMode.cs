namespace Vty.Ssh.Sftp;

/// <summary>SSH_FXF_* flags of an open request.</summary>
[Flags]
public enum SftpOpenMode : uint
{
    Read = 0x01,
    Write = 0x02,
    Append = 0x04,
    Create = 0x08,
    Truncate = 0x10,
    Exclusive = 0x20,
}
