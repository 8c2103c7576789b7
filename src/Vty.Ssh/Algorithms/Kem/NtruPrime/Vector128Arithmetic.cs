using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>The one 16-bit lane operation the portable Vector128 API lacks: the high half of a product.</summary>
internal static class Vector128Arithmetic
{
    /// <summary>(a * b) >> 16 in every signed 16-bit lane: SSE2's pmulhw, or widened products elsewhere (ARM64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> MultiplyHigh(Vector128<short> a, Vector128<short> b)
    {
        return Sse2.IsSupported ? Sse2.MultiplyHigh(a, b) : MultiplyHighPortable(a, b);
    }

    /// <summary>The same from widened 32-bit products, for CPUs without pmulhw (tests compare the two).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> MultiplyHighPortable(Vector128<short> a, Vector128<short> b)
    {
        (Vector128<int> aLow, Vector128<int> aHigh) = Vector128.Widen(a);
        (Vector128<int> bLow, Vector128<int> bHigh) = Vector128.Widen(b);
        // |a b| < 2^30, so the shifted products fit 16 bits and narrowing keeps them exactly.
        return Vector128.Narrow(Vector128.ShiftRightArithmetic(aLow * bLow, 16), Vector128.ShiftRightArithmetic(aHigh * bHigh, 16));
    }
}
