using System.Formats.Asn1;
using System.Security.Cryptography;
using Vty.Ssh.Keys.Types;

namespace Vty.Ssh.Keys.Formats;

/// <summary>
/// OpenSSL's traditional key files: "RSA PRIVATE KEY" (PKCS#1), "EC PRIVATE KEY" (SEC1) and
/// "DSA PRIVATE KEY", plain or with legacy Proc-Type encryption.
/// </summary>
internal static class TraditionalPemFormat
{
    public static bool Handles(string label) => label is "RSA PRIVATE KEY" or "EC PRIVATE KEY" or "DSA PRIVATE KEY";

    public static ParsedPrivateKey Read(PemBlock block, string? passphrase)
    {
        bool encrypted = LegacyPemEncryption.IsEncrypted(block);
        byte[] der = encrypted ? LegacyPemEncryption.Decrypt(block, passphrase) : block.Body;
        try
        {
            return new ParsedPrivateKey(Import(block.Label, der), "");
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            if (encrypted)   // a wrong key decrypts to garbage that usually still has valid padding 1 time in 256
                throw SshKeyPassphraseException.Wrong(e);
            throw new SshKeyException($"'{block.Label}' block is not a valid key: {e.Message}", e);
        }
        finally
        {
            if (encrypted) CryptographicOperations.ZeroMemory(der);
        }
    }

    private static PrivateKeyAlgorithm Import(string label, byte[] der)
    {
        switch (label)
        {
            case "RSA PRIVATE KEY":
            {
                RSA rsa = RSA.Create();
                try
                {
                    rsa.ImportRSAPrivateKey(der, out _);
                    return new RsaPrivateKey(rsa);
                }
                catch
                {
                    rsa.Dispose();
                    throw;
                }
            }
            case "EC PRIVATE KEY":
            {
                ECDsa ecdsa = ECDsa.Create();
                try
                {
                    ecdsa.ImportECPrivateKey(der, out _);
                    return new EcdsaPrivateKey(ecdsa);
                }
                catch
                {
                    ecdsa.Dispose();
                    throw;
                }
            }
            default:
                return ReadDsa(der);
        }
    }

    // OpenSSL's DSA layout: SEQUENCE { INTEGER 0, p, q, g, y, x }.
    private static DsaPrivateKey ReadDsa(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.BER);
        AsnReader sequence = reader.ReadSequence();
        if (!sequence.ReadInteger().IsZero) throw new SshKeyException("DSA PRIVATE KEY has an unknown version");
        byte[] p = sequence.ReadIntegerBytes().ToArray();
        byte[] q = sequence.ReadIntegerBytes().ToArray();
        byte[] g = sequence.ReadIntegerBytes().ToArray();
        byte[] y = sequence.ReadIntegerBytes().ToArray();
        byte[] x = sequence.ReadIntegerBytes().ToArray();
        try
        {
            return DsaPrivateKey.FromComponents(p, q, g, y, x);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(x);
        }
    }
}
