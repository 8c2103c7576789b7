using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Vty.Ssh.Algorithms.Native;

/// <summary>
/// chacha20-poly1305@openssh.com on libcrypto's vectorised ChaCha20 and Poly1305, as OpenSSH does
/// when built with OpenSSL: the 64-bit-counter, 64-bit-nonce ChaCha20 of the protocol maps onto
/// OpenSSL's 16-byte IV as counter (low word, little-endian), 0, then the sequence number big-endian.
/// </summary>
internal sealed unsafe class NativeChaChaPoly : IDisposable
{
    private readonly nint _main;     // K_2: Poly1305 key (block 0) and payload (from block 1)
    private readonly nint _length;   // K_1: the 4-byte length at block 0
    private readonly nint _mac;
    private readonly byte[] _iv = new byte[16];
    private readonly byte[] _polyKey = new byte[64];
    private bool _disposed;

    public NativeChaChaPoly(ReadOnlySpan<byte> key)
    {
        _main = NewCipher(key[..32]);
        _length = NewCipher(key[32..64]);
        _mac = LibCrypto.MacCtxNew(LibCrypto.Poly1305Mac);
        if (_mac == 0)
            throw LibCrypto.Failure("Poly1305 context");
    }

    /// <summary>Encrypts or decrypts the 4-byte length field with K_1.</summary>
    public void CryptLength(uint sequenceNumber, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Span<byte> length = stackalloc byte[4];
        input[..4].CopyTo(length);
        Crypt(_length, 0, sequenceNumber, length);
        length.CopyTo(output);
    }

    /// <summary>Encrypts the body after the 4-byte encrypted length in place and writes the tag over length and ciphertext.</summary>
    public void Seal(uint sequenceNumber, Span<byte> packet, Span<byte> tag)
    {
        PolyKey(sequenceNumber);
        Crypt(_main, 1, sequenceNumber, packet[4..]);
        Mac(packet, tag);
    }

    /// <summary>Checks the tag in constant time, then (only if it matches) decrypts the body in place.</summary>
    public bool Open(uint sequenceNumber, Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        PolyKey(sequenceNumber);
        Span<byte> expected = stackalloc byte[16];
        Mac(packet, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, tag[..16]))
            return false;
        Crypt(_main, 1, sequenceNumber, packet[4..]);
        return true;
    }

    /// <summary>The Poly1305 key of a packet (first 32 bytes of K_2's block 0), for tests.</summary>
    internal void ComputePolyKey(uint sequenceNumber, Span<byte> destination)
    {
        PolyKey(sequenceNumber);
        _polyKey.AsSpan(0, 32).CopyTo(destination);
        CryptographicOperations.ZeroMemory(_polyKey);
    }

    private void PolyKey(uint sequenceNumber)
    {
        _polyKey.AsSpan().Clear();
        Crypt(_main, 0, sequenceNumber, _polyKey);
    }

    private void Mac(ReadOnlySpan<byte> data, Span<byte> tag)
    {
        nuint written = 0;
        fixed (byte* k = _polyKey)
        fixed (byte* d = data)
        fixed (byte* t = tag)
        {
            if (LibCrypto.MacInit(_mac, k, 32, 0) != 1 || LibCrypto.MacUpdate(_mac, d, (nuint)data.Length) != 1 || LibCrypto.MacFinal(_mac, t, &written, 16) != 1 || written != 16)
                throw LibCrypto.Failure("Poly1305");
        }
        CryptographicOperations.ZeroMemory(_polyKey);
    }

    private void Crypt(nint cipher, uint counter, uint sequenceNumber, Span<byte> data)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_iv, counter);
        BinaryPrimitives.WriteUInt32LittleEndian(_iv.AsSpan(4), 0);
        BinaryPrimitives.WriteUInt64BigEndian(_iv.AsSpan(8), sequenceNumber);
        int written = 0;
        fixed (byte* iv = _iv)
        fixed (byte* d = data)
        {
            if (LibCrypto.EncryptInit(cipher, 0, 0, null, iv) != 1 || LibCrypto.EncryptUpdate(cipher, d, &written, d, data.Length) != 1 || written != data.Length)
                throw LibCrypto.Failure("ChaCha20");
        }
    }

    private static nint NewCipher(ReadOnlySpan<byte> key)
    {
        nint ctx = LibCrypto.CipherCtxNew();
        fixed (byte* k = key)
        {
            if (ctx == 0 || LibCrypto.EncryptInit(ctx, LibCrypto.ChaCha20Cipher(), 0, k, null) != 1)
                throw LibCrypto.Failure("ChaCha20 key setup");
        }
        return ctx;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        // Freeing the contexts wipes the keys they hold.
        LibCrypto.CipherCtxFree(_main);
        LibCrypto.CipherCtxFree(_length);
        LibCrypto.MacCtxFree(_mac);
    }
}
