using System.Security.Cryptography;

namespace Vty.Ssh.Algorithms.Kem;

/// <summary>
/// ML-KEM's hashes from System.Security.Cryptography (OpenSSL 1.1.1+ on Linux, recent Windows).
/// One-shot calls only: the XOF output ML-KEM needs is known in advance (or re-squeezed longer,
/// which yields the same prefix), so no streaming squeeze is required.
/// </summary>
internal sealed class PlatformMlKemHashes : MlKemHashes
{
    public static bool IsSupported =>
        SHA3_256.IsSupported && SHA3_512.IsSupported &&
        System.Security.Cryptography.Shake128.IsSupported && System.Security.Cryptography.Shake256.IsSupported;

    public override string Name => "platform";

    public override void Sha3_256(ReadOnlySpan<byte> source, Span<byte> destination) => SHA3_256.HashData(source, destination);

    public override void Sha3_512(ReadOnlySpan<byte> source, Span<byte> destination) => SHA3_512.HashData(source, destination);

    public override void Shake128(ReadOnlySpan<byte> source, Span<byte> destination) =>
        System.Security.Cryptography.Shake128.HashData(source, destination);

    public override void Shake256(ReadOnlySpan<byte> source, Span<byte> destination) =>
        System.Security.Cryptography.Shake256.HashData(source, destination);
}
