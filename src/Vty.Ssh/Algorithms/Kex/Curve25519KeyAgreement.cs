using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Vty.Ssh.Algorithms.Native;

namespace Vty.Ssh.Algorithms.Kex;

/// <summary>
/// X25519 (RFC 7748) for curve25519-sha256 (RFC 8731): 32-byte public values; an all-zero shared
/// secret (a low-order peer point) is refused. Runs in OpenSSL's libcrypto where it is loaded,
/// in BouncyCastle otherwise.
/// </summary>
internal sealed class Curve25519KeyAgreement : IKeyAgreement
{
    private readonly byte[] _privateKey;
    private readonly byte[] _publicValue;
    private readonly EvpKey? _native;

    public Curve25519KeyAgreement() : this(RandomNumberGenerator.GetBytes(32), null) { }

    /// <summary>With a given private scalar (test vectors); <paramref name="useLibCrypto"/> null picks what is available.</summary>
    internal Curve25519KeyAgreement(byte[] privateKey, bool? useLibCrypto = null)
    {
        _privateKey = (byte[])privateKey.Clone();
        if (useLibCrypto ?? LibCrypto.IsAvailable)
        {
            _native = EvpKey.FromPrivate(LibCrypto.NidX25519, _privateKey);
            _publicValue = _native.PublicKey();
        }
        else
        {
            _publicValue = new X25519PrivateKeyParameters(_privateKey, 0).GeneratePublicKey().GetEncoded();
        }
    }

    public ReadOnlySpan<byte> PublicValue => _publicValue;

    public byte[] ComputeSharedSecret(ReadOnlySpan<byte> peerPublicValue)
    {
        if (peerPublicValue.Length != X25519PublicKeyParameters.KeySize)
            throw new SshException($"the peer's X25519 public value has {peerPublicValue.Length} bytes instead of 32; refusing the key exchange");
        byte[] secret = new byte[X25519PrivateKeyParameters.SecretSize];
        bool ok;
        if (_native is not null)
        {
            ok = NativeCurve25519.X25519(_native, peerPublicValue, secret);
        }
        else
        {
            try
            {
                new X25519PrivateKeyParameters(_privateKey, 0).GenerateSecret(new X25519PublicKeyParameters(peerPublicValue.ToArray(), 0), secret, 0);
                ok = true;
            }
            catch (InvalidOperationException)
            {
                // BouncyCastle refuses an all-zero result itself.
                ok = false;
            }
        }
        int bits = 0;
        foreach (byte b in secret) bits |= b;
        if (!ok || bits == 0)
            throw new SshException("the X25519 shared secret is all zeros (the peer sent a low-order point); refusing the key exchange");
        return secret;
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_privateKey);
        _native?.Dispose();
    }
}
