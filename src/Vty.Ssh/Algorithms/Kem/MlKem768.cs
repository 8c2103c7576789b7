using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Vty.Ssh.Algorithms.Kem;

/// <summary>
/// ML-KEM-768 (FIPS 203) from BouncyCastle. .NET 10 has its own ML-KEM, but only where the OS
/// crypto library provides it (OpenSSL 3.5 or later), which the supported Linux distributions do
/// not all ship; BouncyCastle works everywhere.
/// </summary>
internal sealed class MlKem768 : IKem
{
    public static MlKem768 Instance { get; } = new();

    private const int Q = 3329;
    private const int PolynomialBytes = 384;
    private const int Rank = 3;

    private static readonly MLKemParameters Parameters = MLKemParameters.ml_kem_768;

    public string Name => "ML-KEM-768";
    public int PublicKeyLength => 1184;
    public int CiphertextLength => 1088;
    public int SecretLength => 32;

    public IKemKeyPair GenerateKeyPair()
    {
        var generator = new MLKemKeyPairGenerator();
        generator.Init(new MLKemKeyGenerationParameters(new SecureRandom(), Parameters));
        return new KeyPair((MLKemPrivateKeyParameters)generator.GenerateKeyPair().Private);
    }

    public KemEncapsulation Encapsulate(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != PublicKeyLength)
            throw new SshException($"the peer's ML-KEM-768 public key has {publicKey.Length} bytes instead of {PublicKeyLength}; refusing the key exchange");
        if (!CoefficientsAreReduced(publicKey))
            throw new SshException("the peer's ML-KEM-768 public key is not a valid encoding (a coefficient is not below q); refusing the key exchange");
        var encapsulator = new MLKemEncapsulator(Parameters);
        encapsulator.Init(new ParametersWithRandom(MLKemPublicKeyParameters.FromEncoding(Parameters, publicKey.ToArray()), new SecureRandom()));
        var ciphertext = new byte[encapsulator.EncapsulationLength];
        var secret = new byte[encapsulator.SecretLength];
        encapsulator.Encapsulate(ciphertext, secret);
        return new KemEncapsulation(ciphertext, secret);
    }

    // FIPS 203 §7.2 "modulus check": every 12-bit coefficient of t must already be reduced mod q.
    private static bool CoefficientsAreReduced(ReadOnlySpan<byte> publicKey)
    {
        ReadOnlySpan<byte> t = publicKey[..(Rank * PolynomialBytes)];
        for (int i = 0; i < t.Length; i += 3)
        {
            int first = t[i] | ((t[i + 1] & 0x0F) << 8);
            int second = (t[i + 1] >> 4) | (t[i + 2] << 4);
            if (first >= Q || second >= Q) return false;
        }
        return true;
    }

    private sealed class KeyPair(MLKemPrivateKeyParameters privateKey) : IKemKeyPair
    {
        private readonly byte[] _publicKey = privateKey.GetPublicKeyEncoded();

        public ReadOnlySpan<byte> PublicKey => _publicKey;

        public byte[] Decapsulate(ReadOnlySpan<byte> ciphertext)
        {
            if (ciphertext.Length != Instance.CiphertextLength)
                throw new SshException($"the peer's ML-KEM-768 ciphertext has {ciphertext.Length} bytes instead of {Instance.CiphertextLength}; refusing the key exchange");
            var decapsulator = new MLKemDecapsulator(Parameters);
            decapsulator.Init(privateKey);
            var secret = new byte[decapsulator.SecretLength];
            decapsulator.Decapsulate(ciphertext, secret);
            return secret;
        }

        public void Dispose() { }
    }
}
