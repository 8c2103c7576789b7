using System.Globalization;
using System.Text;

namespace Vty.Ssh.Scp;

/// <summary>Control lines and acknowledgements of the SCP protocol (as rcp/OpenSSH scp speak it).</summary>
internal static class ScpWire
{
    public static readonly byte[] Ok = [0];

    public static string Mode(UnixFileMode mode) => Convert.ToString((int)mode & 0xFFF, 8).PadLeft(4, '0');

    public static byte[] Line(string text) => Encoding.UTF8.GetBytes(text + "\n");

    /// <summary>A non-fatal error for the other side ("\x01scp: …").</summary>
    public static byte[] Warning(string text) => Encoding.UTF8.GetBytes("\u0001scp: " + text.Replace('\n', ' ') + "\n");

    /// <summary>A fatal error for the other side ("\x02scp: …").</summary>
    public static byte[] Fatal(string text) => Encoding.UTF8.GetBytes("\u0002scp: " + text.Replace('\n', ' ') + "\n");

    /// <summary>Parses "C0644 123 name" / "D0755 0 name" (without the letter): mode, size, name.</summary>
    public static (UnixFileMode Mode, long Size, string Name) ParseEntry(string line)
    {
        string[] parts = line.Split(' ', 3);
        if (parts.Length != 3 || parts[0].Length is < 3 or > 5 || !parts[0].All(c => c is >= '0' and <= '7')
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long size))
            throw new ScpProtocolException($"a malformed SCP entry line '{Shorten(line)}'");
        string name = parts[2];
        if (name.Length == 0 || name is "." or ".." || name.Contains('/') || name.Contains('\0'))
            throw new ScpProtocolException($"the SCP peer sent an unsafe file name '{Shorten(name)}'");
        return ((UnixFileMode)(Convert.ToInt32(parts[0], 8) & 0xFFF), size, name);
    }

    /// <summary>Parses "T mtime 0 atime 0" (without the letter).</summary>
    public static (DateTimeOffset Modified, DateTimeOffset Accessed) ParseTimes(string line)
    {
        string[] parts = line.Split(' ');
        if (parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long mtime)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out long atime)
            || mtime > 253402300799 || atime > 253402300799)
            throw new ScpProtocolException($"a malformed SCP times line '{Shorten(line)}'");
        return (DateTimeOffset.FromUnixTimeSeconds(mtime), DateTimeOffset.FromUnixTimeSeconds(atime));
    }

    public static string Times(DateTimeOffset modified, DateTimeOffset accessed) =>
        string.Create(CultureInfo.InvariantCulture, $"T{Math.Max(0, modified.ToUnixTimeSeconds())} 0 {Math.Max(0, accessed.ToUnixTimeSeconds())} 0");

    /// <summary>Reads the other side's answer: OK, or its error line as an <see cref="ScpException"/> (fatal or not).</summary>
    public static async Task<ScpException?> ReadResponseAsync(ScpStreamReader reader, string? path, CancellationToken ct)
    {
        int b = await reader.ReadByteAsync(ct);
        switch (b)
        {
            case 0:
                return null;
            case 1:
            case 2:
                {
                    string text = (await reader.ReadLineAsync(ct)).Trim();
                    var error = new ScpException(text.Length == 0 ? "the SCP peer reported an error" : text, ScpException.Classify(text), path);
                    if (b == 2) throw error;
                    return error;
                }
            case -1:
                throw new ScpProtocolException("the SCP peer closed the stream before answering");
            default:
                throw new ScpProtocolException($"the SCP peer answered with byte {b} instead of an acknowledgement");
        }
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
