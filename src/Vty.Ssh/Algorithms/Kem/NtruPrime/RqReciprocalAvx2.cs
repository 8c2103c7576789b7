using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static Vty.Ssh.Algorithms.Kem.NtruPrime.Sntrup761Parameters;

namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>
/// The division steps of <see cref="RqReciprocal"/> in 16-bit AVX2 lanes. The update
/// g = f0 g - g0 f uses Montgomery products, so every step also multiplies g and r by 2^-16 mod q;
/// that common factor changes neither which coefficients are zero nor the ratio v / f the result
/// is read from. Coefficients stay unreduced but bounded: |mont(x, c)| &lt;= 3444 for any 16-bit x
/// and |c| &lt;= (q-1)/2, so a difference of two stays below 6888 and never overflows.
/// </summary>
internal static class RqReciprocalAvx2
{
    private const int Lanes = 16;

    /// <summary>The p + 1 coefficients each array holds, rounded up to whole vectors.</summary>
    public const int Width = (P + 1 + Lanes - 1) / Lanes * Lanes;

    /// <summary>Runs every step on the windows described in <see cref="R3Reciprocal"/>; returns the final delta.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Steps(Span<short> f, Span<short> g, Span<short> v, Span<short> r)
    {
        if (f.Length < Width || r.Length < Width || g.Length < RqReciprocal.Steps + Width || v.Length < RqReciprocal.Steps + Width)
            throw new ArgumentException("the division-step buffers are too short");
        ref short fRef = ref MemoryMarshal.GetReference(f);
        ref short gRef = ref MemoryMarshal.GetReference(g);
        ref short vRef = ref MemoryMarshal.GetReference(v);
        ref short rRef = ref MemoryMarshal.GetReference(r);
        int delta = 1;
        int gStart = 0;
        int vStart = RqReciprocal.Steps;
        for (int step = 0; step < RqReciprocal.Steps; step++)
        {
            vStart--;
            int f0 = ModularArithmetic.FreezeQ(f[0]);
            int g0 = ModularArithmetic.FreezeQ(g[gStart]);
            int swap = ModularArithmetic.NegativeMask(-delta) & ModularArithmetic.NonZeroMask(g0);
            delta ^= swap & (delta ^ -delta);
            delta += 1;
            // The leading coefficients after the (masked) swap.
            int exchange = swap & (f0 ^ g0);
            f0 ^= exchange;
            g0 ^= exchange;

            Vector256<short> swapMask = Vector256.Create((short)swap);
            Vector256<short> fLead = Vector256.Create((short)f0);
            Vector256<short> fLeadQ = Vector256.Create((short)(f0 * ModularArithmetic.QInverse16));
            Vector256<short> gLead = Vector256.Create((short)g0);
            Vector256<short> gLeadQ = Vector256.Create((short)(g0 * ModularArithmetic.QInverse16));
            for (int i = 0; i < Width; i += Lanes)
            {
                nuint fi = (nuint)i, gi = (nuint)(gStart + i), vi = (nuint)(vStart + i);
                Vector256<short> fv = Vector256.LoadUnsafe(ref fRef, fi);
                Vector256<short> gv = Vector256.LoadUnsafe(ref gRef, gi);
                Vector256<short> t = (fv ^ gv) & swapMask;
                fv ^= t;
                gv ^= t;
                fv.StoreUnsafe(ref fRef, fi);
                (Montgomery(gv, fLead, fLeadQ) - Montgomery(fv, gLead, gLeadQ)).StoreUnsafe(ref gRef, gi);

                Vector256<short> vv = Vector256.LoadUnsafe(ref vRef, vi);
                Vector256<short> rv = Vector256.LoadUnsafe(ref rRef, fi);
                t = (vv ^ rv) & swapMask;
                vv ^= t;
                rv ^= t;
                vv.StoreUnsafe(ref vRef, vi);
                (Montgomery(rv, fLead, fLeadQ) - Montgomery(vv, gLead, gLeadQ)).StoreUnsafe(ref rRef, fi);
            }
            gStart++;
        }
        return delta;
    }

    /// <summary>x * c * 2^-16 mod q, |result| &lt;= |x c| / 2^16 + 2296; <paramref name="cq"/> is c q^-1 mod 2^16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Montgomery(Vector256<short> x, Vector256<short> c, Vector256<short> cq)
    {
        Vector256<short> high = Avx2.MultiplyHigh(x, c);
        Vector256<short> m = Avx2.MultiplyLow(x, cq);
        return high - Avx2.MultiplyHigh(m, Vector256.Create((short)Q));
    }
}
