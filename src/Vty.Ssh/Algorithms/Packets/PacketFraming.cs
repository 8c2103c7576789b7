using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Vty.Ssh.Algorithms.Packets;

/// <summary>
/// The plaintext layout of a binary packet (RFC 4253 §6):
/// uint32 packet_length, byte padding_length, payload, random padding.
/// </summary>
internal static class PacketFraming
{
    /// <summary>
    /// Padding for a payload: at least 4 bytes, bringing the padded length to a multiple of
    /// max(blockSize, 8). For encrypt-then-MAC and AEAD modes the clear length field is not part of
    /// the aligned region, as OpenSSH does it.
    /// </summary>
    public static int PaddingLength(int payloadLength, int blockSize, bool lengthFieldExcluded)
    {
        int align = Math.Max(blockSize, 8);
        int unpadded = 1 + payloadLength + (lengthFieldExcluded ? 0 : 4);
        int padding = align - unpadded % align;
        if (padding < 4) padding += align;
        return padding;
    }

    /// <summary>Largest plaintext packet (length field included) for a payload.</summary>
    public static int MaxPacketLength(int payloadLength, int blockSize) => 4 + 1 + payloadLength + Math.Max(blockSize, 8) + 4;

    /// <summary>Writes the plaintext packet into <paramref name="destination"/> and returns its length, length field included.</summary>
    public static int Write(ReadOnlySpan<byte> payload, Span<byte> destination, int blockSize, bool lengthFieldExcluded)
    {
        int padding = PaddingLength(payload.Length, blockSize, lengthFieldExcluded);
        int packetLength = 1 + payload.Length + padding;
        int total = 4 + packetLength;
        if (destination.Length < total)
            throw new ArgumentException($"destination holds {destination.Length} bytes, the packet needs {total}", nameof(destination));
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)packetLength);
        destination[4] = (byte)padding;
        payload.CopyTo(destination[5..]);
        RandomNumberGenerator.Fill(destination.Slice(5 + payload.Length, padding));
        return total;
    }

    /// <summary>Where the payload lies in a decrypted packet (length field included); checks the padding.</summary>
    public static Range PayloadRange(ReadOnlySpan<byte> packet)
    {
        uint packetLength = BinaryPrimitives.ReadUInt32BigEndian(packet);
        int padding = packet[4];
        if (padding < 4)
            throw new SshException($"corrupt packet: padding length {padding} is below the minimum of 4");
        long payloadLength = (long)packetLength - 1 - padding;
        if (payloadLength < 1)
            throw new SshException($"corrupt packet: padding length {padding} leaves no payload in a {packetLength}-byte packet");
        return new Range(5, 5 + (int)payloadLength);
    }

    /// <summary>
    /// Checks a received packet_length: large enough for a message and its padding, and aligned
    /// to the cipher block (the aligned region excludes the length field for EtM and AEAD modes).
    /// </summary>
    public static void ValidateLength(uint packetLength, int blockSize, bool lengthFieldExcluded)
    {
        int align = Math.Max(blockSize, 8);
        if (packetLength < 1 + 4 + 1 || packetLength > int.MaxValue / 2)
            throw new SshException($"invalid packet length {packetLength}: the peer is not speaking the SSH binary packet protocol or the stream is corrupt");
        long aligned = lengthFieldExcluded ? packetLength : packetLength + 4L;
        if (aligned % align != 0)
            throw new SshException($"invalid packet length {packetLength}: not a multiple of the {align}-byte cipher block (wrong keys or corrupt stream)");
    }
}
