namespace Vty.Ssh.Algorithms.Packets;

/// <summary>chacha20-poly1305@openssh.com sending side.</summary>
internal sealed class ChaCha20Poly1305PacketEncryptor(ReadOnlySpan<byte> key) : IPacketEncryptor
{
    private readonly ChaCha20Poly1305Core _core = new(key);

    public int GetMaxWireLength(int payloadLength) => PacketFraming.MaxPacketLength(payloadLength, 8) + ChaCha20Poly1305Core.TagLength;

    public int Encrypt(uint sequenceNumber, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        int length = PacketFraming.Write(payload, destination, 8, lengthFieldExcluded: true);
        if (destination.Length < length + ChaCha20Poly1305Core.TagLength)
            throw new ArgumentException("destination too small for the Poly1305 tag", nameof(destination));
        _core.CryptLength(sequenceNumber, destination[..4], destination[..4]);
        _core.Seal(sequenceNumber, destination[..length], destination.Slice(length, ChaCha20Poly1305Core.TagLength));
        return length + ChaCha20Poly1305Core.TagLength;
    }

    public void Dispose() => _core.Dispose();
}
