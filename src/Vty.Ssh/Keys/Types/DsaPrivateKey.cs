using System.Security.Cryptography;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Keys.Types;

/// <summary>ssh-dss private key (legacy; read from files, never generated).</summary>
internal sealed class DsaPrivateKey(DSA dsa) : PrivateKeyAlgorithm
{
    /// <summary>Reads "mpint p, q, g, y, x" from an openssh-key-v1 private section.</summary>
    public static DsaPrivateKey ReadOpenSsh(ref SshReader reader)
    {
        ReadOnlySpan<byte> p = reader.ReadMPIntMagnitude();
        ReadOnlySpan<byte> q = reader.ReadMPIntMagnitude();
        ReadOnlySpan<byte> g = reader.ReadMPIntMagnitude();
        ReadOnlySpan<byte> y = reader.ReadMPIntMagnitude();
        ReadOnlySpan<byte> x = reader.ReadMPIntMagnitude();
        return FromComponents(p, q, g, y, x);
    }

    public static DsaPrivateKey FromComponents(ReadOnlySpan<byte> p, ReadOnlySpan<byte> q, ReadOnlySpan<byte> g, ReadOnlySpan<byte> y, ReadOnlySpan<byte> x)
    {
        int length = p.TrimStart((byte)0).Length;
        int qLength = q.TrimStart((byte)0).Length;
        var parameters = new DSAParameters
        {
            P = KeyBytes.PadLeft(p, length),
            Q = KeyBytes.PadLeft(q, qLength),
            G = KeyBytes.PadLeft(g, length),
            Y = KeyBytes.PadLeft(y, length),
            X = KeyBytes.PadLeft(x, qLength),
        };
        try
        {
            return new DsaPrivateKey(DSA.Create(parameters));
        }
        catch (CryptographicException e)
        {
            throw new SshKeyException("DSA private key numbers are inconsistent", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.X);
        }
    }

    public override string KeyType => "ssh-dss";

    public override byte[] PublicBlob
    {
        get
        {
            DSAParameters parameters = dsa.ExportParameters(false);
            using var writer = new SshWriter(parameters.P!.Length * 3 + 64);
            writer.WriteString(KeyType);
            writer.WriteMPInt(parameters.P);
            writer.WriteMPInt(parameters.Q);
            writer.WriteMPInt(parameters.G);
            writer.WriteMPInt(parameters.Y);
            return writer.ToArray();
        }
    }

    public override byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        if (signatureAlgorithm != KeyType)
            throw new SshKeyException($"an ssh-dss key cannot make '{signatureAlgorithm}' signatures");
        return dsa.SignData(data.ToArray(), HashAlgorithmName.SHA1, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public override void WriteOpenSshPrivate(SshWriter writer)
    {
        DSAParameters parameters = dsa.ExportParameters(true);
        writer.WriteMPInt(parameters.P);
        writer.WriteMPInt(parameters.Q);
        writer.WriteMPInt(parameters.G);
        writer.WriteMPInt(parameters.Y);
        writer.WriteMPInt(parameters.X);
        CryptographicOperations.ZeroMemory(parameters.X);
    }

    public override void Dispose() => dsa.Dispose();
}
