using System.Text;

namespace Vty.Bench.Protocol;

/// <summary>
/// Command output of a chosen size, built from a block of realistic lines repeated: plain
/// (an interface table) or ANSI-heavy (colours, erase-line, OSC titles, backspace overstrikes).
/// Lines never look like a prompt, a pager or an IOS error, so the whole payload is output.
/// </summary>
public sealed class OutputPayload
{
    private const int BlockLines = 1024;

    private OutputPayload(byte[] block, int cleanedBlockChars)
    {
        Block = block;
        CleanedBlockChars = cleanedBlockChars;
    }

    /// <summary>One block of whole lines (CRLF-terminated); the payload is this repeated.</summary>
    public byte[] Block { get; }

    /// <summary>Characters one block leaves after cleaning (no escapes, LF line ends).</summary>
    public int CleanedBlockChars { get; }

    /// <summary>Blocks needed for at least <paramref name="bytes"/> bytes.</summary>
    public long BlocksFor(long bytes) => (bytes + Block.Length - 1) / Block.Length;

    /// <summary>Plain text: 80-column interface table lines.</summary>
    public static OutputPayload Plain()
    {
        var text = new StringBuilder();
        int cleaned = 0;
        for (int i = 0; i < BlockLines; i++)
        {
            string line = $"GigabitEthernet{i / 48}/{i % 48,-3}  10.{i / 256}.{i % 256}.1     YES manual up                    up      ";
            text.Append(line).Append("\r\n");
            cleaned += line.Length + 1;
        }

        return new OutputPayload(Encoding.Latin1.GetBytes(text.ToString()), cleaned);
    }

    /// <summary>ANSI-heavy text: SGR colours on every field, erase-line, an OSC title every 32 lines and a backspace overstrike every 8.</summary>
    public static OutputPayload Ansi()
    {
        var text = new StringBuilder();
        int cleaned = 0;
        for (int i = 0; i < BlockLines; i++)
        {
            string name = $"Gi{i / 48}/{i % 48}";
            string address = $"10.{i / 256}.{i % 256}.1";
            if (i % 32 == 0)
                text.Append("\e]0;router: show ip interface brief\a");
            text.Append("\e[1;36m").Append(name).Append("\e[0m").Append(' ', 12 - name.Length)
                .Append("\e[33m").Append(address).Append("\e[0m").Append(' ', 16 - address.Length)
                .Append("\e[32mup\e[0m    \e[32mup\e[0m");
            int visible = 12 + 16 + 2 + 4 + 2;
            if (i % 8 == 0)
            {
                // Overstrike: "x" erased by a backspace, as pagers and spinners do.
                text.Append(" x\b");
                visible += 1;
            }

            text.Append("\e[K\r\n");
            cleaned += visible + 1;
        }

        return new OutputPayload(Encoding.Latin1.GetBytes(text.ToString()), cleaned);
    }
}
