using Org.BouncyCastle.Pqc.Crypto.NtruPrime;
using Org.BouncyCastle.Security;

namespace Vty.Ssh.Algorithms.Kem;

/// <summary>Streamlined NTRU Prime sntrup761 from BouncyCastle (.NET has no NTRU Prime).</summary>
internal sealed class Sntrup761 : IKem
{
    public static Sntrup761 Instance { get; } = new();

    private static readonly SNtruPrimeParameters Parameters = SNtruPrimeParameters.sntrup761;

    public string Name => "sntrup761";
    public int PublicKeyLength => 1158;
    public int CiphertextLength => 1039;
    public int SecretLength => 32;

    public IKemKeyPair GenerateKeyPair()
    {
        var generator = new SNtruPrimeKeyPairGenerator();
        generator.Init(new SNtruPrimeKeyGenerationParameters(new SecureRandom(), Parameters));
        var pair = generator.GenerateKeyPair();
        return new KeyPair(((SNtruPrimePublicKeyParameters)pair.Public).GetPublicKey(), (SNtruPrimePrivateKeyParameters)pair.Private);
    }

    public KemEncapsulation Encapsulate(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != PublicKeyLength)
            throw new SshException($"the peer's sntrup761 public key has {publicKey.Length} bytes instead of {PublicKeyLength}; refusing the key exchange");
        var key = new SNtruPrimePublicKeyParameters(Parameters, publicKey.ToArray());
        using var result = new SNtruPrimeKemGenerator(new SecureRandom()).GenerateEncapsulated(key);
        return new KemEncapsulation(result.GetEncapsulation(), result.GetSecret());
    }

    private sealed class KeyPair(byte[] publicKey, SNtruPrimePrivateKeyParameters privateKey) : IKemKeyPair
    {
        public ReadOnlySpan<byte> PublicKey => publicKey;

        public byte[] Decapsulate(ReadOnlySpan<byte> ciphertext)
        {
            if (ciphertext.Length != Instance.CiphertextLength)
                throw new SshException($"the peer's sntrup761 ciphertext has {ciphertext.Length} bytes instead of {Instance.CiphertextLength}; refusing the key exchange");
            return new SNtruPrimeKemExtractor(privateKey).ExtractSecret(ciphertext.ToArray());
        }

        public void Dispose() { }
    }
}
