using System.Security.Cryptography;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Keys.Types;

/// <summary>ssh-rsa public key (RFC 4253 §6.6): mpint e, mpint n; verifies rsa-sha2-512/256 and ssh-rsa signatures.</summary>
internal sealed class RsaPublicKey(RSAParameters parameters) : PublicKeyAlgorithm
{
    public override IReadOnlyList<string> SignatureAlgorithms => RsaSignatureAlgorithms.All;

    public override int Bits { get; } = ModulusBits(parameters.Modulus!);

    public static RsaPublicKey Read(ref SshReader reader)
    {
        byte[] e = reader.ReadMPIntMagnitude().ToArray();
        byte[] n = reader.ReadMPIntMagnitude().ToArray();
        if (e.Length == 0 || n.Length < 64)
            throw new SshKeyException($"ssh-rsa public key is malformed (modulus of {n.Length * 8} bits)");
        return new RsaPublicKey(new RSAParameters { Exponent = e, Modulus = n });
    }

    public override bool Verify(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (RsaSignatureAlgorithms.HashFor(signatureAlgorithm) is not { } hash) return false;
        int modulusLength = parameters.Modulus!.Length;
        if (signature.Length > modulusLength || signature.Length == 0) return false;
        // Some implementations drop leading zero bytes of the signature; OpenSSH accepts that too.
        byte[] padded = KeyBytes.PadLeft(signature, modulusLength);
        using RSA rsa = RSA.Create(parameters);
        try
        {
            return rsa.VerifyData(data, padded, hash, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    internal static int ModulusBits(byte[] modulus)
    {
        int leading = 0;
        while (leading < modulus.Length && modulus[leading] == 0) leading++;
        if (leading == modulus.Length) return 0;
        return (modulus.Length - leading) * 8 - System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[leading]) + 24;
    }
}
