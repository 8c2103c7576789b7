using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using static Vty.Ssh.Algorithms.Kem.NtruPrime.Sntrup761Parameters;

namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>
/// <see cref="RingProductAvx2"/> in 128-bit vectors (SSE2, Native AOT's default x86-64 target,
/// ARM64): blocks of 32 output coefficients in four registers.
/// </summary>
internal static class RingProductVector128
{
    private const int Lanes = 8;
    private const int BlockWidth = 4 * Lanes;
    private const int Padding = BlockWidth;

    // After a Barrett reduction |x| <= 2296; 13 more terms of |a b| <= 2295 stay below 2^15.
    private const int TermsBetweenReductions = 13;

    // round(2^26 / q): x * 14617 >> 16 >> 10 (rounded) is round(x / q) to within one.
    private const short BarrettMultiplier = 14617;

    /// <summary>
    /// Writes coefficients 0..2p-2 of a * b (and zeros up to <see cref="RingProduct.FullLength"/>);
    /// each reduced mod q to |x| &lt;= 2296 when <paramref name="reduceModQ"/>, exact otherwise (the
    /// caller guarantees |a| &lt;= 1 then).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FullProduct(ReadOnlySpan<short> a, ReadOnlySpan<sbyte> b, Span<short> full, bool reduceModQ)
    {
        // a with a block of zeros on both sides, so every block reads in bounds without tests.
        Span<short> padded = stackalloc short[Padding + P + 2 * Padding];
        padded.Clear();
        a[..P].CopyTo(padded[Padding..]);
        ref short source = ref MemoryMarshal.GetReference(padded);
        ref short target = ref MemoryMarshal.GetReference(full[..RingProduct.FullLength]);
        for (int start = 0; start < RingProduct.FullLength; start += BlockWidth)
        {
            // Only the b[j] whose shifted copy of a overlaps this block contribute.
            int first = Math.Max(0, start - (P - 1));
            int last = Math.Min(P - 1, start + BlockWidth - 1);
            Vector128<short> sum0 = Vector128<short>.Zero, sum1 = sum0, sum2 = sum0, sum3 = sum0;
            int pending = 0;
            for (int j = first; j <= last; j++)
            {
                Vector128<short> bj = Vector128.Create((short)b[j]);
                nuint offset = (nuint)(Padding + start - j);
                sum0 += bj * Vector128.LoadUnsafe(ref source, offset);
                sum1 += bj * Vector128.LoadUnsafe(ref source, offset + Lanes);
                sum2 += bj * Vector128.LoadUnsafe(ref source, offset + 2 * Lanes);
                sum3 += bj * Vector128.LoadUnsafe(ref source, offset + 3 * Lanes);
                if (reduceModQ && ++pending == TermsBetweenReductions)
                {
                    sum0 = Reduce(sum0);
                    sum1 = Reduce(sum1);
                    sum2 = Reduce(sum2);
                    sum3 = Reduce(sum3);
                    pending = 0;
                }
            }
            if (reduceModQ)
            {
                sum0 = Reduce(sum0);
                sum1 = Reduce(sum1);
                sum2 = Reduce(sum2);
                sum3 = Reduce(sum3);
            }
            sum0.StoreUnsafe(ref target, (nuint)start);
            sum1.StoreUnsafe(ref target, (nuint)(start + Lanes));
            sum2.StoreUnsafe(ref target, (nuint)(start + 2 * Lanes));
            sum3.StoreUnsafe(ref target, (nuint)(start + 3 * Lanes));
        }
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(padded));
    }

    /// <summary>Barrett reduction of every 16-bit lane to a representative with |x| &lt;= 2296.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Reduce(Vector128<short> x)
    {
        Vector128<short> quotient = Vector128Arithmetic.MultiplyHigh(x, Vector128.Create(BarrettMultiplier));
        quotient = Vector128.ShiftRightArithmetic(quotient + Vector128.Create((short)512), 10);
        return x - quotient * Vector128.Create((short)Q);
    }
}
