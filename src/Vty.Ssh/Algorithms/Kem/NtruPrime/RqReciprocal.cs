using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using static Vty.Ssh.Algorithms.Kem.NtruPrime.Sntrup761Parameters;

namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>
/// 1/(3a) in R/q for a small a, by the same 2p - 1 constant-time division steps as
/// <see cref="R3Reciprocal"/> with updates g = f0 g - g0 f over Z/q (r starts at 1/3, which puts
/// the factor 3 in). The vector paths are <see cref="RqReciprocalAvx2"/> and <see cref="RqReciprocalVector128"/>.
/// </summary>
internal static class RqReciprocal
{
    public const int Steps = 2 * P - 1;

    /// <summary>Writes 1/(3 <paramref name="input"/>) with coefficients in [-(q-1)/2, (q-1)/2]; returns 0, or -1 when there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ComputeOfThreeTimes(ReadOnlySpan<sbyte> input, Span<short> output, SimdLevel simd)
    {
        int width = RqReciprocalAvx2.Width;
        Span<short> f = stackalloc short[width];
        Span<short> r = stackalloc short[width];
        Span<short> g = stackalloc short[Steps + width];
        Span<short> v = stackalloc short[Steps + width];
        f.Clear();
        r.Clear();
        g.Clear();
        v.Clear();
        f[0] = 1;
        f[P - 1] = -1;
        f[P] = -1;
        for (int i = 0; i < P; i++)
            g[P - 1 - i] = input[i];
        r[0] = ModularArithmetic.OneThird;

        int delta = simd == SimdLevel.Avx2 && Avx2.IsSupported ? RqReciprocalAvx2.Steps(f, g, v, r)
            : simd != SimdLevel.Scalar && Vector128.IsHardwareAccelerated ? RqReciprocalVector128.Steps(f, g, v, r)
            : StepsScalar(f, g, v, r);

        // The vector path leaves f and v multiplied by the same unknown constant, which cancels here.
        short scale = ModularArithmetic.ReciprocalQ(ModularArithmetic.FreezeQ(f[0]));
        for (int i = 0; i < P; i++)
            output[i] = ModularArithmetic.FreezeQ(scale * v[P - 1 - i]);

        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(f));
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(g));
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(v));
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(r));
        return ModularArithmetic.NonZeroMask(delta);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StepsScalar(Span<short> f, Span<short> g, Span<short> v, Span<short> r)
    {
        int delta = 1;
        int gStart = 0;
        int vStart = Steps;
        for (int step = 0; step < Steps; step++)
        {
            vStart--;
            Span<short> gw = g.Slice(gStart, P + 1);
            Span<short> vw = v.Slice(vStart, P + 1);
            int swap = ModularArithmetic.NegativeMask(-delta) & ModularArithmetic.NonZeroMask(gw[0]);
            delta ^= swap & (delta ^ -delta);
            delta += 1;
            for (int i = 0; i <= P; i++)
            {
                int t = swap & (f[i] ^ gw[i]);
                f[i] ^= (short)t;
                gw[i] ^= (short)t;
                t = swap & (vw[i] ^ r[i]);
                vw[i] ^= (short)t;
                r[i] ^= (short)t;
            }
            int f0 = f[0];
            int g0 = gw[0];
            for (int i = 0; i <= P; i++)
            {
                gw[i] = ModularArithmetic.FreezeQ(f0 * gw[i] - g0 * f[i]);
                r[i] = ModularArithmetic.FreezeQ(f0 * r[i] - g0 * vw[i]);
            }
            gStart++;
        }
        return delta;
    }
}
