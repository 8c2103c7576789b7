namespace Vty.Ssh.Algorithms.Kem;

/// <summary>ML-KEM's hashes on <see cref="Keccak1600"/>: no allocation, no native call, the same on every platform.</summary>
internal sealed class KeccakMlKemHashes : MlKemHashes
{
    public override string Name => "keccak";

    public override void Sha3_256(ReadOnlySpan<byte> source, Span<byte> destination) => Keccak1600.Sponge(source, destination[..32], 136, 0x06);

    public override void Sha3_512(ReadOnlySpan<byte> source, Span<byte> destination) => Keccak1600.Sponge(source, destination[..64], 72, 0x06);

    public override void Shake128(ReadOnlySpan<byte> source, Span<byte> destination) => Keccak1600.Sponge(source, destination, 168, 0x1F);

    public override void Shake256(ReadOnlySpan<byte> source, Span<byte> destination) => Keccak1600.Sponge(source, destination, 136, 0x1F);
}
