using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>
/// Sorts up to 1024 unsigned integers with a bitonic sorting network. Which positions are compared
/// depends only on the length, and every compare-exchange is branch-free (vector min/max or a
/// borrow-derived mask), so the running time says nothing about the values: the short-polynomial
/// generation sorts secret values with it.
/// </summary>
internal static class ConstantTimeSort
{
    private const int Size = 1024;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort(Span<uint> values, SimdLevel simd)
    {
        if (values.Length > Size)
            throw new ArgumentException($"the constant-time sort takes at most {Size} values, not {values.Length}", nameof(values));
        Span<uint> work = stackalloc uint[Size];
        values.CopyTo(work);
        // Padding with the largest value keeps the real values, sorted, in front.
        work[values.Length..].Fill(uint.MaxValue);
        bool use256 = simd == SimdLevel.Avx2 && Vector256.IsHardwareAccelerated;
        bool use128 = simd != SimdLevel.Scalar && Vector128.IsHardwareAccelerated;
        for (int block = 2; block <= Size; block <<= 1)
        {
            for (int distance = block >> 1; distance > 0; distance >>= 1)
            {
                if (use256 && distance >= Vector256<uint>.Count)
                    MergeStepVector256(work, block, distance);
                else if (use128 && distance >= Vector128<uint>.Count)
                    MergeStepVector128(work, block, distance);
                else
                    MergeStepScalar(work, block, distance);
            }
        }
        work[..values.Length].CopyTo(values);
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(work));
    }

    // One layer of the network: i meets i + distance; blocks whose index has the `block` bit set sort descending.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MergeStepScalar(Span<uint> work, int block, int distance)
    {
        for (int start = 0; start < Size; start += 2 * distance)
        {
            bool ascending = (start & block) == 0;
            for (int i = start; i < start + distance; i++)
            {
                if (ascending)
                    CompareExchange(ref work[i], ref work[i + distance]);
                else
                    CompareExchange(ref work[i + distance], ref work[i]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MergeStepVector256(Span<uint> work, int block, int distance)
    {
        ref uint origin = ref MemoryMarshal.GetReference(work);
        for (int start = 0; start < Size; start += 2 * distance)
        {
            bool ascending = (start & block) == 0;
            for (int i = start; i < start + distance; i += Vector256<uint>.Count)
            {
                Vector256<uint> low = Vector256.LoadUnsafe(ref origin, (nuint)i);
                Vector256<uint> high = Vector256.LoadUnsafe(ref origin, (nuint)(i + distance));
                Vector256<uint> min = Vector256.Min(low, high);
                Vector256<uint> max = Vector256.Max(low, high);
                (ascending ? min : max).StoreUnsafe(ref origin, (nuint)i);
                (ascending ? max : min).StoreUnsafe(ref origin, (nuint)(i + distance));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MergeStepVector128(Span<uint> work, int block, int distance)
    {
        ref uint origin = ref MemoryMarshal.GetReference(work);
        for (int start = 0; start < Size; start += 2 * distance)
        {
            bool ascending = (start & block) == 0;
            for (int i = start; i < start + distance; i += Vector128<uint>.Count)
            {
                Vector128<uint> low = Vector128.LoadUnsafe(ref origin, (nuint)i);
                Vector128<uint> high = Vector128.LoadUnsafe(ref origin, (nuint)(i + distance));
                Vector128<uint> min = Vector128.Min(low, high);
                Vector128<uint> max = Vector128.Max(low, high);
                (ascending ? min : max).StoreUnsafe(ref origin, (nuint)i);
                (ascending ? max : min).StoreUnsafe(ref origin, (nuint)(i + distance));
            }
        }
    }

    /// <summary>Leaves the smaller value in <paramref name="low"/> and the larger in <paramref name="high"/>, without branching.</summary>
    private static void CompareExchange(ref uint low, ref uint high)
    {
        uint a = low, b = high;
        // b - a in 64 bits borrows exactly when b < a; the borrow becomes an all-ones mask.
        uint swap = (a ^ b) & (uint)(0 - (((ulong)b - a) >> 63));
        low = a ^ swap;
        high = b ^ swap;
    }
}
