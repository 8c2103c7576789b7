using System.Security.Cryptography;
using Vty.Ssh.Algorithms.Kem;
using Vty.Ssh.Algorithms.Kem.NtruPrime;

namespace Vty.Ssh.Tests.Algorithms.NtruPrime;

/// <summary>
/// Our sntrup761 against BouncyCastle's, byte for byte, in both directions, on the AVX2, 128-bit
/// and scalar paths: keys, ciphertexts, shared secrets, and the implicit-rejection secret for
/// tampered and random ciphertexts.
/// </summary>
public class Sntrup761OracleTests
{
    private const int Rounds = 25;

    public static TheoryData<string> Paths => new() { nameof(SimdLevel.Avx2), nameof(SimdLevel.Vector128), nameof(SimdLevel.Scalar) };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Our_keys_decapsulate_what_bouncy_castle_encapsulates(string path)
    {
        SimdLevel simd = Enum.Parse<SimdLevel>(path);
        var kem = new Sntrup761(simd);
        for (int round = 0; round < Rounds; round++)
        {
            using IKemKeyPair keys = kem.GenerateKeyPair();
            Assert.Equal(1158, keys.PublicKey.Length);
            (byte[] ciphertext, byte[] secret) = BouncyCastleSntrup.Encapsulate(keys.PublicKey.ToArray());
            Assert.Equal(32, secret.Length);
            Assert.Equal(secret, keys.Decapsulate(ciphertext));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Bouncy_castle_decapsulates_what_we_encapsulate(string path)
    {
        SimdLevel simd = Enum.Parse<SimdLevel>(path);
        var kem = new Sntrup761(simd);
        for (int round = 0; round < Rounds; round++)
        {
            (byte[] publicKey, byte[] secretKey) = BouncyCastleSntrup.GenerateKey();
            KemEncapsulation ours = kem.Encapsulate(publicKey);
            Assert.Equal(1039, ours.Ciphertext.Length);
            Assert.Equal(32, ours.Secret.Length);
            Assert.Equal(ours.Secret, BouncyCastleSntrup.Decapsulate(secretKey, ours.Ciphertext));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Our_secret_key_layout_is_the_specifications(string path)
    {
        SimdLevel simd = Enum.Parse<SimdLevel>(path);
        // Bouncy Castle reads our whole secret key (f, 1/g, public key, rho, hash) and gets the same secrets.
        for (int round = 0; round < Rounds; round++)
        {
            byte[] publicKey = new byte[Sntrup761Parameters.PublicKeyBytes];
            byte[] secretKey = new byte[Sntrup761Parameters.SecretKeyBytes];
            StreamlinedNtruPrime.GenerateKey(publicKey, secretKey, simd);
            (byte[] ciphertext, byte[] secret) = BouncyCastleSntrup.Encapsulate(publicKey);
            Assert.Equal(secret, BouncyCastleSntrup.Decapsulate(secretKey, ciphertext));
            byte[] tampered = Tamper(ciphertext, round);
            using IKemKeyPair ours = new Sntrup761(simd).ImportSecretKey(secretKey);
            Assert.Equal(BouncyCastleSntrup.Decapsulate(secretKey, tampered), ours.Decapsulate(tampered));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Bouncy_castle_keys_imported_into_ours_give_bouncy_castles_secret_for_every_ciphertext(string path)
    {
        SimdLevel simd = Enum.Parse<SimdLevel>(path);
        var kem = new Sntrup761(simd);
        for (int round = 0; round < Rounds; round++)
        {
            (byte[] publicKey, byte[] secretKey) = BouncyCastleSntrup.GenerateKey();
            Assert.Equal(1763, secretKey.Length);
            using IKemKeyPair ours = kem.ImportSecretKey(secretKey);
            Assert.Equal(publicKey, ours.PublicKey.ToArray());

            (byte[] ciphertext, byte[] secret) = BouncyCastleSntrup.Encapsulate(publicKey);
            Assert.Equal(secret, ours.Decapsulate(ciphertext));

            // Implicit rejection: a changed ciphertext gives the hash of rho, identical in both.
            byte[] tampered = Tamper(ciphertext, round);
            byte[] rejected = ours.Decapsulate(tampered);
            Assert.NotEqual(secret, rejected);
            Assert.Equal(BouncyCastleSntrup.Decapsulate(secretKey, tampered), rejected);

            byte[] random = RandomNumberGenerator.GetBytes(1039);
            Assert.Equal(BouncyCastleSntrup.Decapsulate(secretKey, random), ours.Decapsulate(random));
        }
    }

    [Fact]
    public void Ciphertexts_of_extreme_bytes_decode_and_reject_like_bouncy_castle()
    {
        // All-0xFF overflows every radix digit, all-zero is the smallest; both must reduce the same way.
        (_, byte[] secretKey) = BouncyCastleSntrup.GenerateKey();
        using IKemKeyPair ours = Sntrup761.Instance.ImportSecretKey(secretKey);
        foreach (byte fill in new byte[] { 0x00, 0xFF, 0x80 })
        {
            byte[] ciphertext = Enumerable.Repeat(fill, 1039).ToArray();
            Assert.Equal(BouncyCastleSntrup.Decapsulate(secretKey, ciphertext), ours.Decapsulate(ciphertext));
        }
    }

    [Fact]
    public void The_confirmation_hash_alone_changed_is_rejected()
    {
        using IKemKeyPair keys = Sntrup761.Instance.GenerateKeyPair();
        KemEncapsulation encapsulation = Sntrup761.Instance.Encapsulate(keys.PublicKey);
        Assert.Equal(encapsulation.Secret, keys.Decapsulate(encapsulation.Ciphertext));
        byte[] tampered = (byte[])encapsulation.Ciphertext.Clone();
        tampered[^1] ^= 1;
        Assert.NotEqual(encapsulation.Secret, keys.Decapsulate(tampered));
    }

    [Fact]
    public void Every_path_agrees_on_the_same_key()
    {
        byte[] publicKey = new byte[Sntrup761Parameters.PublicKeyBytes];
        byte[] secretKey = new byte[Sntrup761Parameters.SecretKeyBytes];
        StreamlinedNtruPrime.GenerateKey(publicKey, secretKey, SimdLevel.Scalar);
        using IKemKeyPair avx2 = new Sntrup761(SimdLevel.Avx2).ImportSecretKey(secretKey);
        using IKemKeyPair vector128 = new Sntrup761(SimdLevel.Vector128).ImportSecretKey(secretKey);
        using IKemKeyPair scalar = new Sntrup761(SimdLevel.Scalar).ImportSecretKey(secretKey);
        for (int round = 0; round < 9; round++)
        {
            KemEncapsulation encapsulation = new Sntrup761((SimdLevel)(round % 3)).Encapsulate(publicKey);
            Assert.Equal(encapsulation.Secret, avx2.Decapsulate(encapsulation.Ciphertext));
            Assert.Equal(encapsulation.Secret, vector128.Decapsulate(encapsulation.Ciphertext));
            Assert.Equal(encapsulation.Secret, scalar.Decapsulate(encapsulation.Ciphertext));
            byte[] tampered = Tamper(encapsulation.Ciphertext, round);
            byte[] rejected = scalar.Decapsulate(tampered);
            Assert.Equal(rejected, avx2.Decapsulate(tampered));
            Assert.Equal(rejected, vector128.Decapsulate(tampered));
        }
    }

    [Fact]
    public void Wrong_lengths_are_refused_with_ssh_exceptions()
    {
        var publicKeyError = Assert.Throws<SshException>(() => Sntrup761.Instance.Encapsulate(new byte[1157]));
        Assert.Contains("1157 bytes instead of 1158", publicKeyError.Message);
        Assert.Contains("refusing the key exchange", publicKeyError.Message);
        using IKemKeyPair keys = Sntrup761.Instance.GenerateKeyPair();
        var ciphertextError = Assert.Throws<SshException>(() => keys.Decapsulate(new byte[1040]));
        Assert.Contains("1040 bytes instead of 1039", ciphertextError.Message);
        Assert.Throws<SshException>(() => Sntrup761.Instance.ImportSecretKey(new byte[1762]));
    }

    [Fact]
    public void A_disposed_key_pair_cannot_decapsulate()
    {
        IKemKeyPair keys = Sntrup761.Instance.GenerateKeyPair();
        KemEncapsulation encapsulation = Sntrup761.Instance.Encapsulate(keys.PublicKey);
        keys.Dispose();
        Assert.Throws<ObjectDisposedException>(() => keys.Decapsulate(encapsulation.Ciphertext));
    }

    /// <summary>Flips one bit, in the rounded polynomial on even rounds and in the confirmation hash on odd ones.</summary>
    private static byte[] Tamper(byte[] ciphertext, int round)
    {
        byte[] copy = (byte[])ciphertext.Clone();
        int position = round % 2 == 0 ? RandomNumberGenerator.GetInt32(1007) : 1007 + RandomNumberGenerator.GetInt32(32);
        copy[position] ^= (byte)(1 << RandomNumberGenerator.GetInt32(8));
        return copy;
    }
}
