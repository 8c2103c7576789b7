using System.Security.Cryptography;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Keys.Types;

/// <summary>ecdsa-sha2-nistp256/384/521 private key over .NET's ECDsa.</summary>
internal sealed class EcdsaPrivateKey : PrivateKeyAlgorithm
{
    private readonly EcdsaCurve _curve;
    private readonly ECDsa _ecdsa;
    private readonly byte[] _point;

    public EcdsaPrivateKey(ECDsa ecdsa)
    {
        ECParameters parameters = ecdsa.ExportParameters(false);
        if (!parameters.Curve.IsNamed)
            throw new SshKeyException("EC key uses explicit curve parameters: SSH supports only the named curves nistp256, nistp384 and nistp521");
        _curve = EcdsaCurve.FromOid(parameters.Curve.Oid);
        _ecdsa = ecdsa;
        _point = _curve.EncodePoint(parameters.Q);
    }

    public static EcdsaPrivateKey Generate(EcdsaCurve curve) => new(ECDsa.Create(curve.Curve));

    /// <summary>Reads "string curve, string Q, mpint d" from an openssh-key-v1 private section.</summary>
    public static EcdsaPrivateKey ReadOpenSsh(string keyType, ref SshReader reader)
    {
        EcdsaCurve curve = EcdsaCurve.FromKeyType(keyType);
        if (reader.ReadString() != curve.Identifier)
            throw new SshKeyException($"openssh-key-v1: {keyType} key names the wrong curve");
        ECPoint q = curve.DecodePoint(reader.ReadStringBytes());
        byte[] d = KeyBytes.PadLeft(reader.ReadMPIntMagnitude(), curve.CoordinateLength);
        try
        {
            return new EcdsaPrivateKey(ECDsa.Create(new ECParameters { Curve = curve.Curve, Q = q, D = d }));
        }
        catch (CryptographicException e)
        {
            throw new SshKeyException($"openssh-key-v1: {keyType} private key is inconsistent with its public point", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    public override string KeyType => _curve.KeyType;

    public override byte[] PublicBlob
    {
        get
        {
            using var writer = new SshWriter(_point.Length + 48);
            writer.WriteString(_curve.KeyType);
            writer.WriteString(_curve.Identifier);
            writer.WriteString(_point);
            return writer.ToArray();
        }
    }

    public override byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        if (signatureAlgorithm != _curve.KeyType)
            throw new SshKeyException($"an {_curve.KeyType} key cannot make '{signatureAlgorithm}' signatures");
        byte[] p1363 = _ecdsa.SignData(data, _curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return EcdsaSignature.ToSsh(p1363);
    }

    public override void WriteOpenSshPrivate(SshWriter writer)
    {
        ECParameters parameters = _ecdsa.ExportParameters(true);
        writer.WriteString(_curve.Identifier);
        writer.WriteString(_point);
        writer.WriteMPInt(parameters.D);
        CryptographicOperations.ZeroMemory(parameters.D);
    }

    public override void Dispose() => _ecdsa.Dispose();
}
