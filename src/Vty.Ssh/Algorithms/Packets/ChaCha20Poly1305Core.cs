using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Vty.Ssh.Algorithms.Packets;

/// <summary>
/// The chacha20-poly1305@openssh.com construction (OpenSSH PROTOCOL.chacha20poly1305): a 64-byte
/// key split into K_2 (first half, payload) and K_1 (second half, length); original 64-bit-nonce
/// ChaCha20 with the sequence number as nonce; the length is encrypted with K_1 at counter 0;
/// the Poly1305 key is the first 32 bytes of K_2's block 0; the payload uses K_2 from block 1;
/// the tag is Poly1305 over the encrypted length and ciphertext.
/// </summary>
internal sealed class ChaCha20Poly1305Core : IDisposable
{
    public const int KeyLength = 64;
    public const int TagLength = 16;

    private readonly KeyParameter _mainKey;
    private readonly KeyParameter _lengthKey;
    private readonly ChaChaEngine _main = new(20);
    private readonly ChaChaEngine _length = new(20);
    private readonly Poly1305 _poly = new();
    private readonly byte[] _nonce = new byte[8];
    private readonly byte[] _zeros = new byte[64];
    private readonly byte[] _block0 = new byte[64];
    private readonly byte[] _lengthBuffer = new byte[4];
    private readonly byte[] _tag = new byte[TagLength];
    private byte[] _scratch = [];

    public ChaCha20Poly1305Core(ReadOnlySpan<byte> key)
    {
        if (key.Length < KeyLength) throw new ArgumentException("chacha20-poly1305 needs a 64-byte key", nameof(key));
        _mainKey = new KeyParameter(key[..32].ToArray());
        _lengthKey = new KeyParameter(key[32..64].ToArray());
    }

    /// <summary>Encrypts or decrypts the 4-byte length field with K_1 (the operation is its own inverse).</summary>
    public void CryptLength(uint sequenceNumber, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Start(_length, _lengthKey, sequenceNumber);
        input[..4].CopyTo(_lengthBuffer);
        _length.ProcessBytes(_lengthBuffer, 0, 4, _lengthBuffer, 0);
        _lengthBuffer.CopyTo(output);
    }

    /// <summary>
    /// <paramref name="packet"/> is the encrypted length followed by the plaintext body: encrypts
    /// the body in place and writes the tag.
    /// </summary>
    public void Seal(uint sequenceNumber, Span<byte> packet, Span<byte> tag)
    {
        byte[] scratch = Scratch(packet.Length);
        packet.CopyTo(scratch);
        StartPayload(sequenceNumber);
        _main.ProcessBytes(scratch, 4, packet.Length - 4, scratch, 4);
        _poly.BlockUpdate(scratch, 0, packet.Length);
        _poly.DoFinal(_tag, 0);
        scratch.AsSpan(4, packet.Length - 4).CopyTo(packet[4..]);
        _tag.CopyTo(tag);
    }

    /// <summary>
    /// <paramref name="packet"/> is the encrypted length and body as received: checks the tag in
    /// constant time and, only when it matches, decrypts the body in place.
    /// </summary>
    public bool Open(uint sequenceNumber, Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        byte[] scratch = Scratch(packet.Length);
        packet.CopyTo(scratch);
        StartPayload(sequenceNumber);
        _poly.BlockUpdate(scratch, 0, packet.Length);
        _poly.DoFinal(_tag, 0);
        if (!CryptographicOperations.FixedTimeEquals(_tag, tag[..TagLength]))
            return false;
        _main.ProcessBytes(scratch, 4, packet.Length - 4, scratch, 4);
        scratch.AsSpan(4, packet.Length - 4).CopyTo(packet[4..]);
        return true;
    }

    /// <summary>The Poly1305 key for a packet (exposed for the RFC 8439 §A.4 test vectors).</summary>
    internal void ComputePolyKey(uint sequenceNumber, Span<byte> destination)
    {
        Start(_main, _mainKey, sequenceNumber);
        _main.ProcessBytes(_zeros, 0, 64, _block0, 0);
        _block0.AsSpan(0, 32).CopyTo(destination);
        CryptographicOperations.ZeroMemory(_block0);
    }

    private void StartPayload(uint sequenceNumber)
    {
        Start(_main, _mainKey, sequenceNumber);
        _main.ProcessBytes(_zeros, 0, 64, _block0, 0);   // block 0: Poly1305 key, rest discarded
        _poly.Init(new KeyParameter(_block0, 0, 32));
        CryptographicOperations.ZeroMemory(_block0);
    }

    private void Start(ChaChaEngine engine, KeyParameter key, uint sequenceNumber)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_nonce, sequenceNumber);
        engine.Init(true, new ParametersWithIV(key, _nonce));
    }

    private byte[] Scratch(int length)
    {
        if (_scratch.Length >= length) return _scratch;
        ReturnScratch();
        _scratch = ArrayPool<byte>.Shared.Rent(length);
        return _scratch;
    }

    private void ReturnScratch()
    {
        if (_scratch.Length > 0) ArrayPool<byte>.Shared.Return(_scratch, clearArray: true);
        _scratch = [];
    }

    public void Dispose()
    {
        ReturnScratch();
        _poly.Reset();
    }
}
