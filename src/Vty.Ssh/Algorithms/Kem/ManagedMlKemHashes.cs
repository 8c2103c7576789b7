using Org.BouncyCastle.Crypto.Digests;

namespace Vty.Ssh.Algorithms.Kem;

/// <summary>
/// ML-KEM's hashes from BouncyCastle's managed Keccak, for platforms whose .NET has no SHA-3
/// (macOS, older Windows). Digest objects are cheap but stateful, so each call makes its own.
/// </summary>
internal sealed class ManagedMlKemHashes : MlKemHashes
{
    public override string Name => "managed";

    public override void Sha3_256(ReadOnlySpan<byte> source, Span<byte> destination) => Digest(new Sha3Digest(256), source, destination);

    public override void Sha3_512(ReadOnlySpan<byte> source, Span<byte> destination) => Digest(new Sha3Digest(512), source, destination);

    public override void Shake128(ReadOnlySpan<byte> source, Span<byte> destination) => Squeeze(new ShakeDigest(128), source, destination);

    public override void Shake256(ReadOnlySpan<byte> source, Span<byte> destination) => Squeeze(new ShakeDigest(256), source, destination);

    private static void Digest(Sha3Digest digest, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        digest.BlockUpdate(source);
        digest.DoFinal(destination);
    }

    private static void Squeeze(ShakeDigest digest, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        digest.BlockUpdate(source);
        digest.OutputFinal(destination);
    }
}
