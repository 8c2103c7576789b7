namespace Vty.Ssh.Sftp.Protocol;

/// <summary>The OpenSSH extensions (PROTOCOL in the OpenSSH sources) that Vty speaks on both sides.</summary>
internal static class SftpExtensionNames
{
    public const string PosixRename = "posix-rename@openssh.com";
    public const string StatVfs = "statvfs@openssh.com";
    public const string FStatVfs = "fstatvfs@openssh.com";
    public const string HardLink = "hardlink@openssh.com";
    public const string FSync = "fsync@openssh.com";
    public const string Limits = "limits@openssh.com";
}
