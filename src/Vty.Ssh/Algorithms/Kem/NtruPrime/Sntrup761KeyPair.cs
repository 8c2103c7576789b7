using System.Security.Cryptography;
using static Vty.Ssh.Algorithms.Kem.NtruPrime.Sntrup761Parameters;

namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>
/// An sntrup761 key pair. The secret key lives in a pinned array (so the GC never leaves a copy
/// behind) and is zeroed by <see cref="Dispose"/>.
/// </summary>
internal sealed class Sntrup761KeyPair : IKemKeyPair
{
    private readonly byte[] _publicKey;
    private readonly byte[] _secretKey;
    private readonly SimdLevel _simd;
    private bool _disposed;

    private Sntrup761KeyPair(byte[] publicKey, byte[] secretKey, SimdLevel simd)
    {
        _publicKey = publicKey;
        _secretKey = secretKey;
        _simd = simd;
    }

    public static Sntrup761KeyPair Generate(SimdLevel simd)
    {
        byte[] publicKey = new byte[PublicKeyBytes];
        byte[] secretKey = GC.AllocateArray<byte>(SecretKeyBytes, pinned: true);
        StreamlinedNtruPrime.GenerateKey(publicKey, secretKey, simd);
        return new Sntrup761KeyPair(publicKey, secretKey, simd);
    }

    /// <summary>A key pair from a secret key in the specification's 1763-byte layout (which carries the public key).</summary>
    public static Sntrup761KeyPair Import(ReadOnlySpan<byte> secretKey, SimdLevel simd)
    {
        if (secretKey.Length != SecretKeyBytes)
            throw new SshException($"an sntrup761 secret key has {SecretKeyBytes} bytes, not {secretKey.Length}");
        byte[] copy = GC.AllocateArray<byte>(SecretKeyBytes, pinned: true);
        secretKey.CopyTo(copy);
        return new Sntrup761KeyPair(copy.AsSpan(SecretKeyPublicKeyOffset, PublicKeyBytes).ToArray(), copy, simd);
    }

    public ReadOnlySpan<byte> PublicKey => _publicKey;

    public byte[] Decapsulate(ReadOnlySpan<byte> ciphertext)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (ciphertext.Length != CiphertextBytes)
            throw new SshException($"the peer's sntrup761 ciphertext has {ciphertext.Length} bytes instead of {CiphertextBytes}; refusing the key exchange");
        byte[] secret = new byte[SecretBytes];
        StreamlinedNtruPrime.Decapsulate(ciphertext, _secretKey, secret, _simd);
        return secret;
    }

    public void Dispose()
    {
        _disposed = true;
        CryptographicOperations.ZeroMemory(_secretKey);
    }
}
