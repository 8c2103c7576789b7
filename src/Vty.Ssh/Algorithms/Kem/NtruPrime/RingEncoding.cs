using System.Runtime.CompilerServices;
using static Vty.Ssh.Algorithms.Kem.NtruPrime.Sntrup761Parameters;

namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>
/// Byte encodings of R/q polynomials: the public key (every coefficient, radix q) and the rounded
/// ciphertext polynomial (coefficients that are multiples of 3, radix (q+2)/3).
/// </summary>
internal static class RingEncoding
{
    private const ushort RoundedRadix = (Q + 2) / 3;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void EncodeRq(ReadOnlySpan<short> polynomial, Span<byte> output)
    {
        Span<ushort> values = stackalloc ushort[P];
        for (int i = 0; i < P; i++)
            values[i] = (ushort)(polynomial[i] + HalfQ);
        Span<ushort> radices = stackalloc ushort[P];
        radices.Fill(Q);
        RadixCode.Encode(values, radices, output[..RqBytes]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DecodeRq(ReadOnlySpan<byte> input, Span<short> polynomial)
    {
        Span<ushort> radices = stackalloc ushort[P];
        radices.Fill(Q);
        Span<ushort> values = stackalloc ushort[P];
        RadixCode.Decode(input[..RqBytes], radices, values);
        for (int i = 0; i < P; i++)
            polynomial[i] = (short)(values[i] - HalfQ);
    }

    /// <summary>Encodes a polynomial whose coefficients are multiples of 3 in [-(q-1)/2, (q-1)/2].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void EncodeRounded(ReadOnlySpan<short> polynomial, Span<byte> output)
    {
        Span<ushort> values = stackalloc ushort[P];
        // (c + (q-1)/2) / 3 by a multiply and shift: exact for these multiples of 3, and no division on secret data.
        for (int i = 0; i < P; i++)
            values[i] = (ushort)(((polynomial[i] + HalfQ) * 10923) >> 15);
        Span<ushort> radices = stackalloc ushort[P];
        radices.Fill(RoundedRadix);
        RadixCode.Encode(values, radices, output[..RoundedBytes]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DecodeRounded(ReadOnlySpan<byte> input, Span<short> polynomial)
    {
        Span<ushort> radices = stackalloc ushort[P];
        radices.Fill(RoundedRadix);
        Span<ushort> values = stackalloc ushort[P];
        RadixCode.Decode(input[..RoundedBytes], radices, values);
        for (int i = 0; i < P; i++)
            polynomial[i] = (short)(values[i] * 3 - HalfQ);
    }
}
