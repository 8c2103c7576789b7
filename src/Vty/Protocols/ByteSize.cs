using System.Globalization;

namespace Vty.Protocols;

/// <summary>
/// Sizes as people write them in options and inventories: <c>65536</c>, <c>512K</c>, <c>64M</c>,
/// <c>64MiB</c>, <c>1G</c> (binary multiples, case-insensitive, optional <c>B</c>/<c>iB</c>), and
/// back for messages (<c>64 MiB</c>).
/// </summary>
public static class ByteSize
{
    /// <summary>Parses <paramref name="text"/>; false when it is not a whole size of at least one byte.</summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        ReadOnlySpan<char> s = text.AsSpan().Trim();
        int digits = 0;
        while (digits < s.Length && char.IsAsciiDigit(s[digits]))
            digits++;
        if (digits == 0 || !long.TryParse(s[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out long number))
            return false;
        string unit = s[digits..].Trim().ToString().ToUpperInvariant();
        int shift = unit switch
        {
            "" or "B" => 0,
            "K" or "KB" or "KIB" => 10,
            "M" or "MB" or "MIB" => 20,
            "G" or "GB" or "GIB" => 30,
            _ => -1,
        };
        if (shift < 0 || number <= 0 || number > long.MaxValue >> shift)
            return false;
        bytes = number << shift;
        return true;
    }

    /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/> saying what is accepted.</summary>
    public static long Parse(string text) =>
        TryParse(text, out long bytes)
            ? bytes
            : throw new FormatException($"'{text}' is not a size: write a whole number of bytes, optionally with K, M or G (e.g. 65536, 512K, 64M, 1G).");

    /// <summary>The size in the largest binary unit that divides it (<c>64 MiB</c>, <c>1536 KiB</c>, <c>1000 bytes</c>).</summary>
    public static string Format(long bytes)
    {
        if (bytes > 0 && bytes % (1L << 30) == 0)
            return (bytes >> 30).ToString(CultureInfo.InvariantCulture) + " GiB";
        if (bytes > 0 && bytes % (1L << 20) == 0)
            return (bytes >> 20).ToString(CultureInfo.InvariantCulture) + " MiB";
        if (bytes > 0 && bytes % (1L << 10) == 0)
            return (bytes >> 10).ToString(CultureInfo.InvariantCulture) + " KiB";
        return bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
    }
}
