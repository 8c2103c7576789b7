using System.Buffers.Binary;
using System.Numerics;

namespace Vty.Otp;

/// <summary>
/// MD4 (RFC 1320), needed only for S/Key one-time passwords (RFC 2289); .NET has no MD4.
/// MD4 is broken as a general hash; never use it for anything else.
/// </summary>
public static class Md4
{
    /// <summary>Size of an MD4 digest in bytes.</summary>
    public const int HashSizeInBytes = 16;

    /// <summary>Computes the MD4 digest of <paramref name="data"/>.</summary>
    public static byte[] HashData(ReadOnlySpan<byte> data)
    {
        var digest = new byte[HashSizeInBytes];
        HashData(data, digest);
        return digest;
    }

    /// <summary>Computes the MD4 digest of <paramref name="data"/> into <paramref name="destination"/> (16 bytes).</summary>
    public static void HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashSizeInBytes)
            throw new ArgumentException("The destination must hold 16 bytes.", nameof(destination));

        uint a = 0x67452301, b = 0xefcdab89, c = 0x98badcfe, d = 0x10325476;
        Span<uint> x = stackalloc uint[16];

        int fullBlocks = data.Length / 64;
        for (int i = 0; i < fullBlocks; i++)
        {
            Load(data.Slice(i * 64, 64), x);
            Compress(ref a, ref b, ref c, ref d, x);
        }

        // Padding: 0x80, zeros up to 56 mod 64, then the bit length, little-endian.
        Span<byte> tail = stackalloc byte[128];
        tail.Clear();
        var rest = data[(fullBlocks * 64)..];
        rest.CopyTo(tail);
        tail[rest.Length] = 0x80;
        int tailLength = rest.Length < 56 ? 64 : 128;
        BinaryPrimitives.WriteUInt64LittleEndian(tail.Slice(tailLength - 8), (ulong)data.Length * 8);
        for (int offset = 0; offset < tailLength; offset += 64)
        {
            Load(tail.Slice(offset, 64), x);
            Compress(ref a, ref b, ref c, ref d, x);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(destination, a);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], b);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], c);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], d);
    }

    private static void Load(ReadOnlySpan<byte> block, Span<uint> x)
    {
        for (int i = 0; i < 16; i++)
            x[i] = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(i * 4, 4));
    }

    private static void Compress(ref uint a0, ref uint b0, ref uint c0, ref uint d0, ReadOnlySpan<uint> x)
    {
        uint a = a0, b = b0, c = c0, d = d0;

        // Round 1: F(x,y,z) = xy | ~x z, word order 0..15, shifts 3 7 11 19.
        for (int i = 0; i < 16; i += 4)
        {
            a = BitOperations.RotateLeft(a + ((b & c) | (~b & d)) + x[i], 3);
            d = BitOperations.RotateLeft(d + ((a & b) | (~a & c)) + x[i + 1], 7);
            c = BitOperations.RotateLeft(c + ((d & a) | (~d & b)) + x[i + 2], 11);
            b = BitOperations.RotateLeft(b + ((c & d) | (~c & a)) + x[i + 3], 19);
        }

        // Round 2: G(x,y,z) = xy | xz | yz, words by column, constant 0x5A827999, shifts 3 5 9 13.
        const uint k2 = 0x5A827999;
        for (int i = 0; i < 4; i++)
        {
            a = BitOperations.RotateLeft(a + ((b & c) | (b & d) | (c & d)) + x[i] + k2, 3);
            d = BitOperations.RotateLeft(d + ((a & b) | (a & c) | (b & c)) + x[i + 4] + k2, 5);
            c = BitOperations.RotateLeft(c + ((d & a) | (d & b) | (a & b)) + x[i + 8] + k2, 9);
            b = BitOperations.RotateLeft(b + ((c & d) | (c & a) | (d & a)) + x[i + 12] + k2, 13);
        }

        // Round 3: H(x,y,z) = x ^ y ^ z, words in bit-reversed order, constant 0x6ED9EBA1, shifts 3 9 11 15.
        const uint k3 = 0x6ED9EBA1;
        ReadOnlySpan<int> order = [0, 2, 1, 3];
        foreach (int i in order)
        {
            a = BitOperations.RotateLeft(a + (b ^ c ^ d) + x[i] + k3, 3);
            d = BitOperations.RotateLeft(d + (a ^ b ^ c) + x[i + 8] + k3, 9);
            c = BitOperations.RotateLeft(c + (d ^ a ^ b) + x[i + 4] + k3, 11);
            b = BitOperations.RotateLeft(b + (c ^ d ^ a) + x[i + 12] + k3, 15);
        }

        a0 += a;
        b0 += b;
        c0 += c;
        d0 += d;
    }
}
