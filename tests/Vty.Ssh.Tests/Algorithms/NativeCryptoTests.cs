using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Algorithms.Kex;
using Vty.Ssh.Algorithms.Native;
using Vty.Ssh.Algorithms.Packets;

namespace Vty.Ssh.Tests.Algorithms;

/// <summary>
/// The libcrypto paths (X25519, Ed25519, chacha20-poly1305@openssh.com) against BouncyCastle's
/// managed code as an independent implementation: same public values, secrets, signatures and
/// packets, each side accepting what the other made.
/// </summary>
public class NativeCryptoTests
{
    [Fact]
    public void Libcrypto_is_loaded_on_this_platform()
    {
        // Debian 12 ships OpenSSL 3; the fast paths must be the ones the suite exercises.
        Assert.True(LibCrypto.IsAvailable, "OpenSSL 3 libcrypto was not loaded; the SSH primitives would run managed");
        Assert.Equal("OpenSSL libcrypto", LibCrypto.Provider);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void X25519_rfc7748_vectors_on_each_path(bool native)
    {
        using var alice = new Curve25519KeyAgreement(Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"), native);
        using var bob = new Curve25519KeyAgreement(Convert.FromHexString("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"), native);
        Assert.Equal("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", Convert.ToHexStringLower(alice.PublicValue));
        Assert.Equal("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", Convert.ToHexStringLower(alice.ComputeSharedSecret(bob.PublicValue)));
    }

    [Fact]
    public void X25519_native_and_managed_agree_on_random_keys()
    {
        for (int i = 0; i < 50; i++)
        {
            byte[] a = RandomNumberGenerator.GetBytes(32), b = RandomNumberGenerator.GetBytes(32);
            using var nativeA = new Curve25519KeyAgreement(a, true);
            using var managedA = new Curve25519KeyAgreement(a, false);
            using var nativeB = new Curve25519KeyAgreement(b, true);
            using var managedB = new Curve25519KeyAgreement(b, false);
            Assert.Equal(managedA.PublicValue.ToArray(), nativeA.PublicValue.ToArray());
            byte[] secret = managedA.ComputeSharedSecret(managedB.PublicValue);
            Assert.Equal(secret, nativeA.ComputeSharedSecret(managedB.PublicValue));
            Assert.Equal(secret, nativeB.ComputeSharedSecret(nativeA.PublicValue));
        }
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")]
    public void X25519_low_order_points_are_refused_natively(string peer)
    {
        using var agreement = new Curve25519KeyAgreement(RandomNumberGenerator.GetBytes(32), true);
        Assert.Throws<SshException>(() => agreement.ComputeSharedSecret(Convert.FromHexString(peer)));
    }

    [Fact]
    public void Ed25519_native_signatures_equal_bouncycastle_and_verify_both_ways()
    {
        for (int i = 0; i < 50; i++)
        {
            byte[] seed = RandomNumberGenerator.GetBytes(32);
            byte[] message = RandomNumberGenerator.GetBytes(i * 37);
            byte[] publicKey = new byte[32];
            Ed25519.GeneratePublicKey(seed, 0, publicKey, 0);
            Assert.Equal(publicKey, NativeCurve25519.Ed25519PublicKey(seed));

            byte[] managed = new byte[64];
            Ed25519.Sign(seed, 0, message, 0, message.Length, managed, 0);
            byte[] native = NativeCurve25519.Ed25519Sign(seed, message);
            Assert.Equal(managed, native);      // Ed25519 is deterministic
            Assert.True(NativeCurve25519.Ed25519Verify(publicKey, message, managed));

            native[i % 64] ^= 0x01;
            Assert.False(NativeCurve25519.Ed25519Verify(publicKey, message, native));
            Assert.False(Ed25519.Verify(native, 0, publicKey, 0, message, 0, message.Length));
        }
    }

    [Fact]
    public void ChaCha20_poly1305_packets_cross_between_native_and_managed()
    {
        byte[] key = RandomNumberGenerator.GetBytes(64);
        using var native = new ChaCha20Poly1305Core(key, useBclKeyStream: false, useLibCrypto: true);
        using var managed = new ChaCha20Poly1305Core(key, useBclKeyStream: false, useLibCrypto: false);
        foreach (int length in new[] { 8, 16, 63, 64, 65, 1000, 32_768 + 4 })
        {
            uint sequence = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
            byte[] plain = RandomNumberGenerator.GetBytes(length);
            byte[] a = (byte[])plain.Clone(), b = (byte[])plain.Clone();
            byte[] tagA = new byte[16], tagB = new byte[16];
            native.CryptLength(sequence, a, a);
            native.Seal(sequence, a, tagA);
            managed.CryptLength(sequence, b, b);
            managed.Seal(sequence, b, tagB);
            Assert.Equal(b, a);
            Assert.Equal(tagB, tagA);

            Assert.True(managed.Open(sequence, a, tagA));
            managed.CryptLength(sequence, a, a);
            Assert.Equal(plain, a);
            Assert.True(native.Open(sequence, b, tagB));
            native.CryptLength(sequence, b, b);
            Assert.Equal(plain, b);

            tagA[length % 16] ^= 0x80;
            Assert.False(native.Open(sequence, a, tagA));
        }
    }

    [Fact]
    public void A_whole_session_of_packets_round_trips_through_the_native_cipher()
    {
        byte[] key = RandomNumberGenerator.GetBytes(64);
        using IPacketEncryptor encryptor = PacketProtection.CreateEncryptor("chacha20-poly1305@openssh.com", null, key, [], []);
        using IPacketDecryptor decryptor = PacketProtection.CreateDecryptor("chacha20-poly1305@openssh.com", null, key, [], []);
        for (uint sequence = 0; sequence < 20; sequence++)
        {
            byte[] payload = RandomNumberGenerator.GetBytes((int)sequence * 111 + 1);
            byte[] wire = PacketTestHelper.Encrypt(encryptor, sequence, payload);
            Assert.Equal(payload, PacketTestHelper.Decrypt(decryptor, sequence, wire));
        }
    }
}
