using System.Runtime.CompilerServices;

namespace Vty.Ssh.Algorithms.Kem;

/// <summary>
/// Arithmetic modulo q = 3329 on 16-bit coefficients for ML-KEM. Products are reduced with
/// Montgomery reduction (R = 2^16) and sums with a Barrett step, both multiply-and-shift only, so
/// the time taken never depends on the (secret) values.
/// </summary>
internal static class MlKemField
{
    public const int Q = 3329;

    /// <summary>2^16 mod q: multiplying a constant by it puts the constant in Montgomery form.</summary>
    public const int MontgomeryR = 2285;

    /// <summary>2^32 mod q: a Montgomery product with it multiplies by 2^16, undoing one reduction.</summary>
    public const short MontgomeryRSquared = 1353;

    // q^-1 mod 2^16, as a signed 16-bit value (3329 * 62209 = 1 mod 65536).
    private const int QInverse = -3327;

    // round(2^26 / q) for the Barrett estimate of a / q.
    private const int BarrettMultiplier = 20159;

    /// <summary>a · 2^-16 mod q, in (-q, q), for |a| &lt; q · 2^15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short MontgomeryReduce(int a)
    {
        short low = unchecked((short)(a * QInverse));
        return (short)((a - low * Q) >> 16);
    }

    /// <summary>a · b · 2^-16 mod q, in (-q, q), for |a · b| &lt; q · 2^15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short MultiplyMontgomery(short a, short b) => MontgomeryReduce(a * b);

    /// <summary>a mod q as a representative in [-(q-1)/2, (q-1)/2] (give or take one), for any 16-bit a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short Reduce(int a)
    {
        int quotient = (BarrettMultiplier * a + (1 << 25)) >> 26;
        return (short)(a - quotient * Q);
    }

    /// <summary>The representative in [0, q) of a value in (-q, q), without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short ToCanonical(short a) => (short)(a + ((a >> 15) & Q));

    /// <summary>base^exponent mod q, for building the constant tables (public values only).</summary>
    public static int Power(int value, int exponent)
    {
        long result = 1, square = value % Q;
        for (; exponent > 0; exponent >>= 1, square = square * square % Q)
            if ((exponent & 1) != 0)
                result = result * square % Q;
        return (int)result;
    }

    /// <summary>A constant in Montgomery form, centred in [-(q-1)/2, (q-1)/2].</summary>
    public static short ToMontgomeryCentred(int value)
    {
        int montgomery = (int)((long)value * MontgomeryR % Q);
        return (short)(montgomery > Q / 2 ? montgomery - Q : montgomery);
    }
}
