namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>Which kernels the sntrup761 code runs: 256-bit AVX2, 128-bit vectors (SSE2, NEON), or plain scalar code.</summary>
internal enum SimdLevel
{
    Scalar,
    Vector128,
    Avx2,
}
