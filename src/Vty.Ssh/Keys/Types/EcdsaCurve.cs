using System.Security.Cryptography;

namespace Vty.Ssh.Keys.Types;

/// <summary>The three NIST curves of ecdsa-sha2-* keys (RFC 5656) with their SSH names and hashes.</summary>
internal sealed record EcdsaCurve(string KeyType, string Identifier, ECCurve Curve, int CoordinateLength, HashAlgorithmName Hash, int Bits)
{
    public static readonly EcdsaCurve P256 = new("ecdsa-sha2-nistp256", "nistp256", ECCurve.NamedCurves.nistP256, 32, HashAlgorithmName.SHA256, 256);
    public static readonly EcdsaCurve P384 = new("ecdsa-sha2-nistp384", "nistp384", ECCurve.NamedCurves.nistP384, 48, HashAlgorithmName.SHA384, 384);
    public static readonly EcdsaCurve P521 = new("ecdsa-sha2-nistp521", "nistp521", ECCurve.NamedCurves.nistP521, 66, HashAlgorithmName.SHA512, 521);

    public static EcdsaCurve FromKeyType(string keyType) => keyType switch
    {
        "ecdsa-sha2-nistp256" => P256,
        "ecdsa-sha2-nistp384" => P384,
        "ecdsa-sha2-nistp521" => P521,
        _ => throw new SshKeyException($"unsupported ECDSA key type '{keyType}'"),
    };

    /// <summary>Matches a curve from its OID (keys imported from PEM or PKCS#8).</summary>
    public static EcdsaCurve FromOid(Oid oid) => oid.Value switch
    {
        "1.2.840.10045.3.1.7" => P256,
        "1.3.132.0.34" => P384,
        "1.3.132.0.35" => P521,
        _ => oid.FriendlyName switch
        {
            "nistP256" or "ECDSA_P256" => P256,
            "nistP384" or "ECDSA_P384" => P384,
            "nistP521" or "ECDSA_P521" => P521,
            _ => throw new SshKeyException($"unsupported elliptic curve {oid.Value ?? oid.FriendlyName}: SSH supports nistp256, nistp384 and nistp521"),
        },
    };

    /// <summary>The uncompressed point 0x04||X||Y.</summary>
    public byte[] EncodePoint(ECPoint q)
    {
        byte[] point = new byte[1 + 2 * CoordinateLength];
        point[0] = 0x04;
        KeyBytes.PadLeft(q.X, CoordinateLength).CopyTo(point, 1);
        KeyBytes.PadLeft(q.Y, CoordinateLength).CopyTo(point, 1 + CoordinateLength);
        return point;
    }

    public ECPoint DecodePoint(ReadOnlySpan<byte> point)
    {
        if (point.Length != 1 + 2 * CoordinateLength || point[0] != 0x04)
            throw new SshKeyException($"{KeyType} key point is not an uncompressed {Identifier} point");
        return new ECPoint
        {
            X = point.Slice(1, CoordinateLength).ToArray(),
            Y = point.Slice(1 + CoordinateLength, CoordinateLength).ToArray(),
        };
    }
}
