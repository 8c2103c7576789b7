using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Vty.Ssh.Algorithms.Kem;

/// <summary>
/// ML-KEM-768 (FIPS 203), our own implementation: K-PKE in <see cref="MlKemPke"/>, SHA-3 from the
/// platform (<see cref="MlKemHashes"/>). .NET 10's <c>MLKem</c> needs OpenSSL 3.5, which the
/// supported Linux distributions do not all ship; BouncyCastle's managed one cost about 1 ms of CPU
/// per connection in a thousand-host run (managed SHAKE, allocation, code still in tier 0).
/// </summary>
internal sealed class MlKem768 : IKem
{
    public static MlKem768 Instance { get; } = new(MlKemHashes.Default);

    private const int EncryptionKeyLength = MlKemPke.EncryptionKeyLength;
    private const int DecapsulationKeyLength = MlKemPke.DecryptionKeyLength + EncryptionKeyLength + 64;
    private const int SharedSecretLength = 32;

    private readonly MlKemHashes _hashes;

    /// <summary>An instance on the given hash functions (tests run both).</summary>
    public MlKem768(MlKemHashes hashes) => _hashes = hashes;

    public string Name => "ML-KEM-768";
    public int PublicKeyLength => EncryptionKeyLength;
    public int CiphertextLength => MlKemPke.CiphertextLength;
    public int SecretLength => SharedSecretLength;

    public IKemKeyPair GenerateKeyPair()
    {
        Span<byte> seeds = stackalloc byte[64];
        RandomNumberGenerator.Fill(seeds);
        var decapsulationKey = new byte[DecapsulationKeyLength];
        GenerateKeyPair(seeds[..32], seeds[32..], decapsulationKey);
        CryptographicOperations.ZeroMemory(seeds);
        return new KeyPair(this, decapsulationKey);
    }

    public KemEncapsulation Encapsulate(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != PublicKeyLength)
            throw new SshException($"the peer's ML-KEM-768 public key has {publicKey.Length} bytes instead of {PublicKeyLength}; refusing the key exchange");
        if (!MlKemEncoding.AllBelowQ(publicKey[..MlKemPke.DecryptionKeyLength]))
            throw new SshException("the peer's ML-KEM-768 public key is not a valid encoding (a coefficient is not below q); refusing the key exchange");
        Span<byte> message = stackalloc byte[32];
        RandomNumberGenerator.Fill(message);
        var ciphertext = new byte[CiphertextLength];
        var secret = new byte[SharedSecretLength];
        Encapsulate(publicKey, message, ciphertext, secret);
        CryptographicOperations.ZeroMemory(message);
        return new KemEncapsulation(ciphertext, secret);
    }

    /// <summary>ML-KEM.KeyGen_internal (Algorithm 16): dk = dkPKE ‖ ek ‖ H(ek) ‖ z from seeds d and z.</summary>
    internal void GenerateKeyPair(ReadOnlySpan<byte> d, ReadOnlySpan<byte> z, Span<byte> decapsulationKey)
    {
        Span<byte> encryptionKey = decapsulationKey.Slice(MlKemPke.DecryptionKeyLength, EncryptionKeyLength);
        MlKemPke.GenerateKeys(_hashes, d, encryptionKey, decapsulationKey[..MlKemPke.DecryptionKeyLength]);
        _hashes.Sha3_256(encryptionKey, decapsulationKey.Slice(MlKemPke.DecryptionKeyLength + EncryptionKeyLength, 32));
        z[..32].CopyTo(decapsulationKey[^32..]);
    }

    /// <summary>ML-KEM.Encaps_internal (Algorithm 17) with the 32-byte message m; the key must be checked already.</summary>
    internal void Encapsulate(ReadOnlySpan<byte> encryptionKey, ReadOnlySpan<byte> message, Span<byte> ciphertext, Span<byte> secret)
    {
        Span<byte> messageAndHash = stackalloc byte[64];
        message[..32].CopyTo(messageAndHash);
        _hashes.Sha3_256(encryptionKey, messageAndHash[32..]);
        Span<byte> keyAndRandomness = stackalloc byte[64];
        _hashes.Sha3_512(messageAndHash, keyAndRandomness);
        MlKemPke.Encrypt(_hashes, encryptionKey, message, keyAndRandomness[32..], ciphertext);
        keyAndRandomness[..32].CopyTo(secret);
        CryptographicOperations.ZeroMemory(messageAndHash);
        CryptographicOperations.ZeroMemory(keyAndRandomness);
    }

    /// <summary>
    /// ML-KEM.Decaps_internal (Algorithm 18). A ciphertext that does not re-encrypt to itself yields
    /// J(z ‖ c) instead (implicit rejection), chosen without a branch on the comparison.
    /// </summary>
    internal void Decapsulate(ReadOnlySpan<byte> decapsulationKey, ReadOnlySpan<byte> ciphertext, Span<byte> secret)
    {
        ReadOnlySpan<byte> encryptionKey = decapsulationKey.Slice(MlKemPke.DecryptionKeyLength, EncryptionKeyLength);
        ReadOnlySpan<byte> keyHash = decapsulationKey.Slice(MlKemPke.DecryptionKeyLength + EncryptionKeyLength, 32);
        ReadOnlySpan<byte> z = decapsulationKey[^32..];

        Span<byte> messageAndHash = stackalloc byte[64];
        MlKemPke.Decrypt(decapsulationKey[..MlKemPke.DecryptionKeyLength], ciphertext, messageAndHash[..32]);
        keyHash.CopyTo(messageAndHash[32..]);
        Span<byte> keyAndRandomness = stackalloc byte[64];
        _hashes.Sha3_512(messageAndHash, keyAndRandomness);

        Span<byte> zAndCiphertext = stackalloc byte[32 + MlKemPke.CiphertextLength];
        z.CopyTo(zAndCiphertext);
        ciphertext[..MlKemPke.CiphertextLength].CopyTo(zAndCiphertext[32..]);
        Span<byte> rejection = stackalloc byte[32];
        _hashes.Shake256(zAndCiphertext, rejection);

        Span<byte> reencrypted = stackalloc byte[MlKemPke.CiphertextLength];
        MlKemPke.Encrypt(_hashes, encryptionKey, messageAndHash[..32], keyAndRandomness[32..], reencrypted);
        SelectInConstantTime(EqualMask(ciphertext, reencrypted), keyAndRandomness[..32], rejection, secret);

        CryptographicOperations.ZeroMemory(messageAndHash);
        CryptographicOperations.ZeroMemory(keyAndRandomness);
        CryptographicOperations.ZeroMemory(rejection);
    }

    // 0xFF when the spans are equal, 0 otherwise, looking at every byte.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int EqualMask(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int difference = 0;
        for (int i = 0; i < a.Length; i++)
            difference |= a[i] ^ b[i];
        // difference is 0..255: minus one is negative exactly when it was 0.
        return ((difference - 1) >> 8) & 0xFF;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SelectInConstantTime(int mask, ReadOnlySpan<byte> whenEqual, ReadOnlySpan<byte> otherwise, Span<byte> destination)
    {
        for (int i = 0; i < destination.Length; i++)
            destination[i] = (byte)((whenEqual[i] & mask) | (otherwise[i] & ~mask));
    }

    private sealed class KeyPair(MlKem768 kem, byte[] decapsulationKey) : IKemKeyPair
    {
        public ReadOnlySpan<byte> PublicKey => decapsulationKey.AsSpan(MlKemPke.DecryptionKeyLength, EncryptionKeyLength);

        public byte[] Decapsulate(ReadOnlySpan<byte> ciphertext)
        {
            if (ciphertext.Length != kem.CiphertextLength)
                throw new SshException($"the peer's ML-KEM-768 ciphertext has {ciphertext.Length} bytes instead of {kem.CiphertextLength}; refusing the key exchange");
            var secret = new byte[SharedSecretLength];
            kem.Decapsulate(decapsulationKey, ciphertext, secret);
            return secret;
        }

        public void Dispose() => CryptographicOperations.ZeroMemory(decapsulationKey);
    }
}
