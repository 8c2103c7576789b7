using System.Security.Cryptography;
using Vty.Ssh.Algorithms.Kem;

namespace Vty.Ssh.Algorithms.Kex;

/// <summary>
/// The server (responder) side of a hybrid post-quantum key exchange. Unlike Diffie-Hellman, the
/// reply depends on the client's value (it is a ciphertext encapsulated to the client's KEM key),
/// so <see cref="PublicValue"/> is only available after <see cref="ComputeSharedSecret"/>.
/// </summary>
internal sealed class HybridKemResponder : IKeyAgreement
{
    private readonly IKem _kem;
    private readonly HashAlgorithmName _hash;
    private readonly Curve25519KeyAgreement _x25519 = new();
    private byte[]? _reply;

    public HybridKemResponder(IKem kem, HashAlgorithmName hash)
    {
        _kem = kem;
        _hash = hash;
    }

    public ReadOnlySpan<byte> PublicValue =>
        _reply ?? throw new InvalidOperationException("the hybrid key exchange reply exists only after the client's value was processed");

    public byte[] ComputeSharedSecret(ReadOnlySpan<byte> peerPublicValue)
    {
        int expected = _kem.PublicKeyLength + HybridSecret.X25519Length;
        if (peerPublicValue.Length != expected)
            throw new SshException($"the client's {_kem.Name}+X25519 value has {peerPublicValue.Length} bytes instead of {expected}; refusing the key exchange");
        KemEncapsulation encapsulation = _kem.Encapsulate(peerPublicValue[.._kem.PublicKeyLength]);
        byte[] classicSecret = _x25519.ComputeSharedSecret(peerPublicValue[_kem.PublicKeyLength..]);
        _reply = [.. encapsulation.Ciphertext, .. _x25519.PublicValue];
        return HybridSecret.Combine(_hash, encapsulation.Secret, classicSecret);
    }

    public void Dispose() => _x25519.Dispose();
}
