using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Vty.Ssh.Keys.Crypto;

/// <summary>
/// bcrypt_pbkdf as OpenBSD and OpenSSH define it for openssh-key-v1 files: a PBKDF2-like loop
/// whose PRF is a bcrypt hash of SHA-512(passphrase) and SHA-512(salt || counter), with the
/// output bytes spread across the key ("amt/stride") rather than concatenated.
/// </summary>
internal static class BcryptPbkdf
{
    private const int HashSize = 32;
    private static readonly byte[] Magic = "OxychromaticBlowfishSwatDynamite"u8.ToArray();

    public static byte[] DeriveKey(ReadOnlySpan<byte> passphrase, ReadOnlySpan<byte> salt, int rounds, int keyLength)
    {
        if (rounds < 1) throw new SshKeyException("openssh-key-v1: bcrypt rounds must be at least 1");
        if (keyLength < 1 || keyLength > HashSize * HashSize)
            throw new SshKeyException($"openssh-key-v1: cannot derive a {keyLength}-byte key with bcrypt_pbkdf");
        byte[] key = new byte[keyLength];
        int stride = (keyLength + HashSize - 1) / HashSize;
        int amount = (keyLength + stride - 1) / stride;
        Span<byte> sha2Pass = stackalloc byte[64];
        Span<byte> sha2Salt = stackalloc byte[64];
        Span<byte> output = stackalloc byte[HashSize];
        Span<byte> temp = stackalloc byte[HashSize];
        SHA512.HashData(passphrase, sha2Pass);
        byte[] countSalt = new byte[salt.Length + 4];
        salt.CopyTo(countSalt);

        int remaining = keyLength;
        for (uint count = 1; remaining > 0; count++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(countSalt.AsSpan(salt.Length), count);
            SHA512.HashData(countSalt, sha2Salt);
            Hash(sha2Pass, sha2Salt, temp);
            temp.CopyTo(output);
            for (int round = 1; round < rounds; round++)
            {
                SHA512.HashData(temp, sha2Salt);
                Hash(sha2Pass, sha2Salt, temp);
                for (int b = 0; b < HashSize; b++) output[b] ^= temp[b];
            }
            int take = Math.Min(amount, remaining);
            int i = 0;
            for (; i < take; i++)
            {
                int destination = i * stride + (int)(count - 1);
                if (destination >= keyLength) break;
                key[destination] = output[i];
            }
            remaining -= i;
        }
        CryptographicOperations.ZeroMemory(sha2Pass);
        CryptographicOperations.ZeroMemory(output);
        CryptographicOperations.ZeroMemory(temp);
        return key;
    }

    /// <summary>bcrypt_hash: the eksblowfish setup with 64 rounds, then 64 encryptions of the magic string.</summary>
    internal static void Hash(ReadOnlySpan<byte> sha2Pass, ReadOnlySpan<byte> sha2Salt, Span<byte> output)
    {
        var state = new BlowfishState();
        state.Expand(sha2Salt, sha2Pass);
        for (int i = 0; i < 64; i++)
        {
            state.Expand0(sha2Salt);
            state.Expand0(sha2Pass);
        }
        Span<uint> words = stackalloc uint[HashSize / 4];
        for (int i = 0; i < words.Length; i++)
            words[i] = BinaryPrimitives.ReadUInt32BigEndian(Magic.AsSpan(i * 4));
        for (int i = 0; i < 64; i++)
        {
            for (int w = 0; w < words.Length; w += 2)
                state.Encrypt(ref words[w], ref words[w + 1]);
        }
        for (int i = 0; i < words.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(output.Slice(i * 4, 4), words[i]);
        state.Clear();
    }
}
