using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Vty.Ssh.Algorithms.Kex;

/// <summary>
/// X25519 (RFC 7748) for curve25519-sha256 (RFC 8731): 32-byte public values; an all-zero shared
/// secret (a low-order peer point) is refused.
/// </summary>
internal sealed class Curve25519KeyAgreement : IKeyAgreement
{
    private readonly X25519PrivateKeyParameters _privateKey;
    private readonly byte[] _publicValue;

    public Curve25519KeyAgreement() : this(new X25519PrivateKeyParameters(new SecureRandom())) { }

    /// <summary>With a given private scalar (test vectors).</summary>
    internal Curve25519KeyAgreement(byte[] privateKey) : this(new X25519PrivateKeyParameters(privateKey, 0)) { }

    private Curve25519KeyAgreement(X25519PrivateKeyParameters privateKey)
    {
        _privateKey = privateKey;
        _publicValue = privateKey.GeneratePublicKey().GetEncoded();
    }

    public ReadOnlySpan<byte> PublicValue => _publicValue;

    public byte[] ComputeSharedSecret(ReadOnlySpan<byte> peerPublicValue)
    {
        if (peerPublicValue.Length != X25519PublicKeyParameters.KeySize)
            throw new SshException($"the peer's X25519 public value has {peerPublicValue.Length} bytes instead of 32; refusing the key exchange");
        var peer = new X25519PublicKeyParameters(peerPublicValue.ToArray(), 0);
        byte[] secret = new byte[X25519PrivateKeyParameters.SecretSize];
        try
        {
            _privateKey.GenerateSecret(peer, secret, 0);
        }
        catch (InvalidOperationException)
        {
            // BouncyCastle refuses an all-zero result itself; report it the same way as our own check.
            throw new SshException("the X25519 shared secret is all zeros (the peer sent a low-order point); refusing the key exchange");
        }
        int bits = 0;
        foreach (byte b in secret) bits |= b;
        if (bits == 0)
            throw new SshException("the X25519 shared secret is all zeros (the peer sent a low-order point); refusing the key exchange");
        return secret;
    }

    public void Dispose() { }
}
