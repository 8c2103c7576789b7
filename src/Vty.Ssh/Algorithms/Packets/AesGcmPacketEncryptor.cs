using System.Security.Cryptography;

namespace Vty.Ssh.Algorithms.Packets;

/// <summary>
/// aes128-gcm@openssh.com / aes256-gcm@openssh.com sending side: the packet length goes in clear
/// and is the additional authenticated data, the rest is encrypted, then a 16-byte tag.
/// </summary>
internal sealed class AesGcmPacketEncryptor(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) : IPacketEncryptor
{
    private const int TagLength = 16;
    private readonly AesGcm _gcm = new(key, TagLength);
    private readonly GcmNonce _nonce = new(iv);

    public int GetMaxWireLength(int payloadLength) => PacketFraming.MaxPacketLength(payloadLength, 16) + TagLength;

    public int Encrypt(uint sequenceNumber, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        int length = PacketFraming.Write(payload, destination, 16, lengthFieldExcluded: true);
        if (destination.Length < length + TagLength)
            throw new ArgumentException("destination too small for the GCM tag", nameof(destination));
        Span<byte> body = destination[4..length];
        _gcm.Encrypt(_nonce.Current, body, body, destination.Slice(length, TagLength), destination[..4]);
        _nonce.Increment();
        return length + TagLength;
    }

    public void Dispose() => _gcm.Dispose();
}
