using System.Buffers.Binary;
using Vty.Ssh.Algorithms.Ciphers;
using Vty.Ssh.Algorithms.Macs;

namespace Vty.Ssh.Algorithms.Packets;

/// <summary>
/// Packet decryption for none, CTR and CBC ciphers with an HMAC. MAC-then-encrypt decrypts the
/// first block to learn the length; encrypt-then-MAC reads the clear length and checks the MAC
/// before decrypting anything.
/// </summary>
internal sealed class BlockCipherPacketDecryptor(IBlockTransform cipher, SshHmac? mac, bool encryptThenMac) : IPacketDecryptor
{
    private readonly int _macLength = mac?.OutputLength ?? 0;
    private readonly int _firstBlock = encryptThenMac ? 4 : Math.Max(cipher.BlockSize, 8);

    public int FirstBlockLength => _firstBlock;

    public uint DecryptLength(uint sequenceNumber, Span<byte> firstBlock)
    {
        if (!encryptThenMac) cipher.Transform(firstBlock[.._firstBlock]);
        uint packetLength = BinaryPrimitives.ReadUInt32BigEndian(firstBlock);
        PacketFraming.ValidateLength(packetLength, cipher.BlockSize, encryptThenMac);
        return packetLength;
    }

    public int GetRemainingLength(uint packetLength)
    {
        PacketFraming.ValidateLength(packetLength, cipher.BlockSize, encryptThenMac);
        return 4 + (int)packetLength - _firstBlock + _macLength;
    }

    public Range Decrypt(uint sequenceNumber, Span<byte> wirePacket)
    {
        uint packetLength = BinaryPrimitives.ReadUInt32BigEndian(wirePacket);
        int total = 4 + (int)packetLength;
        if (wirePacket.Length < total + _macLength)
            throw new SshException($"packet truncated: {wirePacket.Length} bytes, expected {total + _macLength}");
        Span<byte> packet = wirePacket[..total];
        ReadOnlySpan<byte> received = wirePacket.Slice(total, _macLength);
        if (encryptThenMac)
        {
            if (mac is not null && !mac.Verify(sequenceNumber, packet, received))
                throw new SshMacException($"MAC check failed on packet {sequenceNumber}: the data was corrupted or tampered with");
            cipher.Transform(packet[4..]);
        }
        else
        {
            cipher.Transform(packet[_firstBlock..]);
            if (mac is not null && !mac.Verify(sequenceNumber, packet, received))
                throw new SshMacException($"MAC check failed on packet {sequenceNumber}: the data was corrupted or tampered with");
        }
        return PacketFraming.PayloadRange(packet);
    }

    public void Dispose()
    {
        cipher.Dispose();
        mac?.Dispose();
    }
}
