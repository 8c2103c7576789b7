using Org.BouncyCastle.Pqc.Crypto.NtruPrime;
using Org.BouncyCastle.Security;

namespace Vty.Ssh.Tests.Algorithms.NtruPrime;

/// <summary>BouncyCastle's sntrup761, the independent implementation our own is checked against.</summary>
internal static class BouncyCastleSntrup
{
    private static readonly SNtruPrimeParameters Parameters = SNtruPrimeParameters.sntrup761;

    public static (byte[] PublicKey, byte[] SecretKey) GenerateKey()
    {
        var generator = new SNtruPrimeKeyPairGenerator();
        generator.Init(new SNtruPrimeKeyGenerationParameters(new SecureRandom(), Parameters));
        var pair = generator.GenerateKeyPair();
        return (((SNtruPrimePublicKeyParameters)pair.Public).GetPublicKey(), ((SNtruPrimePrivateKeyParameters)pair.Private).GetPrivateKey());
    }

    public static (byte[] Ciphertext, byte[] Secret) Encapsulate(byte[] publicKey)
    {
        using var result = new SNtruPrimeKemGenerator(new SecureRandom()).GenerateEncapsulated(new SNtruPrimePublicKeyParameters(Parameters, publicKey));
        return (result.GetEncapsulation(), result.GetSecret());
    }

    public static byte[] Decapsulate(byte[] secretKey, byte[] ciphertext) =>
        new SNtruPrimeKemExtractor(new SNtruPrimePrivateKeyParameters(Parameters, secretKey)).ExtractSecret(ciphertext);
}
