using System.Runtime.CompilerServices;

namespace Vty.Ssh.Algorithms.Kem;

/// <summary>
/// FIPS 203's byte encodings (§4.2.1, bits packed least significant first) and the lossy
/// Compress/Decompress maps (§4.2.1) for d = 1, 4, 10 and 12. Compress rounds 2^d·x/q with a
/// multiply and shift instead of a division, whose time can depend on the (secret) dividend.
/// </summary>
internal static class MlKemEncoding
{
    /// <summary>Bytes of one polynomial at 12 bits per coefficient.</summary>
    public const int PolynomialBytes = 384;

    // M = ⌈2^36 / 2q⌉. M·2q exceeds 2^36 by 4984 < 2^13, so floor(n·M / 2^36) = floor(n / 2q) for
    // every n below 2^23, which covers 2^(d+1)·x + q for d ≤ 10; the tests check every x for each d.
    private const ulong CompressMultiplier = 10321340;
    private const int CompressShift = 36;

    /// <summary>round(2^d · x / q) mod 2^d for x in [0, q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compress(int x, int bits)
    {
        ulong numerator = ((ulong)(uint)x << (bits + 1)) + MlKemField.Q;
        return (int)((numerator * CompressMultiplier) >> CompressShift) & ((1 << bits) - 1);
    }

    /// <summary>round(q · y / 2^d) for y in [0, 2^d).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short Decompress(int y, int bits) => (short)((MlKemField.Q * y + (1 << (bits - 1))) >> bits);

    /// <summary>ByteEncode12 of coefficients already in [0, q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Encode12(ReadOnlySpan<short> polynomial, Span<byte> destination)
    {
        polynomial = polynomial[..MlKemNtt.Degree];
        destination = destination[..PolynomialBytes];
        for (int i = 0, o = 0; i < MlKemNtt.Degree; i += 2, o += 3)
        {
            int a = polynomial[i], b = polynomial[i + 1];
            destination[o] = (byte)a;
            destination[o + 1] = (byte)((a >> 8) | (b << 4));
            destination[o + 2] = (byte)(b >> 4);
        }
    }

    /// <summary>ByteDecode12 without the reduction: callers pass keys that are checked or our own.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decode12(ReadOnlySpan<byte> source, Span<short> polynomial)
    {
        polynomial = polynomial[..MlKemNtt.Degree];
        source = source[..PolynomialBytes];
        for (int i = 0, o = 0; i < MlKemNtt.Degree; i += 2, o += 3)
        {
            polynomial[i] = (short)(source[o] | ((source[o + 1] & 0x0F) << 8));
            polynomial[i + 1] = (short)((source[o + 1] >> 4) | (source[o + 2] << 4));
        }
    }

    /// <summary>True when every 12-bit value in <paramref name="source"/> is below q (the modulus check of §7.2).</summary>
    public static bool AllBelowQ(ReadOnlySpan<byte> source)
    {
        for (int o = 0; o + 3 <= source.Length; o += 3)
        {
            int a = source[o] | ((source[o + 1] & 0x0F) << 8);
            int b = (source[o + 1] >> 4) | (source[o + 2] << 4);
            if (a >= MlKemField.Q || b >= MlKemField.Q)
                return false;
        }
        return true;
    }

    /// <summary>ByteEncode10(Compress10(f)) into 320 bytes; f in [0, q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CompressEncode10(ReadOnlySpan<short> polynomial, Span<byte> destination)
    {
        polynomial = polynomial[..MlKemNtt.Degree];
        destination = destination[..320];
        for (int i = 0, o = 0; i < MlKemNtt.Degree; i += 4, o += 5)
        {
            int a = Compress(polynomial[i], 10), b = Compress(polynomial[i + 1], 10);
            int c = Compress(polynomial[i + 2], 10), d = Compress(polynomial[i + 3], 10);
            destination[o] = (byte)a;
            destination[o + 1] = (byte)((a >> 8) | (b << 2));
            destination[o + 2] = (byte)((b >> 6) | (c << 4));
            destination[o + 3] = (byte)((c >> 4) | (d << 6));
            destination[o + 4] = (byte)(d >> 2);
        }
    }

    /// <summary>Decompress10(ByteDecode10(320 bytes)), coefficients in [0, q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DecodeDecompress10(ReadOnlySpan<byte> source, Span<short> polynomial)
    {
        polynomial = polynomial[..MlKemNtt.Degree];
        source = source[..320];
        for (int i = 0, o = 0; i < MlKemNtt.Degree; i += 4, o += 5)
        {
            polynomial[i] = Decompress(source[o] | ((source[o + 1] & 0x03) << 8), 10);
            polynomial[i + 1] = Decompress((source[o + 1] >> 2) | ((source[o + 2] & 0x0F) << 6), 10);
            polynomial[i + 2] = Decompress((source[o + 2] >> 4) | ((source[o + 3] & 0x3F) << 4), 10);
            polynomial[i + 3] = Decompress((source[o + 3] >> 6) | (source[o + 4] << 2), 10);
        }
    }

    /// <summary>ByteEncode4(Compress4(f)) into 128 bytes; f in [0, q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CompressEncode4(ReadOnlySpan<short> polynomial, Span<byte> destination)
    {
        polynomial = polynomial[..MlKemNtt.Degree];
        destination = destination[..128];
        for (int i = 0; i < 128; i++)
            destination[i] = (byte)(Compress(polynomial[2 * i], 4) | (Compress(polynomial[2 * i + 1], 4) << 4));
    }

    /// <summary>Decompress4(ByteDecode4(128 bytes)), coefficients in [0, q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DecodeDecompress4(ReadOnlySpan<byte> source, Span<short> polynomial)
    {
        polynomial = polynomial[..MlKemNtt.Degree];
        source = source[..128];
        for (int i = 0; i < 128; i++)
        {
            polynomial[2 * i] = Decompress(source[i] & 0x0F, 4);
            polynomial[2 * i + 1] = Decompress(source[i] >> 4, 4);
        }
    }

    /// <summary>ByteEncode1(Compress1(f)) into the 32-byte message; f in [0, q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CompressEncode1(ReadOnlySpan<short> polynomial, Span<byte> message)
    {
        polynomial = polynomial[..MlKemNtt.Degree];
        message = message[..32];
        for (int i = 0; i < 32; i++)
        {
            int value = 0;
            for (int bit = 0; bit < 8; bit++)
                value |= Compress(polynomial[8 * i + bit], 1) << bit;
            message[i] = (byte)value;
        }
    }

    /// <summary>Decompress1(ByteDecode1(message)): each bit becomes 0 or ⌈q/2⌉, without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DecodeDecompress1(ReadOnlySpan<byte> message, Span<short> polynomial)
    {
        polynomial = polynomial[..MlKemNtt.Degree];
        message = message[..32];
        for (int i = 0; i < MlKemNtt.Degree; i++)
            polynomial[i] = (short)(-((message[i >> 3] >> (i & 7)) & 1) & ((MlKemField.Q + 1) / 2));
    }
}
