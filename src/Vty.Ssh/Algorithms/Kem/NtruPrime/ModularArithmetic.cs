using System.Runtime.CompilerServices;
using static Vty.Ssh.Algorithms.Kem.NtruPrime.Sntrup761Parameters;

namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>
/// Scalar arithmetic mod q and mod 3 and the masks the constant-time code selects with. Nothing
/// here branches on its arguments: reductions are a multiply by a fixed-point reciprocal and a
/// correction by masks.
/// </summary>
internal static class ModularArithmetic
{
    // round(2^32 / q) and round(2^32 / 3): x * m >> 32 is x / q (x / 3) to within one for |x| < 2^30.
    private const long QReciprocal32 = 935519;
    private const long ThreeReciprocal32 = 1431655765;
    private const long Half32 = 1L << 31;

    /// <summary>q^-1 mod 2^16, for Montgomery reduction in 16-bit lanes.</summary>
    public const short QInverse16 = 15631;

    /// <summary>1/3 mod q, centred.</summary>
    public const short OneThird = -1530;

    /// <summary>The representative of <paramref name="x"/> mod q in [-(q-1)/2, (q-1)/2]; |x| &lt; 2^30.</summary>
    public static short FreezeQ(int x)
    {
        int r = x - (int)(((x * QReciprocal32) + Half32) >> 32) * Q;
        r -= Q & ((HalfQ - r) >> 31);
        r += Q & ((r + HalfQ) >> 31);
        return (short)r;
    }

    /// <summary>The representative of <paramref name="x"/> mod 3 in {-1, 0, 1}; |x| &lt; 2^30.</summary>
    public static sbyte Freeze3(int x)
    {
        int r = x - (int)(((x * ThreeReciprocal32) + Half32) >> 32) * 3;
        r -= 3 & ((1 - r) >> 31);
        r += 3 & ((r + 1) >> 31);
        return (sbyte)r;
    }

    /// <summary>1/a mod q as a^(q-2) (a fixed exponent, so the same multiplications for every a); 0 for a = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static short ReciprocalQ(short a)
    {
        int result = 1;
        for (int bit = 12; bit >= 0; bit--)
        {
            result = FreezeQ(result * result);
            if (((Q - 2) >> bit & 1) != 0)
                result = FreezeQ(result * a);
        }
        return (short)result;
    }

    /// <summary>-1 when <paramref name="x"/> is nonzero, 0 when it is zero.</summary>
    public static int NonZeroMask(int x) => -(int)((uint)(x | -x) >> 31);

    /// <summary>-1 when <paramref name="x"/> is negative, 0 otherwise.</summary>
    public static int NegativeMask(int x) => x >> 31;
}
