using Vty.Ssh.Algorithms.Ciphers;
using Vty.Ssh.Algorithms.Macs;

namespace Vty.Ssh.Algorithms.Packets;

/// <summary>
/// Packet encryption for none, CTR and CBC ciphers with an HMAC, either MAC-then-encrypt
/// (RFC 4253: MAC over the plaintext packet) or encrypt-then-MAC (OpenSSH -etm: length in
/// clear, MAC over the length and ciphertext).
/// </summary>
internal sealed class BlockCipherPacketEncryptor(IBlockTransform cipher, SshHmac? mac, bool encryptThenMac) : IPacketEncryptor
{
    private readonly int _macLength = mac?.OutputLength ?? 0;

    public int GetMaxWireLength(int payloadLength) => PacketFraming.MaxPacketLength(payloadLength, cipher.BlockSize) + _macLength;

    public int Encrypt(uint sequenceNumber, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        int length = PacketFraming.Write(payload, destination, cipher.BlockSize, encryptThenMac);
        if (mac is null)
        {
            cipher.Transform(destination[..length]);
            return length;
        }
        if (destination.Length < length + _macLength)
            throw new ArgumentException("destination too small for the MAC", nameof(destination));
        if (encryptThenMac)
        {
            cipher.Transform(destination[4..length]);
            mac.Compute(sequenceNumber, destination[..length], destination[length..]);
        }
        else
        {
            mac.Compute(sequenceNumber, destination[..length], destination[length..]);
            cipher.Transform(destination[..length]);
        }
        return length + _macLength;
    }

    public void Dispose()
    {
        cipher.Dispose();
        mac?.Dispose();
    }
}
