using System.Numerics;
using System.Security.Cryptography;

namespace Vty.Ssh.Algorithms.Kex;

/// <summary>
/// Finite-field Diffie-Hellman over a safe-prime group: a random private exponent x of a fixed
/// size (twice the security level wanted, as OpenSSH does, which keeps big groups fast),
/// e = g^x mod p, and K = f^x mod p after checking 1 &lt; f &lt; p-1.
/// </summary>
internal sealed class DhKeyAgreement : IKeyAgreement
{
    private readonly BigInteger _p;
    private BigInteger _x;
    private readonly byte[] _publicValue;

    public DhKeyAgreement(BigInteger p, BigInteger g, int exponentBits)
    {
        _p = p;
        int bits = (int)Math.Min(exponentBits, p.GetBitLength() - 1);
        _x = RandomExponent(bits);
        _publicValue = BigInteger.ModPow(g, _x, p).ToByteArray(isUnsigned: true, isBigEndian: true);
    }

    public ReadOnlySpan<byte> PublicValue => _publicValue;

    public byte[] ComputeSharedSecret(ReadOnlySpan<byte> peerPublicValue)
    {
        var f = new BigInteger(peerPublicValue, isUnsigned: true, isBigEndian: true);
        if (f <= BigInteger.One || f >= _p - BigInteger.One)
            throw new SshException("the peer's Diffie-Hellman public value is out of range (must satisfy 1 < f < p-1); refusing the key exchange");
        BigInteger k = BigInteger.ModPow(f, _x, _p);
        if (k <= BigInteger.One)
            throw new SshException("the Diffie-Hellman shared secret is degenerate; refusing the key exchange");
        return k.ToByteArray(isUnsigned: true, isBigEndian: true);
    }

    private static BigInteger RandomExponent(int bits)
    {
        byte[] bytes = new byte[(bits + 7) / 8];
        RandomNumberGenerator.Fill(bytes);
        int excess = bytes.Length * 8 - bits;
        bytes[0] &= (byte)(0xFF >> excess);
        bytes[0] |= (byte)(0x80 >> excess);   // full-size exponent, never tiny
        var x = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        CryptographicOperations.ZeroMemory(bytes);
        return x;
    }

    public void Dispose() => _x = BigInteger.Zero;
}
