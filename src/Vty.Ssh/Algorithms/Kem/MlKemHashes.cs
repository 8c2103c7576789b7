namespace Vty.Ssh.Algorithms.Kem;

/// <summary>
/// The SHA-3 functions ML-KEM is built on (FIPS 203 §4.1): H = SHA3-256, G = SHA3-512,
/// J and PRF = SHAKE256, the matrix XOF = SHAKE128. <see cref="Default"/> is the platform's own
/// (OpenSSL on Linux) where .NET supports all four, otherwise BouncyCastle's managed Keccak
/// (<see cref="ManagedMlKemHashes"/>): measured per ML-KEM round (key pair, encapsulation,
/// decapsulation) they cost about the same once warm (184 and 195 µs).
/// </summary>
internal abstract class MlKemHashes
{
    /// <summary>The platform's SHA-3 where .NET has it (OpenSSL, recent Windows), else BouncyCastle's.</summary>
    public static MlKemHashes Default { get; } =
        PlatformMlKemHashes.IsSupported ? new PlatformMlKemHashes() : new ManagedMlKemHashes();

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
