using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using static Vty.Ssh.Algorithms.Kem.NtruPrime.Sntrup761Parameters;

namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>
/// Small polynomials (coefficients in {-1, 0, 1}): random ones, short ones (exactly w nonzero
/// coefficients, made by sorting so no position leaks through timing), the weight check and the
/// two-bits-a-coefficient encoding.
/// </summary>
internal static class SmallPolynomial
{
    /// <summary>Uniformly random coefficients in {-1, 0, 1} (the g of key generation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Random(Span<sbyte> output)
    {
        Span<uint> random = stackalloc uint[P];
        RandomNumberGenerator.Fill(MemoryMarshal.AsBytes(random));
        for (int i = 0; i < P; i++)
            output[i] = (sbyte)((((random[i] & 0x3FFFFFFF) * 3) >> 30) - 1);
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(random));
    }

    /// <summary>A random polynomial with exactly w coefficients ±1 and the rest 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RandomShort(Span<sbyte> output, SimdLevel simd)
    {
        Span<uint> list = stackalloc uint[P];
        RandomNumberGenerator.Fill(MemoryMarshal.AsBytes(list));
        // The low two bits carry the coefficient plus one (0 or 2 for the first w, 1 for the rest);
        // sorting by the random high bits shuffles them into random positions.
        for (int i = 0; i < W; i++)
            list[i] &= ~1u;
        for (int i = W; i < P; i++)
            list[i] = (list[i] & ~3u) | 1;
        ConstantTimeSort.Sort(list, simd);
        for (int i = 0; i < P; i++)
            output[i] = (sbyte)((list[i] & 3) - 1);
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(list));
    }

    /// <summary>0 when exactly w coefficients are nonzero, -1 otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int WeightMask(ReadOnlySpan<sbyte> polynomial)
    {
        int weight = 0;
        for (int i = 0; i < P; i++)
            weight += polynomial[i] & 1;
        return ModularArithmetic.NonZeroMask(weight - W);
    }

    /// <summary>Four coefficients a byte, each as coefficient + 1 in two bits, lowest first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Encode(ReadOnlySpan<sbyte> polynomial, Span<byte> output)
    {
        int i = 0;
        for (int b = 0; b < P / 4; b++, i += 4)
        {
            output[b] = (byte)((polynomial[i] + 1)
                | ((polynomial[i + 1] + 1) << 2)
                | ((polynomial[i + 2] + 1) << 4)
                | ((polynomial[i + 3] + 1) << 6));
        }
        output[P / 4] = (byte)(polynomial[P - 1] + 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decode(ReadOnlySpan<byte> input, Span<sbyte> polynomial)
    {
        int i = 0;
        for (int b = 0; b < P / 4; b++, i += 4)
        {
            int x = input[b];
            polynomial[i] = (sbyte)((x & 3) - 1);
            polynomial[i + 1] = (sbyte)(((x >> 2) & 3) - 1);
            polynomial[i + 2] = (sbyte)(((x >> 4) & 3) - 1);
            polynomial[i + 3] = (sbyte)(((x >> 6) & 3) - 1);
        }
        polynomial[P - 1] = (sbyte)((input[P / 4] & 3) - 1);
    }
}
