using System.Security.Cryptography;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Keys.Types;

/// <summary>ecdsa-sha2-nistp256/384/521 public key (RFC 5656 §3.1): curve identifier and point.</summary>
internal sealed class EcdsaPublicKey : PublicKeyAlgorithm
{
    private readonly EcdsaCurve _curve;
    private readonly ECParameters _parameters;

    private EcdsaPublicKey(EcdsaCurve curve, ECParameters parameters)
    {
        _curve = curve;
        _parameters = parameters;
        SignatureAlgorithms = [curve.KeyType];
    }

    public override IReadOnlyList<string> SignatureAlgorithms { get; }

    public override int Bits => _curve.Bits;

    public static EcdsaPublicKey Read(string keyType, ref SshReader reader)
    {
        EcdsaCurve curve = EcdsaCurve.FromKeyType(keyType);
        string identifier = reader.ReadString();
        if (identifier != curve.Identifier)
            throw new SshKeyException($"{keyType} key names curve '{identifier}' instead of '{curve.Identifier}'");
        var parameters = new ECParameters { Curve = curve.Curve, Q = curve.DecodePoint(reader.ReadStringBytes()) };
        try
        {
            using ECDsa check = ECDsa.Create(parameters);   // rejects points not on the curve
        }
        catch (CryptographicException e)
        {
            throw new SshKeyException($"{keyType} public key is not a valid point on {curve.Identifier}", e);
        }
        return new EcdsaPublicKey(curve, parameters);
    }

    public override bool Verify(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signatureAlgorithm != _curve.KeyType) return false;
        byte[]? p1363 = EcdsaSignature.ToP1363(signature, _curve.CoordinateLength);
        if (p1363 is null) return false;
        using ECDsa ecdsa = ECDsa.Create(_parameters);
        return ecdsa.VerifyData(data, p1363, _curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
