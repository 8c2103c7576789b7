using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using static Vty.Ssh.Algorithms.Kem.NtruPrime.Sntrup761Parameters;

namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>
/// The reciprocal in R/3 by 2p - 1 constant-time division steps (Bernstein–Yang) on the reversed
/// polynomials f = x^p - x - 1 and g = the input, carrying v and r so that the final v is the
/// reciprocal. Every step does the same work: the swap is a masked exchange and the update a
/// masked add, so nothing depends on the secret input but the values.
/// </summary>
/// <remarks>
/// g moves down one coefficient a step and v up one. Instead of moving the data, the vector path
/// moves the window each array is read through (g's start rises, v's falls) inside a longer,
/// zero-filled buffer; the zeros that enter the windows are the zeros the shifts bring in.
/// </remarks>
internal static class R3Reciprocal
{
    private const int Steps = 2 * P - 1;
    // p + 1 coefficients rounded up to whole 256-bit (and so 128-bit) vectors of bytes.
    private const int Width = (P + 1 + 31) / 32 * 32;

    /// <summary>Writes 1/<paramref name="input"/> and returns 0, or returns -1 when the input has no reciprocal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Compute(ReadOnlySpan<sbyte> input, Span<sbyte> output, SimdLevel simd)
    {
        Span<sbyte> f = stackalloc sbyte[Width];
        Span<sbyte> r = stackalloc sbyte[Width];
        Span<sbyte> g = stackalloc sbyte[Steps + Width];
        Span<sbyte> v = stackalloc sbyte[Steps + Width];
        f.Clear();
        r.Clear();
        g.Clear();
        v.Clear();
        f[0] = 1;
        f[P - 1] = -1;
        f[P] = -1;
        for (int i = 0; i < P; i++)
            g[P - 1 - i] = input[i];
        r[0] = 1;

        int delta = simd == SimdLevel.Avx2 && Vector256.IsHardwareAccelerated ? StepsVector256(f, g, v, r)
            : simd != SimdLevel.Scalar && Vector128.IsHardwareAccelerated ? StepsVector128(f, g, v, r)
            : StepsScalar(f, g, v, r);

        // After the last step v's window starts at 0 and f is ±1.
        int sign = f[0];
        for (int i = 0; i < P; i++)
            output[i] = (sbyte)(sign * v[P - 1 - i]);

        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(f));
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(g));
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(v));
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(r));
        return ModularArithmetic.NonZeroMask(delta);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StepsScalar(Span<sbyte> f, Span<sbyte> g, Span<sbyte> v, Span<sbyte> r)
    {
        int delta = 1;
        int gStart = 0;
        int vStart = Steps;
        for (int step = 0; step < Steps; step++)
        {
            vStart--;
            Span<sbyte> gw = g.Slice(gStart, P + 1);
            Span<sbyte> vw = v.Slice(vStart, P + 1);
            int sign = -gw[0] * f[0];
            int swap = ModularArithmetic.NegativeMask(-delta) & ModularArithmetic.NonZeroMask(gw[0]);
            delta ^= swap & (delta ^ -delta);
            delta += 1;
            for (int i = 0; i <= P; i++)
            {
                int t = swap & (f[i] ^ gw[i]);
                f[i] ^= (sbyte)t;
                gw[i] ^= (sbyte)t;
                t = swap & (vw[i] ^ r[i]);
                vw[i] ^= (sbyte)t;
                r[i] ^= (sbyte)t;
            }
            for (int i = 0; i <= P; i++)
            {
                gw[i] = ModularArithmetic.Freeze3(gw[i] + sign * f[i]);
                r[i] = ModularArithmetic.Freeze3(r[i] + sign * vw[i]);
            }
            gStart++;
        }
        return delta;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StepsVector256(Span<sbyte> f, Span<sbyte> g, Span<sbyte> v, Span<sbyte> r)
    {
        ref sbyte fRef = ref MemoryMarshal.GetReference(f);
        ref sbyte gRef = ref MemoryMarshal.GetReference(g);
        ref sbyte vRef = ref MemoryMarshal.GetReference(v);
        ref sbyte rRef = ref MemoryMarshal.GetReference(r);
        int delta = 1;
        int gStart = 0;
        int vStart = Steps;
        for (int step = 0; step < Steps; step++)
        {
            vStart--;
            int f0 = f[0];
            int g0 = g[gStart];
            int sign = -g0 * f0;
            int swap = ModularArithmetic.NegativeMask(-delta) & ModularArithmetic.NonZeroMask(g0);
            delta ^= swap & (delta ^ -delta);
            delta += 1;

            Vector256<sbyte> swapMask = Vector256.Create((sbyte)swap);
            Vector256<sbyte> nonZero = Vector256.Create((sbyte)ModularArithmetic.NonZeroMask(sign));
            Vector256<sbyte> negative = Vector256.Create((sbyte)ModularArithmetic.NegativeMask(sign));
            for (int i = 0; i < Width; i += Vector256<sbyte>.Count)
            {
                nuint fi = (nuint)i, gi = (nuint)(gStart + i), vi = (nuint)(vStart + i);
                Vector256<sbyte> fv = Vector256.LoadUnsafe(ref fRef, fi);
                Vector256<sbyte> gv = Vector256.LoadUnsafe(ref gRef, gi);
                Vector256<sbyte> t = (fv ^ gv) & swapMask;
                fv ^= t;
                gv ^= t;
                fv.StoreUnsafe(ref fRef, fi);
                AddSigned(gv, fv, nonZero, negative).StoreUnsafe(ref gRef, gi);

                Vector256<sbyte> vv = Vector256.LoadUnsafe(ref vRef, vi);
                Vector256<sbyte> rv = Vector256.LoadUnsafe(ref rRef, fi);
                t = (vv ^ rv) & swapMask;
                vv ^= t;
                rv ^= t;
                vv.StoreUnsafe(ref vRef, vi);
                AddSigned(rv, vv, nonZero, negative).StoreUnsafe(ref rRef, fi);
            }
            gStart++;
        }
        return delta;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StepsVector128(Span<sbyte> f, Span<sbyte> g, Span<sbyte> v, Span<sbyte> r)
    {
        ref sbyte fRef = ref MemoryMarshal.GetReference(f);
        ref sbyte gRef = ref MemoryMarshal.GetReference(g);
        ref sbyte vRef = ref MemoryMarshal.GetReference(v);
        ref sbyte rRef = ref MemoryMarshal.GetReference(r);
        int delta = 1;
        int gStart = 0;
        int vStart = Steps;
        for (int step = 0; step < Steps; step++)
        {
            vStart--;
            int f0 = f[0];
            int g0 = g[gStart];
            int sign = -g0 * f0;
            int swap = ModularArithmetic.NegativeMask(-delta) & ModularArithmetic.NonZeroMask(g0);
            delta ^= swap & (delta ^ -delta);
            delta += 1;

            Vector128<sbyte> swapMask = Vector128.Create((sbyte)swap);
            Vector128<sbyte> nonZero = Vector128.Create((sbyte)ModularArithmetic.NonZeroMask(sign));
            Vector128<sbyte> negative = Vector128.Create((sbyte)ModularArithmetic.NegativeMask(sign));
            for (int i = 0; i < Width; i += Vector128<sbyte>.Count)
            {
                nuint fi = (nuint)i, gi = (nuint)(gStart + i), vi = (nuint)(vStart + i);
                Vector128<sbyte> fv = Vector128.LoadUnsafe(ref fRef, fi);
                Vector128<sbyte> gv = Vector128.LoadUnsafe(ref gRef, gi);
                Vector128<sbyte> t = (fv ^ gv) & swapMask;
                fv ^= t;
                gv ^= t;
                fv.StoreUnsafe(ref fRef, fi);
                AddSigned(gv, fv, nonZero, negative).StoreUnsafe(ref gRef, gi);

                Vector128<sbyte> vv = Vector128.LoadUnsafe(ref vRef, vi);
                Vector128<sbyte> rv = Vector128.LoadUnsafe(ref rRef, fi);
                t = (vv ^ rv) & swapMask;
                vv ^= t;
                rv ^= t;
                vv.StoreUnsafe(ref vRef, vi);
                AddSigned(rv, vv, nonZero, negative).StoreUnsafe(ref rRef, fi);
            }
            gStart++;
        }
        return delta;
    }

    /// <summary>x + sign * y mod 3 for x, y in {-1, 0, 1}; sign is given as its nonzero and negative masks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<sbyte> AddSigned(Vector256<sbyte> x, Vector256<sbyte> y, Vector256<sbyte> nonZero, Vector256<sbyte> negative)
    {
        Vector256<sbyte> sum = x + (((y & nonZero) ^ negative) - negative);
        // sum is in [-2, 2]: 2 becomes -1 and -2 becomes 1.
        return sum
            + (Vector256.GreaterThan(sum, Vector256<sbyte>.One) & Vector256.Create((sbyte)-3))
            + (Vector256.LessThan(sum, Vector256<sbyte>.AllBitsSet) & Vector256.Create((sbyte)3));
    }

    /// <summary>x + sign * y mod 3 for x, y in {-1, 0, 1}; sign is given as its nonzero and negative masks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<sbyte> AddSigned(Vector128<sbyte> x, Vector128<sbyte> y, Vector128<sbyte> nonZero, Vector128<sbyte> negative)
    {
        Vector128<sbyte> sum = x + (((y & nonZero) ^ negative) - negative);
        // sum is in [-2, 2]: 2 becomes -1 and -2 becomes 1.
        return sum
            + (Vector128.GreaterThan(sum, Vector128<sbyte>.One) & Vector128.Create((sbyte)-3))
            + (Vector128.LessThan(sum, Vector128<sbyte>.AllBitsSet) & Vector128.Create((sbyte)3));
    }
}
