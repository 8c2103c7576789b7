using System.Text;

namespace Vty.Otp;

/// <summary>
/// S/Key one-time passwords (RFC 2289) with MD4: the response to a challenge
/// (<see cref="OtpChallenge"/>) is computed from the pass phrase and given as six words of the
/// RFC's standard dictionary.
/// </summary>
public static class OneTimePassword
{
    private static readonly Lazy<string[]> Dictionary = new(LoadDictionary);

    /// <summary>
    /// The six-word response for <paramref name="passPhrase"/>, <paramref name="seed"/> and
    /// <paramref name="sequence"/>, e.g. <c>"INCH SEA ANNE LONG AHEM TOUR"</c>.
    /// </summary>
    public static string Compute(string passPhrase, string seed, int sequence) =>
        ToWords(ComputeKey(passPhrase, seed, sequence));

    /// <summary>The response to a parsed challenge (only MD4, the S/Key algorithm, is supported).</summary>
    public static string Compute(string passPhrase, OtpChallenge challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (challenge.Algorithm != "md4")
            throw new NotSupportedException($"OTP algorithm '{challenge.Algorithm}' is not supported; Vty computes S/Key (otp-md4) responses only.");
        return Compute(passPhrase, challenge.Seed, challenge.Sequence);
    }

    /// <summary>The 64-bit one-time key: MD4 of seed + pass phrase folded to 64 bits, then hashed <paramref name="sequence"/> more times.</summary>
    public static byte[] ComputeKey(string passPhrase, string seed, int sequence)
    {
        ArgumentNullException.ThrowIfNull(passPhrase);
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);

        // RFC 2289 section 6: the seed is case-insensitive and is hashed in lower case, before the pass phrase.
        byte[] input = Encoding.UTF8.GetBytes(seed.ToLowerInvariant() + passPhrase);
        Span<byte> digest = stackalloc byte[Md4.HashSizeInBytes];
        var key = new byte[8];
        Md4.HashData(input, digest);
        Fold(digest, key);
        for (int i = 0; i < sequence; i++)
        {
            Md4.HashData(key, digest);
            Fold(digest, key);
        }

        return key;
    }

    /// <summary>Encodes a 64-bit key as six dictionary words (11 bits each, the last two bits a checksum).</summary>
    public static string ToWords(ReadOnlySpan<byte> key)
    {
        if (key.Length != 8)
            throw new ArgumentException("An OTP key is 8 bytes.", nameof(key));
        ulong bits = 0;
        int checksum = 0;
        foreach (byte b in key)
        {
            bits = (bits << 8) | b;
            checksum += (b >> 6) + ((b >> 4) & 3) + ((b >> 2) & 3) + (b & 3);
        }

        var words = Dictionary.Value;
        var sb = new StringBuilder(30);
        for (int i = 0; i < 6; i++)
        {
            // 66 bits: the key followed by the 2-bit checksum; word i holds bits [11 i, 11 i + 11).
            int shift = 66 - 11 * (i + 1);
            ulong index = shift >= 2
                ? (bits >> (shift - 2)) & 0x7FF
                : ((bits << 2) | (uint)(checksum & 3)) & 0x7FF;
            if (i > 0)
                sb.Append(' ');
            sb.Append(words[index]);
        }

        return sb.ToString();
    }

    private static void Fold(ReadOnlySpan<byte> digest, Span<byte> key)
    {
        for (int i = 0; i < 8; i++)
            key[i] = (byte)(digest[i] ^ digest[i + 8]);
    }

    private static string[] LoadDictionary()
    {
        using var stream = typeof(OneTimePassword).Assembly.GetManifestResourceStream("Vty.Otp.SKeyDictionary.txt")
            ?? throw new InvalidOperationException("The S/Key dictionary resource is missing from the Vty assembly.");
        using var reader = new StreamReader(stream, Encoding.ASCII);
        string[] words = reader.ReadToEnd().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length != 2048)
            throw new InvalidOperationException($"The S/Key dictionary has {words.Length} words instead of 2048.");
        return words;
    }
}
