using Vty.Ssh.Wire;

namespace Vty.Ssh.Keys.Types;

/// <summary>A parsed public key of one type: verifies signatures made with the matching private key.</summary>
internal abstract class PublicKeyAlgorithm
{
    /// <summary>Signature algorithms this key can verify, most preferred first.</summary>
    public abstract IReadOnlyList<string> SignatureAlgorithms { get; }

    /// <summary>Size of the key in bits, as ssh-keygen -l reports it.</summary>
    public abstract int Bits { get; }

    /// <summary>Verifies the raw signature (the inner string of the signature blob) over data.</summary>
    public abstract bool Verify(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    /// <summary>Parses the type-specific fields of a public key blob; null for an unsupported type.</summary>
    public static PublicKeyAlgorithm? Parse(string keyType, ref SshReader reader) => keyType switch
    {
        "ssh-ed25519" => Ed25519PublicKey.Read(ref reader),
        "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521" => EcdsaPublicKey.Read(keyType, ref reader),
        "ssh-rsa" => RsaPublicKey.Read(ref reader),
        "ssh-dss" => DsaPublicKey.Read(ref reader),
        _ => null,
    };
}
