using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static Vty.Ssh.Algorithms.Kem.NtruPrime.Sntrup761Parameters;

namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>
/// <see cref="RqReciprocalAvx2"/> in 128-bit vectors of 16-bit lanes (SSE2, Native AOT's default
/// x86-64 target, ARM64): the same Montgomery updates and bounds, half as many lanes.
/// </summary>
internal static class RqReciprocalVector128
{
    private const int Lanes = 8;

    /// <summary>The p + 1 coefficients each array holds, rounded up to whole vectors (of either width).</summary>
    public const int Width = RqReciprocalAvx2.Width;

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

            Vector128<short> swapMask = Vector128.Create((short)swap);
            Vector128<short> fLead = Vector128.Create((short)f0);
            Vector128<short> fLeadQ = Vector128.Create((short)(f0 * ModularArithmetic.QInverse16));
            Vector128<short> gLead = Vector128.Create((short)g0);
            Vector128<short> gLeadQ = Vector128.Create((short)(g0 * ModularArithmetic.QInverse16));
            for (int i = 0; i < Width; i += Lanes)
            {
                nuint fi = (nuint)i, gi = (nuint)(gStart + i), vi = (nuint)(vStart + i);
                Vector128<short> fv = Vector128.LoadUnsafe(ref fRef, fi);
                Vector128<short> gv = Vector128.LoadUnsafe(ref gRef, gi);
                Vector128<short> t = (fv ^ gv) & swapMask;
                fv ^= t;
                gv ^= t;
                fv.StoreUnsafe(ref fRef, fi);
                (Montgomery(gv, fLead, fLeadQ) - Montgomery(fv, gLead, gLeadQ)).StoreUnsafe(ref gRef, gi);

                Vector128<short> vv = Vector128.LoadUnsafe(ref vRef, vi);
                Vector128<short> rv = Vector128.LoadUnsafe(ref rRef, fi);
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
    private static Vector128<short> Montgomery(Vector128<short> x, Vector128<short> c, Vector128<short> cq)
    {
        Vector128<short> high = Vector128Arithmetic.MultiplyHigh(x, c);
        Vector128<short> m = x * cq;
        return high - Vector128Arithmetic.MultiplyHigh(m, Vector128.Create((short)Q));
    }
}
