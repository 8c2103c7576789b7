using System.Buffers.Binary;

namespace Vty.Ssh.Algorithms.Packets;

/// <summary>
/// chacha20-poly1305@openssh.com receiving side: decrypts a copy of the length, leaves the wire
/// bytes untouched until the tag (which covers the encrypted length) has been verified.
/// </summary>
internal sealed class ChaCha20Poly1305PacketDecryptor(ReadOnlySpan<byte> key) : IPacketDecryptor
{
    private readonly ChaCha20Poly1305Core _core = new(key);

    public int FirstBlockLength => 4;

    public uint DecryptLength(uint sequenceNumber, Span<byte> firstBlock)
    {
        Span<byte> plain = stackalloc byte[4];
        _core.CryptLength(sequenceNumber, firstBlock[..4], plain);
        uint packetLength = BinaryPrimitives.ReadUInt32BigEndian(plain);
        PacketFraming.ValidateLength(packetLength, 8, lengthFieldExcluded: true);
        return packetLength;
    }

    public int GetRemainingLength(uint packetLength)
    {
        PacketFraming.ValidateLength(packetLength, 8, lengthFieldExcluded: true);
        return (int)packetLength + ChaCha20Poly1305Core.TagLength;
    }

    public Range Decrypt(uint sequenceNumber, Span<byte> wirePacket)
    {
        Span<byte> plainLength = stackalloc byte[4];
        _core.CryptLength(sequenceNumber, wirePacket[..4], plainLength);
        uint packetLength = BinaryPrimitives.ReadUInt32BigEndian(plainLength);
        PacketFraming.ValidateLength(packetLength, 8, lengthFieldExcluded: true);
        int total = 4 + (int)packetLength;
        if (wirePacket.Length < total + ChaCha20Poly1305Core.TagLength)
            throw new SshException($"packet truncated: {wirePacket.Length} bytes, expected {total + ChaCha20Poly1305Core.TagLength}");
        if (!_core.Open(sequenceNumber, wirePacket[..total], wirePacket.Slice(total, ChaCha20Poly1305Core.TagLength)))
            throw new SshMacException($"Poly1305 tag check failed on packet {sequenceNumber}: the data was corrupted or tampered with");
        plainLength.CopyTo(wirePacket);
        return PacketFraming.PayloadRange(wirePacket[..total]);
    }

    public void Dispose() => _core.Dispose();
}
