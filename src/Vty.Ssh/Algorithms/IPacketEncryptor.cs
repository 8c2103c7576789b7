namespace Vty.Ssh.Algorithms;

/// <summary>
/// Turns payloads into wire packets for one direction of the binary packet protocol
/// (RFC 4253 §6): length, padding (random, at least 4 bytes, to the cipher's block size),
/// encryption and MAC or AEAD tag. One instance per direction per key exchange.
/// </summary>
public interface IPacketEncryptor : IDisposable
{
    /// <summary>Upper bound of the wire size of a packet carrying a payload of this length.</summary>
    int GetMaxWireLength(int payloadLength);

    /// <summary>
    /// Writes the complete wire form of one packet into <paramref name="destination"/> and returns
    /// the number of bytes written. <paramref name="sequenceNumber"/> is the packet's sequence number.
    /// </summary>
    int Encrypt(uint sequenceNumber, ReadOnlySpan<byte> payload, Span<byte> destination);
}
