namespace Vty.Ssh.Algorithms;

/// <summary>
/// Reads wire packets for one direction of the binary packet protocol (RFC 4253 §6).
/// The transport reads <see cref="FirstBlockLength"/> bytes, asks for the packet length, checks
/// it against its maximum, reads <see cref="GetRemainingLength"/> more bytes and calls
/// <see cref="Decrypt"/> on the whole wire packet.
/// </summary>
public interface IPacketDecryptor : IDisposable
{
    /// <summary>Bytes needed before the packet length can be known (a cipher block, or 4).</summary>
    int FirstBlockLength { get; }

    /// <summary>
    /// Returns the packet_length field from the first <see cref="FirstBlockLength"/> bytes.
    /// May decrypt them in place; the same buffer must then be passed to <see cref="Decrypt"/>.
    /// </summary>
    uint DecryptLength(uint sequenceNumber, Span<byte> firstBlock);

    /// <summary>Bytes still to read after the first block (rest of the packet plus MAC or tag).</summary>
    int GetRemainingLength(uint packetLength);

    /// <summary>
    /// Authenticates and decrypts the whole wire packet in place and returns where the payload
    /// lies inside <paramref name="wirePacket"/>. Throws <see cref="SshMacException"/> when the
    /// MAC or tag does not verify (checked in constant time) and <see cref="SshException"/> when
    /// the padding is malformed.
    /// </summary>
    Range Decrypt(uint sequenceNumber, Span<byte> wirePacket);
}
