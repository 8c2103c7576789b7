using System.Buffers.Binary;

namespace Vty.Ssh.Algorithms.Packets;

/// <summary>
/// The AES-GCM nonce of RFC 5647 §7.1: a 4-byte fixed field and an 8-byte invocation counter,
/// both taken from the derived IV; the counter goes up by one after every packet.
/// </summary>
internal sealed class GcmNonce
{
    private readonly byte[] _nonce = new byte[12];

    public GcmNonce(ReadOnlySpan<byte> iv)
    {
        if (iv.Length < 12) throw new ArgumentException("AES-GCM needs a 12-byte IV", nameof(iv));
        iv[..12].CopyTo(_nonce);
    }

    public ReadOnlySpan<byte> Current => _nonce;

    public void Increment()
    {
        Span<byte> counter = _nonce.AsSpan(4, 8);
        BinaryPrimitives.WriteUInt64BigEndian(counter, BinaryPrimitives.ReadUInt64BigEndian(counter) + 1);
    }
}
