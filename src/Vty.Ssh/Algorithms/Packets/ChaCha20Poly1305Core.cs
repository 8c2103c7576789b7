using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
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
/// <remarks>
/// While the counter stays below 2^32, this ChaCha20 equals the IETF variant with nonce
/// 0^32 || sequence number, and the IETF AEAD encrypts from block 1 too: so the payload key stream
/// comes from .NET's ChaCha20Poly1305 (OpenSSL, vectorised), whose own tag is discarded. The
/// length, the Poly1305 key and the tag use BouncyCastle. Without BCL support the payload also
/// goes through BouncyCastle. Where OpenSSL's libcrypto is loaded (<see cref="Native.LibCrypto"/>)
/// the whole construction runs there instead (<see cref="Native.NativeChaChaPoly"/>): no discarded
/// tag, no copy, vectorised Poly1305.
/// </remarks>
internal sealed class ChaCha20Poly1305Core : IDisposable
{
    public const int KeyLength = 64;
    public const int TagLength = 16;

    private readonly Native.NativeChaChaPoly? _native;
    private readonly ReusableChaChaEngine _main = null!;
    private readonly ReusableChaChaEngine _length = null!;
    private readonly ChaCha20Poly1305? _bulk;
    private readonly Poly1305 _poly = new();
    private readonly byte[] _nonce = new byte[8];
    private readonly byte[] _ietfNonce = new byte[12];
    private readonly byte[] _zeros = new byte[64];
    private readonly byte[] _block0 = new byte[64];
    private readonly byte[] _lengthBuffer = new byte[4];
    private readonly byte[] _tag = new byte[TagLength];
    private readonly byte[] _discardedTag = new byte[TagLength];
    private byte[] _scratch = [];

    public ChaCha20Poly1305Core(ReadOnlySpan<byte> key, bool useBclKeyStream = true, bool? useLibCrypto = null)
    {
        if (key.Length < KeyLength) throw new ArgumentException("chacha20-poly1305 needs a 64-byte key", nameof(key));
        if (useLibCrypto ?? Native.LibCrypto.IsAvailable)
        {
            _native = new Native.NativeChaChaPoly(key);
            return;
        }
        byte[] mainKey = key[..32].ToArray();
        _main = new ReusableChaChaEngine(mainKey);
        _length = new ReusableChaChaEngine(key[32..64].ToArray());
        if (useBclKeyStream && ChaCha20Poly1305.IsSupported)
            _bulk = new ChaCha20Poly1305(mainKey);
        CryptographicOperations.ZeroMemory(mainKey);
    }

    /// <summary>Encrypts or decrypts the 4-byte length field with K_1 (the operation is its own inverse).</summary>
    public void CryptLength(uint sequenceNumber, ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (_native is not null)
        {
            _native.CryptLength(sequenceNumber, input, output);
            return;
        }
        SetNonce(sequenceNumber);
        _length.Restart(_nonce);
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
        if (_native is not null)
        {
            _native.Seal(sequenceNumber, packet, tag);
            return;
        }
        StartPayload(sequenceNumber);
        byte[] scratch = Scratch(packet.Length);
        if (_bulk is not null)
        {
            Span<byte> body = packet[4..];
            _bulk.Encrypt(_ietfNonce, body, body, _discardedTag);
            packet.CopyTo(scratch);
        }
        else
        {
            packet.CopyTo(scratch);
            _main.ProcessBytes(scratch, 4, packet.Length - 4, scratch, 4);
            scratch.AsSpan(4, packet.Length - 4).CopyTo(packet[4..]);
        }
        ComputeTag(_block0, scratch, packet.Length, _tag);
        CryptographicOperations.ZeroMemory(_block0);
        _tag.CopyTo(tag);
    }

    /// <summary>
    /// <paramref name="packet"/> is the encrypted length and body as received: checks the tag in
    /// constant time and, only when it matches, decrypts the body in place.
    /// </summary>
    public bool Open(uint sequenceNumber, Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        if (_native is not null)
            return _native.Open(sequenceNumber, packet, tag);
        StartPayload(sequenceNumber);
        byte[] scratch = Scratch(packet.Length);
        packet.CopyTo(scratch);
        ComputeTag(_block0, scratch, packet.Length, _tag);
        CryptographicOperations.ZeroMemory(_block0);
        if (!CryptographicOperations.FixedTimeEquals(_tag, tag[..TagLength]))
            return false;
        if (_bulk is not null)
        {
            Span<byte> body = packet[4..];
            _bulk.Encrypt(_ietfNonce, body, body, _discardedTag);   // XOR with the key stream decrypts
        }
        else
        {
            _main.ProcessBytes(scratch, 4, packet.Length - 4, scratch, 4);
            scratch.AsSpan(4, packet.Length - 4).CopyTo(packet[4..]);
        }
        return true;
    }

    /// <summary>The Poly1305 key for a packet (exposed for the RFC 8439 §A.4 test vectors).</summary>
    internal void ComputePolyKey(uint sequenceNumber, Span<byte> destination)
    {
        if (_native is not null)
        {
            _native.ComputePolyKey(sequenceNumber, destination);
            return;
        }
        SetNonce(sequenceNumber);
        _main.Restart(_nonce);
        _main.ProcessBytes(_zeros, 0, 64, _block0, 0);
        _block0.AsSpan(0, 32).CopyTo(destination);
        CryptographicOperations.ZeroMemory(_block0);
    }

    /// <summary>Poly1305 with a one-time key (the first 32 bytes of <paramref name="key"/>) over data[..length].</summary>
    internal void ComputeTag(byte[] key, byte[] data, int length, byte[] tag)
    {
        _poly.Init(new KeyParameter(key, 0, 32));
        _poly.BlockUpdate(data, 0, length);
        _poly.DoFinal(tag, 0);
    }

    // Puts K_2's block 0 (the Poly1305 key) in _block0 and leaves the BouncyCastle payload
    // engine at block 1, ready for the payload.
    private void StartPayload(uint sequenceNumber)
    {
        SetNonce(sequenceNumber);
        _main.Restart(_nonce);
        _main.ProcessBytes(_zeros, 0, 64, _block0, 0);
    }

    private void SetNonce(uint sequenceNumber)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_nonce, sequenceNumber);
        BinaryPrimitives.WriteUInt64BigEndian(_ietfNonce.AsSpan(4), sequenceNumber);
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
        if (_native is not null)
        {
            _native.Dispose();
            return;
        }
        ReturnScratch();
        _poly.Reset();
        _bulk?.Dispose();
        _main.Reset();
        _length.Reset();
    }
}
