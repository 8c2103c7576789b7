using System.Text;

namespace Vty.Ssh.Transport;

/// <summary>
/// The identification string exchange (RFC 4253 §4.2): writes ours, reads the peer's, tolerating
/// (on the client) a bounded number of lines before it, each at most 255 bytes.
/// </summary>
internal static class SshIdentification
{
    /// <summary>Longest identification or pre-banner line, CR LF included (RFC 4253 §4.2).</summary>
    public const int MaxLineLength = 255;

    /// <summary>Most lines a server may send before its identification string.</summary>
    public const int MaxPreambleLines = 64;

    public static byte[] Encode(string identification) => Encoding.ASCII.GetBytes(identification + "\r\n");

    /// <summary>
    /// Reads lines until one starts with "SSH-". Returns the identification without CR LF.
    /// Throws <see cref="SshProtocolException"/> for overlong lines, too many lines, a non-SSH
    /// peer, or a protocol version other than 2.0 / 1.99.
    /// </summary>
    public static async Task<string> ReadAsync(SshPacketReader reader, bool allowPreamble, CancellationToken ct)
    {
        for (int lineNumber = 0; ; lineNumber++)
        {
            if (lineNumber > MaxPreambleLines)
                throw new SshProtocolException($"the peer sent more than {MaxPreambleLines} lines without an SSH identification string: not an SSH server?");
            string line = await reader.ReadLineAsync(MaxLineLength, ct);
            if (!line.StartsWith("SSH-", StringComparison.Ordinal))
            {
                if (!allowPreamble)
                    throw new SshProtocolException($"the peer's first line is not an SSH identification string: '{Printable(line)}'");
                continue;
            }
            if (!line.StartsWith("SSH-2.0-", StringComparison.Ordinal) && !line.StartsWith("SSH-1.99-", StringComparison.Ordinal))
                throw new SshProtocolException($"the peer speaks an unsupported SSH protocol version: '{Printable(line)}' (only SSH-2.0 is supported)");
            foreach (char c in line)
                if (c < 0x20 || c > 0x7e)
                    throw new SshProtocolException("the peer's identification string contains control or non-ASCII characters");
            return line;
        }
    }

    private static string Printable(string line)
    {
        var sb = new StringBuilder(Math.Min(line.Length, 80));
        foreach (char c in line.AsSpan(0, Math.Min(line.Length, 80)))
            sb.Append(c is >= ' ' and <= '~' ? c : '?');
        return sb.ToString();
    }
}
