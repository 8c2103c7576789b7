using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Vty.Ssh.Algorithms.Kem;

/// <summary>
/// The two samplers of FIPS 203 §4.2.2: uniform NTT-domain polynomials by rejection from SHAKE128
/// (the public matrix Â), and centred-binomial polynomials with η = 2 from PRF output (the secrets
/// and errors; branch-free, as they are secret).
/// </summary>
internal static class MlKemSampling
{
    /// <summary>PRF output for η = 2: 64·η bytes.</summary>
    public const int Cbd2Bytes = 128;

    // Four SHAKE128 blocks give 448 candidates for 256 coefficients (each kept with probability
    // q/4096 ≈ 0.81); running short needs a 13-sigma deviation, and is then handled by squeezing longer.
    private const int XofBytes = 4 * 168;

    /// <summary>Â entry from SHAKE128(ρ ‖ <paramref name="first"/> ‖ <paramref name="second"/>) (Algorithm 7).</summary>
    public static void SampleUniform(MlKemHashes hashes, ReadOnlySpan<byte> rho, byte first, byte second, Span<short> polynomial)
    {
        Span<byte> seed = stackalloc byte[34];
        rho[..32].CopyTo(seed);
        seed[32] = first;
        seed[33] = second;
        Span<byte> stream = stackalloc byte[XofBytes];
        hashes.Shake128(seed, stream);
        if (TakeBelowQ(stream, polynomial) == MlKemNtt.Degree)
            return;
        // An XOF's longer output starts with the shorter one, so parsing it again from the start
        // gives the same first coefficients and then the rest.
        for (int length = 2 * XofBytes; ; length *= 2)
        {
            byte[] longer = new byte[length];
            hashes.Shake128(seed, longer);
            if (TakeBelowQ(longer, polynomial) == MlKemNtt.Degree)
                return;
        }
    }

    /// <summary>Coefficients in [-2, 2] from 128 PRF bytes (Algorithm 8, η = 2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CenteredBinomial2(ReadOnlySpan<byte> bytes, Span<short> polynomial)
    {
        bytes = bytes[..Cbd2Bytes];
        polynomial = polynomial[..MlKemNtt.Degree];
        for (int word = 0; word < 32; word++)
        {
            uint bits = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(4 * word, 4));
            // Each 2-bit field now holds the sum of its two bits: even fields are x, odd fields y.
            uint sums = (bits & 0x55555555u) + ((bits >> 1) & 0x55555555u);
            Span<short> eight = polynomial.Slice(8 * word, 8);
            for (int k = 0; k < 8; k++)
                eight[k] = (short)((int)((sums >> (4 * k)) & 3) - (int)((sums >> (4 * k + 2)) & 3));
        }
    }

    // Parses 12-bit candidates from the stream, keeping those below q; returns how many were kept.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int TakeBelowQ(ReadOnlySpan<byte> stream, Span<short> polynomial)
    {
        polynomial = polynomial[..MlKemNtt.Degree];
        int count = 0;
        for (int i = 0; i + 3 <= stream.Length && count < MlKemNtt.Degree; i += 3)
        {
            int first = stream[i] | ((stream[i + 1] & 0x0F) << 8);
            int second = (stream[i + 1] >> 4) | (stream[i + 2] << 4);
            if (first < MlKemField.Q)
                polynomial[count++] = (short)first;
            if (second < MlKemField.Q && count < MlKemNtt.Degree)
                polynomial[count++] = (short)second;
        }
        return count;
    }
}
