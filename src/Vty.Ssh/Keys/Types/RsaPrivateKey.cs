using System.Numerics;
using System.Security.Cryptography;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Keys.Types;

/// <summary>ssh-rsa private key over .NET's RSA; signs with rsa-sha2-512, rsa-sha2-256 or ssh-rsa.</summary>
internal sealed class RsaPrivateKey(RSA rsa) : PrivateKeyAlgorithm
{
    public static RsaPrivateKey Generate(int bits)
    {
        if (bits < 2048 || bits > 16384)
            throw new SshKeyException($"RSA key size {bits} is not supported for new keys: use 2048 to 16384 bits");
        return new RsaPrivateKey(RSA.Create(bits));
    }

    /// <summary>Reads "mpint n, e, d, iqmp, p, q" from an openssh-key-v1 private section.</summary>
    public static RsaPrivateKey ReadOpenSsh(ref SshReader reader)
    {
        ReadOnlySpan<byte> n = reader.ReadMPIntMagnitude();
        ReadOnlySpan<byte> e = reader.ReadMPIntMagnitude();
        ReadOnlySpan<byte> d = reader.ReadMPIntMagnitude();
        ReadOnlySpan<byte> iqmp = reader.ReadMPIntMagnitude();
        ReadOnlySpan<byte> p = reader.ReadMPIntMagnitude();
        ReadOnlySpan<byte> q = reader.ReadMPIntMagnitude();
        return FromComponents(n, e, d, iqmp, p, q);
    }

    /// <summary>Builds the key from its numbers, deriving d mod (p-1) and d mod (q-1) that SSH files omit.</summary>
    public static RsaPrivateKey FromComponents(ReadOnlySpan<byte> n, ReadOnlySpan<byte> e, ReadOnlySpan<byte> d,
        ReadOnlySpan<byte> iqmp, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q)
    {
        int length = n.TrimStart((byte)0).Length;
        int half = (length + 1) / 2;
        BigInteger dValue = KeyBytes.FromBytes(d);
        var parameters = new RSAParameters
        {
            Modulus = KeyBytes.PadLeft(n, length),
            Exponent = e.TrimStart((byte)0).ToArray(),
            D = KeyBytes.PadLeft(d, length),
            P = KeyBytes.PadLeft(p, half),
            Q = KeyBytes.PadLeft(q, half),
            DP = KeyBytes.PadLeft(KeyBytes.ToBytes(dValue % (KeyBytes.FromBytes(p) - 1)), half),
            DQ = KeyBytes.PadLeft(KeyBytes.ToBytes(dValue % (KeyBytes.FromBytes(q) - 1)), half),
            InverseQ = KeyBytes.PadLeft(iqmp, half),
        };
        try
        {
            return new RsaPrivateKey(RSA.Create(parameters));
        }
        catch (CryptographicException ex)
        {
            throw new SshKeyException("RSA private key numbers are inconsistent", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
            CryptographicOperations.ZeroMemory(parameters.P);
            CryptographicOperations.ZeroMemory(parameters.Q);
            CryptographicOperations.ZeroMemory(parameters.DP);
            CryptographicOperations.ZeroMemory(parameters.DQ);
        }
    }

    public override string KeyType => "ssh-rsa";

    public override byte[] PublicBlob
    {
        get
        {
            RSAParameters parameters = rsa.ExportParameters(false);
            using var writer = new SshWriter(parameters.Modulus!.Length + 32);
            writer.WriteString(KeyType);
            writer.WriteMPInt(parameters.Exponent);
            writer.WriteMPInt(parameters.Modulus);
            return writer.ToArray();
        }
    }

    public override byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        if (RsaSignatureAlgorithms.HashFor(signatureAlgorithm) is not { } hash)
            throw new SshKeyException($"an ssh-rsa key cannot make '{signatureAlgorithm}' signatures; use rsa-sha2-512, rsa-sha2-256 or ssh-rsa");
        return rsa.SignData(data.ToArray(), hash, RSASignaturePadding.Pkcs1);
    }

    public override void WriteOpenSshPrivate(SshWriter writer)
    {
        RSAParameters parameters = rsa.ExportParameters(true);
        writer.WriteMPInt(parameters.Modulus);
        writer.WriteMPInt(parameters.Exponent);
        writer.WriteMPInt(parameters.D);
        writer.WriteMPInt(parameters.InverseQ);
        writer.WriteMPInt(parameters.P);
        writer.WriteMPInt(parameters.Q);
        CryptographicOperations.ZeroMemory(parameters.D);
        CryptographicOperations.ZeroMemory(parameters.P);
        CryptographicOperations.ZeroMemory(parameters.Q);
        CryptographicOperations.ZeroMemory(parameters.DP);
        CryptographicOperations.ZeroMemory(parameters.DQ);
        CryptographicOperations.ZeroMemory(parameters.InverseQ);
    }

    public override void Dispose() => rsa.Dispose();
}
