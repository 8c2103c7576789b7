namespace Vty.Ssh.Sftp.Protocol;

/// <summary>SFTP version 3 packet types (draft-ietf-secsh-filexfer-02 §3) and the extension pair.</summary>
internal static class SftpPacketType
{
    public const byte Init = 1;
    public const byte Version = 2;
    public const byte Open = 3;
    public const byte Close = 4;
    public const byte Read = 5;
    public const byte Write = 6;
    public const byte LStat = 7;
    public const byte FStat = 8;
    public const byte SetStat = 9;
    public const byte FSetStat = 10;
    public const byte OpenDir = 11;
    public const byte ReadDir = 12;
    public const byte Remove = 13;
    public const byte MkDir = 14;
    public const byte RmDir = 15;
    public const byte RealPath = 16;
    public const byte Stat = 17;
    public const byte Rename = 18;
    public const byte ReadLink = 19;
    public const byte Symlink = 20;
    public const byte Status = 101;
    public const byte Handle = 102;
    public const byte Data = 103;
    public const byte Name = 104;
    public const byte Attrs = 105;
    public const byte Extended = 200;
    public const byte ExtendedReply = 201;
}
