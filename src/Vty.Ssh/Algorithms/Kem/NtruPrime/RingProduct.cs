using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using static Vty.Ssh.Algorithms.Kem.NtruPrime.Sntrup761Parameters;

namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>
/// Products in R/q and R/3, R = Z[x]/(x^p - x - 1), of any polynomial by a small one: the
/// schoolbook product (p^2 multiply-adds in AVX2 or 128-bit vectors when present) folded with x^p = x + 1. The work
/// is the same for every input.
/// </summary>
internal static class RingProduct
{
    /// <summary>Length of the unreduced product buffer: 2p - 1 coefficients rounded up for the vector code.</summary>
    public const int FullLength = 1536;

    /// <summary><paramref name="product"/> = a * b in R/q; a has coefficients in [-(q-1)/2, (q-1)/2], the result too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyRq(ReadOnlySpan<short> a, ReadOnlySpan<sbyte> b, Span<short> product, SimdLevel simd)
    {
        Span<int> full = stackalloc int[FullLength];
        FullProduct(a, b, full, reduceModQ: true, simd);
        Fold(full);
        for (int i = 0; i < P; i++)
            product[i] = ModularArithmetic.FreezeQ(full[i]);
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(full));
    }

    /// <summary><paramref name="product"/> = a * b in R/3; both have coefficients in {-1, 0, 1}, the result too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyR3(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b, Span<sbyte> product, SimdLevel simd)
    {
        Span<short> wide = stackalloc short[P];
        for (int i = 0; i < P; i++)
            wide[i] = a[i];
        Span<int> full = stackalloc int[FullLength];
        // |sum| <= p: no reduction needed while accumulating.
        FullProduct(wide, b, full, reduceModQ: false, simd);
        Fold(full);
        for (int i = 0; i < P; i++)
            product[i] = ModularArithmetic.Freeze3(full[i]);
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(full));
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(wide));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FullProduct(ReadOnlySpan<short> a, ReadOnlySpan<sbyte> b, Span<int> full, bool reduceModQ, SimdLevel simd)
    {
        bool avx2 = simd == SimdLevel.Avx2 && Avx2.IsSupported;
        if (avx2 || (simd != SimdLevel.Scalar && Vector128.IsHardwareAccelerated))
        {
            Span<short> narrow = stackalloc short[FullLength];
            if (avx2)
                RingProductAvx2.FullProduct(a, b, narrow, reduceModQ);
            else
                RingProductVector128.FullProduct(a, b, narrow, reduceModQ);
            for (int i = 0; i < FullLength; i++)
                full[i] = narrow[i];
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(narrow));
            return;
        }
        // Scalar: |sum| <= p * (q-1)/2 < 2^21 fits an int without reducing.
        full.Clear();
        for (int i = 0; i < P; i++)
        {
            int ai = a[i];
            Span<int> row = full.Slice(i, P);
            for (int j = 0; j < P; j++)
                row[j] += ai * b[j];
        }
    }

    /// <summary>Folds coefficients p..2p-2 down with x^p = x + 1: x^(p+k) adds to x^k and x^(k+1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fold(Span<int> full)
    {
        // Coefficient 2p - 1 is zero, so the top of the first term needs no special case.
        full[0] += full[P];
        for (int k = 1; k < P; k++)
            full[k] += full[k + P] + full[k + P - 1];
    }
}
