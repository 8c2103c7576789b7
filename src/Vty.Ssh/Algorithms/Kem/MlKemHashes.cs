namespace Vty.Ssh.Algorithms.Kem;

/// <summary>
/// The SHA-3 functions ML-KEM is built on (FIPS 203 §4.1): H = SHA3-256, G = SHA3-512,
/// J and PRF = SHAKE256, the matrix XOF = SHAKE128. <see cref="Default"/> is the platform's own
/// (OpenSSL on Linux) where .NET supports all four, otherwise our <see cref="Keccak1600"/>: measured
/// per ML-KEM round (key pair, encapsulation, decapsulation) they cost the same once warm (184 and
/// 190 µs), and the platform's needs no JIT in a fresh process.
/// </summary>
internal abstract class MlKemHashes
{
    /// <summary>The platform's SHA-3 where .NET has it (OpenSSL, recent Windows), else ours.</summary>
    public static MlKemHashes Default { get; } =
        PlatformMlKemHashes.IsSupported ? new PlatformMlKemHashes() : new KeccakMlKemHashes();

    /// <summary>Short name for benchmarks and messages.</summary>
    public abstract string Name { get; }

    /// <summary>SHA3-256 into 32 bytes.</summary>
    public abstract void Sha3_256(ReadOnlySpan<byte> source, Span<byte> destination);

    /// <summary>SHA3-512 into 64 bytes.</summary>
    public abstract void Sha3_512(ReadOnlySpan<byte> source, Span<byte> destination);

    /// <summary>SHAKE128 squeezed to the length of <paramref name="destination"/>.</summary>
    public abstract void Shake128(ReadOnlySpan<byte> source, Span<byte> destination);

    /// <summary>SHAKE256 squeezed to the length of <paramref name="destination"/>.</summary>
    public abstract void Shake256(ReadOnlySpan<byte> source, Span<byte> destination);
}
