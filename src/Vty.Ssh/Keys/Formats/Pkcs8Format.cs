using System.Formats.Asn1;
using System.Security.Cryptography;
using Vty.Ssh.Keys.Types;

namespace Vty.Ssh.Keys.Formats;

/// <summary>
/// PKCS#8 key files: "PRIVATE KEY" (RSA, EC, DSA or Ed25519, chosen by the algorithm OID) and
/// "ENCRYPTED PRIVATE KEY" (PBES2 and friends, decrypted by .NET).
/// </summary>
internal static class Pkcs8Format
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";
    private const string DsaOid = "1.2.840.10040.4.1";
    private const string Ed25519Oid = "1.3.101.112";

    public static ParsedPrivateKey Read(PemBlock block, string? passphrase)
    {
        if (block.Label == "PRIVATE KEY")
            return new ParsedPrivateKey(ReadPlain(block.Body), "");
        if (string.IsNullOrEmpty(passphrase))
            throw SshKeyPassphraseException.Missing();
        return new ParsedPrivateKey(ReadEncrypted(block.Body, passphrase), "");
    }

    private static PrivateKeyAlgorithm ReadPlain(byte[] der)
    {
        string oid;
        byte[] privateKey;
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.BER);
            AsnReader info = reader.ReadSequence();
            info.ReadInteger();
            AsnReader algorithm = info.ReadSequence();
            oid = algorithm.ReadObjectIdentifier();
            privateKey = info.ReadOctetString();
        }
        catch (AsnContentException e)
        {
            throw new SshKeyException($"'PRIVATE KEY' block is not valid PKCS#8: {e.Message}", e);
        }
        try
        {
            switch (oid)
            {
                case RsaOid:
                    return Import(RSA.Create(), a => a.ImportPkcs8PrivateKey(der, out _), a => new RsaPrivateKey(a));
                case EcOid:
                    return Import(ECDsa.Create(), a => a.ImportPkcs8PrivateKey(der, out _), a => new EcdsaPrivateKey(a));
                case DsaOid:
                    return Import(DSA.Create(), a => a.ImportPkcs8PrivateKey(der, out _), a => new DsaPrivateKey(a));
                case Ed25519Oid:
                {
                    // RFC 8410: the privateKey OCTET STRING wraps another OCTET STRING holding the 32-byte seed.
                    byte[] seed = new AsnReader(privateKey, AsnEncodingRules.BER).ReadOctetString();
                    try
                    {
                        return new Ed25519PrivateKey(seed);
                    }
                    finally
                    {
                        CryptographicOperations.ZeroMemory(seed);
                    }
                }
                default:
                    throw new SshKeyException($"PKCS#8 key algorithm {oid} is not supported (supported: RSA, EC, DSA, Ed25519)");
            }
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            throw new SshKeyException($"PKCS#8 key could not be imported: {e.Message}", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    private static PrivateKeyAlgorithm Import<T>(T algorithm, Action<T> import, Func<T, PrivateKeyAlgorithm> wrap)
        where T : AsymmetricAlgorithm
    {
        try
        {
            import(algorithm);
            return wrap(algorithm);
        }
        catch
        {
            algorithm.Dispose();
            throw;
        }
    }

    // .NET decrypts only into a key object of a known algorithm, so each is tried in turn; when all
    // fail the passphrase is wrong (the decryption padding fails before any algorithm check).
    private static PrivateKeyAlgorithm ReadEncrypted(byte[] der, string passphrase)
    {
        Exception? last = null;
        RSA rsa = RSA.Create();
        try
        {
            rsa.ImportEncryptedPkcs8PrivateKey(passphrase, der, out _);
            return new RsaPrivateKey(rsa);
        }
        catch (CryptographicException e)
        {
            last = e;
            rsa.Dispose();
        }
        ECDsa ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportEncryptedPkcs8PrivateKey(passphrase, der, out _);
            return new EcdsaPrivateKey(ecdsa);
        }
        catch (CryptographicException e)
        {
            last = e;
            ecdsa.Dispose();
        }
        DSA dsa = DSA.Create();
        try
        {
            dsa.ImportEncryptedPkcs8PrivateKey(passphrase, der, out _);
            return new DsaPrivateKey(dsa);
        }
        catch (CryptographicException e)
        {
            last = e;
            dsa.Dispose();
        }
        throw SshKeyPassphraseException.Wrong(last, "the encrypted PKCS#8 key could not be decrypted (or it is not an RSA, ECDSA or DSA key)");
    }
}
