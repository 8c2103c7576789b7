using Org.BouncyCastle.Math.EC.Rfc8032;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Keys.Types;

/// <summary>ssh-ed25519 public key (RFC 8709): 32 bytes; signatures are 64 bytes, pure Ed25519.</summary>
internal sealed class Ed25519PublicKey(byte[] publicKey) : PublicKeyAlgorithm
{
    public override IReadOnlyList<string> SignatureAlgorithms { get; } = ["ssh-ed25519"];

    public override int Bits => 256;

    public static Ed25519PublicKey Read(ref SshReader reader)
    {
        ReadOnlySpan<byte> key = reader.ReadStringBytes();
        if (key.Length != Ed25519.PublicKeySize)
            throw new SshKeyException($"ssh-ed25519 public key has {key.Length} bytes instead of 32");
        return new Ed25519PublicKey(key.ToArray());
    }

    public override bool Verify(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signatureAlgorithm != "ssh-ed25519" || signature.Length != Ed25519.SignatureSize) return false;
        // BouncyCastle, not libcrypto: measured faster for verification (bench crypto-cpu: 91 vs 108 µs).
        byte[] message = data.ToArray();
        return Ed25519.Verify(signature.ToArray(), 0, publicKey, 0, message, 0, message.Length);
    }
}
