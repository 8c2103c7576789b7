using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Vty.Ssh.Algorithms.Packets;

/// <summary>
/// aes128-gcm@openssh.com / aes256-gcm@openssh.com receiving side: reads the clear length, then
/// authenticates and decrypts the packet in one step.
/// </summary>
internal sealed class AesGcmPacketDecryptor(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) : IPacketDecryptor
{
    private const int TagLength = 16;
    private readonly AesGcm _gcm = new(key, TagLength);
    private readonly GcmNonce _nonce = new(iv);

    public int FirstBlockLength => 4;

    public uint DecryptLength(uint sequenceNumber, Span<byte> firstBlock)
    {
        uint packetLength = BinaryPrimitives.ReadUInt32BigEndian(firstBlock);
        PacketFraming.ValidateLength(packetLength, 16, lengthFieldExcluded: true);
        return packetLength;
    }

    public int GetRemainingLength(uint packetLength)
    {
        PacketFraming.ValidateLength(packetLength, 16, lengthFieldExcluded: true);
        return (int)packetLength + TagLength;
    }

    public Range Decrypt(uint sequenceNumber, Span<byte> wirePacket)
    {
        uint packetLength = BinaryPrimitives.ReadUInt32BigEndian(wirePacket);
        int total = 4 + (int)packetLength;
        if (wirePacket.Length < total + TagLength)
            throw new SshException($"packet truncated: {wirePacket.Length} bytes, expected {total + TagLength}");
        Span<byte> body = wirePacket[4..total];
        try
        {
            _gcm.Decrypt(_nonce.Current, body, wirePacket.Slice(total, TagLength), body, wirePacket[..4]);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SshMacException($"AES-GCM tag check failed on packet {sequenceNumber}: the data was corrupted or tampered with");
        }
        _nonce.Increment();
        return PacketFraming.PayloadRange(wirePacket[..total]);
    }

    public void Dispose() => _gcm.Dispose();
}
