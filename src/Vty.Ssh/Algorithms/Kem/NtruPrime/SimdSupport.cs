using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>The fastest <see cref="SimdLevel"/> this process can run.</summary>
internal static class SimdSupport
{
    /// <summary>
    /// AVX2 under the JIT on current x86-64; 128-bit vectors where only those are accelerated, which
    /// includes a Native AOT build for the default x86-64 target (it does not assume AVX2) and ARM64.
    /// </summary>
    public static SimdLevel Best { get; } =
        Avx2.IsSupported ? SimdLevel.Avx2
        : Vector128.IsHardwareAccelerated ? SimdLevel.Vector128
        : SimdLevel.Scalar;
}
