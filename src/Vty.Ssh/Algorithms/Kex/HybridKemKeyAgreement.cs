using System.Security.Cryptography;
using Vty.Ssh.Algorithms.Kem;

namespace Vty.Ssh.Algorithms.Kex;

/// <summary>
/// The client (initiator) side of a hybrid post-quantum key exchange (mlkem768x25519-sha256,
/// sntrup761x25519-sha512): the public value is KEM public key || X25519 public key; the server
/// answers KEM ciphertext || X25519 public key; K = HASH(KEM secret || X25519 secret).
/// </summary>
internal sealed class HybridKemKeyAgreement : IKeyAgreement
{
    private readonly IKem _kem;
    private readonly HashAlgorithmName _hash;
    private readonly IKemKeyPair _kemKeys;
    private readonly Curve25519KeyAgreement _x25519 = new();
    private readonly byte[] _publicValue;

    public HybridKemKeyAgreement(IKem kem, HashAlgorithmName hash)
    {
        _kem = kem;
        _hash = hash;
        _kemKeys = kem.GenerateKeyPair();
        _publicValue = [.. _kemKeys.PublicKey, .. _x25519.PublicValue];
    }

    public ReadOnlySpan<byte> PublicValue => _publicValue;

    public byte[] ComputeSharedSecret(ReadOnlySpan<byte> peerPublicValue)
    {
        int expected = _kem.CiphertextLength + HybridSecret.X25519Length;
        if (peerPublicValue.Length != expected)
            throw new SshException($"the server's {_kem.Name}+X25519 reply has {peerPublicValue.Length} bytes instead of {expected}; refusing the key exchange");
        byte[] kemSecret = _kemKeys.Decapsulate(peerPublicValue[.._kem.CiphertextLength]);
        byte[] classicSecret = _x25519.ComputeSharedSecret(peerPublicValue[_kem.CiphertextLength..]);
        return HybridSecret.Combine(_hash, kemSecret, classicSecret);
    }

    public void Dispose()
    {
        _kemKeys.Dispose();
        _x25519.Dispose();
    }
}
