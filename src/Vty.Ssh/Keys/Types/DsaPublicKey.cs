using System.Security.Cryptography;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Keys.Types;

/// <summary>ssh-dss public key (legacy, RFC 4253 §6.6): mpint p, q, g, y; signatures are r||s, 20 bytes each, over SHA-1.</summary>
internal sealed class DsaPublicKey(DSAParameters parameters) : PublicKeyAlgorithm
{
    public override IReadOnlyList<string> SignatureAlgorithms { get; } = ["ssh-dss"];

    public override int Bits { get; } = RsaPublicKey.ModulusBits(parameters.P!);

    public static DsaPublicKey Read(ref SshReader reader)
    {
        ReadOnlySpan<byte> p = reader.ReadMPIntMagnitude();
        ReadOnlySpan<byte> q = reader.ReadMPIntMagnitude();
        ReadOnlySpan<byte> g = reader.ReadMPIntMagnitude();
        ReadOnlySpan<byte> y = reader.ReadMPIntMagnitude();
        if (q.Length != 20 || p.Length < 64)
            throw new SshKeyException($"ssh-dss public key has a {q.Length * 8}-bit q; only 160-bit q (FIPS 186-2, as SSH uses) is supported");
        return new DsaPublicKey(new DSAParameters
        {
            P = p.ToArray(),
            Q = q.ToArray(),
            G = KeyBytes.PadLeft(g, p.Length),
            Y = KeyBytes.PadLeft(y, p.Length),
        });
    }

    public override bool Verify(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signatureAlgorithm != "ssh-dss" || signature.Length != 40) return false;
        using DSA dsa = DSA.Create(parameters);
        try
        {
            return dsa.VerifyData(data, signature, HashAlgorithmName.SHA1, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
