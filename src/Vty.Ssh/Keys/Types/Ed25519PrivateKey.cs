using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;
using Org.BouncyCastle.Security;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Keys.Types;

/// <summary>ssh-ed25519 private key: a 32-byte seed (openssh-key-v1 stores seed || public key).</summary>
internal sealed class Ed25519PrivateKey : PrivateKeyAlgorithm
{
    private readonly byte[] _seed;
    private readonly byte[] _publicKey;
    private readonly Algorithms.Native.EvpKey? _native;

    public Ed25519PrivateKey(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != Ed25519.SecretKeySize)
            throw new SshKeyException($"ssh-ed25519 private key seed has {seed.Length} bytes instead of 32");
        _seed = seed.ToArray();
        if (Algorithms.Native.LibCrypto.IsAvailable)
        {
            // Imported once: each import recomputes the public point, as costly as a signature.
            _native = Algorithms.Native.EvpKey.FromPrivate(Algorithms.Native.LibCrypto.NidEd25519, _seed);
            _publicKey = _native.PublicKey();
        }
        else
        {
            _publicKey = new Ed25519PrivateKeyParameters(_seed, 0).GeneratePublicKey().GetEncoded();
        }
    }

    public static Ed25519PrivateKey Generate()
    {
        var parameters = new Ed25519PrivateKeyParameters(new SecureRandom());
        return new Ed25519PrivateKey(parameters.GetEncoded());
    }

    /// <summary>Reads "string public key, string seed||public key" from an openssh-key-v1 private section.</summary>
    public static Ed25519PrivateKey ReadOpenSsh(ref SshReader reader)
    {
        ReadOnlySpan<byte> publicKey = reader.ReadStringBytes();
        ReadOnlySpan<byte> secret = reader.ReadStringBytes();
        if (secret.Length != 64 || publicKey.Length != 32)
            throw new SshKeyException("openssh-key-v1: malformed ssh-ed25519 private key");
        var key = new Ed25519PrivateKey(secret[..32]);
        if (!key._publicKey.AsSpan().SequenceEqual(publicKey) || !secret[32..].SequenceEqual(publicKey))
            throw new SshKeyException("openssh-key-v1: ssh-ed25519 private key does not match its public key");
        return key;
    }

    public override string KeyType => "ssh-ed25519";

    public override byte[] PublicBlob
    {
        get
        {
            using var writer = new SshWriter(64);
            writer.WriteString(KeyType);
            writer.WriteString(_publicKey);
            return writer.ToArray();
        }
    }

    public override byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        if (signatureAlgorithm != KeyType)
            throw new SshKeyException($"an ssh-ed25519 key cannot make '{signatureAlgorithm}' signatures");
        if (_native is not null)
            return Algorithms.Native.NativeCurve25519.Ed25519Sign(_native, data);
        byte[] message = data.ToArray();
        byte[] signature = new byte[Ed25519.SignatureSize];
        Ed25519.Sign(_seed, 0, message, 0, message.Length, signature, 0);
        return signature;
    }

    public override void WriteOpenSshPrivate(SshWriter writer)
    {
        writer.WriteString(_publicKey);
        Span<byte> secret = stackalloc byte[64];
        _seed.CopyTo(secret);
        _publicKey.CopyTo(secret[32..]);
        writer.WriteString(secret);
        CryptographicOperations.ZeroMemory(secret);
    }

    public override void Dispose() => CryptographicOperations.ZeroMemory(_seed);
}
