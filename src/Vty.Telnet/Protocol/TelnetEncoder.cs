namespace Vty.Telnet.Protocol;

/// <summary>Encodes application data for the wire: IAC doubled; outside binary mode a bare CR becomes CR NUL.</summary>
internal static class TelnetEncoder
{
    /// <summary>Worst-case encoded size of <paramref name="length"/> data bytes.</summary>
    public static int MaxEncodedLength(int length) => checked(length * 2);

    /// <summary>Encodes <paramref name="data"/> into <paramref name="output"/> and returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<byte> data, Span<byte> output, bool binary)
    {
        var written = 0;
        for (var i = 0; i < data.Length; i++)
        {
            // Fast path: copy the run up to the next byte that needs escaping.
            var rest = data[i..];
            var special = binary ? rest.IndexOf(TelnetBytes.Iac) : rest.IndexOfAny(TelnetBytes.Iac, TelnetBytes.Cr);
            var run = special < 0 ? rest.Length : special;
            rest[..run].CopyTo(output[written..]);
            written += run;
            i += run;
            if (i == data.Length)
            {
                break;
            }

            var b = data[i];
            output[written++] = b;
            if (b == TelnetBytes.Iac)
            {
                output[written++] = TelnetBytes.Iac;
            }
            else if (b == TelnetBytes.Cr && !binary && (i + 1 >= data.Length || data[i + 1] != TelnetBytes.Lf))
            {
                // RFC 854: CR must be followed by LF or NUL. A CR ending this write cannot see the
                // next write, so it is sent as CR NUL (a following LF then still reads as a newline).
                output[written++] = TelnetBytes.Nul;
            }
        }

        return written;
    }

    /// <summary>Writes IAC SB option payload(IAC doubled) IAC SE into a new array.</summary>
    public static byte[] Subnegotiation(byte option, ReadOnlySpan<byte> payload)
    {
        var buffer = new byte[5 + (payload.Length * 2)];
        var n = 0;
        buffer[n++] = TelnetBytes.Iac;
        buffer[n++] = TelnetBytes.Sb;
        buffer[n++] = option;
        foreach (var b in payload)
        {
            buffer[n++] = b;
            if (b == TelnetBytes.Iac)
            {
                buffer[n++] = TelnetBytes.Iac;
            }
        }

        buffer[n++] = TelnetBytes.Iac;
        buffer[n++] = TelnetBytes.Se;
        return buffer.AsSpan(0, n).ToArray();
    }
}
