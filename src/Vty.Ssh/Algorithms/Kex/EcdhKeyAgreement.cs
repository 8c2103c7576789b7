using System.Security.Cryptography;

namespace Vty.Ssh.Algorithms.Kex;

/// <summary>
/// ECDH over a NIST curve (RFC 5656): public values are uncompressed points 0x04||X||Y; the
/// shared secret is the X coordinate of the product. The peer point is checked by the import
/// (on the curve, right length).
/// </summary>
internal sealed class EcdhKeyAgreement : IKeyAgreement
{
    private readonly ECCurve _curve;
    private readonly int _coordinateLength;
    private readonly ECDiffieHellman _ecdh;
    private readonly byte[] _publicValue;

    public EcdhKeyAgreement(ECCurve curve, int coordinateLength)
    {
        _curve = curve;
        _coordinateLength = coordinateLength;
        _ecdh = ECDiffieHellman.Create(curve);
        ECPoint q = _ecdh.ExportParameters(false).Q;
        _publicValue = new byte[1 + 2 * coordinateLength];
        _publicValue[0] = 0x04;
        q.X!.CopyTo(_publicValue, 1 + coordinateLength - q.X.Length);
        q.Y!.CopyTo(_publicValue, 1 + 2 * coordinateLength - q.Y.Length);
    }

    public ReadOnlySpan<byte> PublicValue => _publicValue;

    public byte[] ComputeSharedSecret(ReadOnlySpan<byte> peerPublicValue)
    {
        if (peerPublicValue.Length != 1 + 2 * _coordinateLength || peerPublicValue[0] != 0x04)
            throw new SshException($"the peer's ECDH public value is not an uncompressed {_curve.Oid.FriendlyName} point ({peerPublicValue.Length} bytes); refusing the key exchange");
        var parameters = new ECParameters
        {
            Curve = _curve,
            Q = new ECPoint
            {
                X = peerPublicValue.Slice(1, _coordinateLength).ToArray(),
                Y = peerPublicValue.Slice(1 + _coordinateLength, _coordinateLength).ToArray(),
            },
        };
        try
        {
            using ECDiffieHellman peer = ECDiffieHellman.Create(parameters);
            return _ecdh.DeriveRawSecretAgreement(peer.PublicKey);
        }
        catch (CryptographicException e)
        {
            throw new SshException("the peer's ECDH public value is not a valid point on the curve; refusing the key exchange", e);
        }
    }

    public void Dispose() => _ecdh.Dispose();
}
