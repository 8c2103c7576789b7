using System.Globalization;
using System.Text;
using Vty.Ssh.FileSystems;

namespace Vty.Ssh.Sftp.Server;

/// <summary>The ls -l style line version 3 servers send with each name (clients show it as is).</summary>
internal static class SftpLongName
{
    public static string Format(ServedFileInfo info)
    {
        var line = new StringBuilder(80);
        line.Append(info.Kind switch
        {
            ServedFileKind.Directory => 'd',
            ServedFileKind.SymbolicLink => 'l',
            ServedFileKind.Other => 'c',
            _ => '-',
        });
        int mode = (int)info.Mode;
        const string letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--)
            line.Append((mode & (1 << bit)) != 0 ? letters[8 - bit] : '-');
        DateTimeOffset time = info.LastWriteTime;
        string when = Math.Abs((DateTimeOffset.UtcNow - time).TotalDays) < 180
            ? time.ToString("MMM dd HH:mm", CultureInfo.InvariantCulture)
            : time.ToString("MMM dd  yyyy", CultureInfo.InvariantCulture);
        line.Append(CultureInfo.InvariantCulture, $" {info.LinkCount,4} {info.UserId,-8} {info.GroupId,-8} {info.Size,8} {when} {info.Name}");
        return line.ToString();
    }
}
