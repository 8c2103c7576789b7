using System.Security.Cryptography;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Algorithms.Kem;

namespace Vty.Ssh.Tests.Algorithms;

/// <summary>The hybrid post-quantum key agreements: both roles agree, wire sizes, and bad peer values.</summary>
public class HybridKexTests
{
    [Theory]
    [InlineData("mlkem768x25519-sha256", 1184 + 32, 1088 + 32, 32)]
    [InlineData("sntrup761x25519-sha512", 1158 + 32, 1039 + 32, 64)]
    [InlineData("sntrup761x25519-sha512@openssh.com", 1158 + 32, 1039 + 32, 64)]
    public void Initiator_and_responder_agree(string kex, int clientLength, int serverLength, int secretLength)
    {
        using IKeyAgreement client = KeyExchangeMath.Create(kex);
        using IKeyAgreement server = KeyExchangeMath.CreateResponder(kex);
        Assert.Equal(clientLength, client.PublicValue.Length);
        byte[] serverSecret = server.ComputeSharedSecret(client.PublicValue);
        Assert.Equal(serverLength, server.PublicValue.Length);
        byte[] clientSecret = client.ComputeSharedSecret(server.PublicValue);
        Assert.Equal(secretLength, clientSecret.Length);
        Assert.Equal(serverSecret, clientSecret);
        Assert.True(KeyExchangeMath.GetKex(kex).SecretIsString);
    }

    [Fact]
    public void The_secret_is_the_hash_of_the_kem_secret_then_the_x25519_secret()
    {
        // Rebuild K from its parts to pin the order: SHA-256(ML-KEM secret || X25519 secret).
        IKemKeyPair keys = MlKem768.Instance.GenerateKeyPair();
        KemEncapsulation encapsulation = MlKem768.Instance.Encapsulate(keys.PublicKey);
        Assert.Equal(encapsulation.Secret, keys.Decapsulate(encapsulation.Ciphertext));
        byte[] x = RandomNumberGenerator.GetBytes(32);
        byte[] expected = SHA256.HashData([.. encapsulation.Secret, .. x]);
        byte[] combined = Vty.Ssh.Algorithms.Kex.HybridSecret.Combine(HashAlgorithmName.SHA256, [.. encapsulation.Secret], [.. x]);
        Assert.Equal(expected, combined);
    }

    [Theory]
    [InlineData("mlkem768x25519-sha256")]
    [InlineData("sntrup761x25519-sha512")]
    public void Values_of_the_wrong_length_are_refused_by_both_roles(string kex)
    {
        using IKeyAgreement client = KeyExchangeMath.Create(kex);
        using IKeyAgreement server = KeyExchangeMath.CreateResponder(kex);
        var e = Assert.Throws<SshException>(() => server.ComputeSharedSecret(client.PublicValue[..^1]));
        Assert.Contains("refusing the key exchange", e.Message);
        Assert.Throws<InvalidOperationException>(() => server.PublicValue.Length);
        Assert.Throws<SshException>(() => client.ComputeSharedSecret(new byte[100]));
    }

    [Fact]
    public void An_ml_kem_public_key_with_an_unreduced_coefficient_is_refused()
    {
        using IKeyAgreement client = KeyExchangeMath.Create("mlkem768x25519-sha256");
        byte[] value = client.PublicValue.ToArray();
        // First coefficient = 0xFFF (4095), above q = 3329.
        value[0] = 0xFF;
        value[1] |= 0x0F;
        using IKeyAgreement server = KeyExchangeMath.CreateResponder("mlkem768x25519-sha256");
        var e = Assert.Throws<SshException>(() => server.ComputeSharedSecret(value));
        Assert.Contains("not a valid encoding", e.Message);
    }

    [Fact]
    public void A_low_order_x25519_half_is_refused()
    {
        using IKeyAgreement client = KeyExchangeMath.Create("mlkem768x25519-sha256");
        byte[] value = client.PublicValue.ToArray();
        value.AsSpan(1184).Clear();
        using IKeyAgreement server = KeyExchangeMath.CreateResponder("mlkem768x25519-sha256");
        Assert.Throws<SshException>(() => server.ComputeSharedSecret(value));
    }

    [Fact]
    public void A_tampered_ciphertext_gives_a_different_secret()
    {
        using IKeyAgreement client = KeyExchangeMath.Create("mlkem768x25519-sha256");
        using IKeyAgreement server = KeyExchangeMath.CreateResponder("mlkem768x25519-sha256");
        byte[] serverSecret = server.ComputeSharedSecret(client.PublicValue);
        byte[] reply = server.PublicValue.ToArray();
        reply[10] ^= 0x40;
        Assert.NotEqual(serverSecret, client.ComputeSharedSecret(reply));
    }

    [Fact]
    public void Defaults_follow_openssh_10_order()
    {
        Assert.Equal(
            ["mlkem768x25519-sha256", "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com", "curve25519-sha256", "curve25519-sha256@libssh.org",
             "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "diffie-hellman-group-exchange-sha256",
             "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group14-sha256"],
            SshAlgorithms.DefaultKex);
    }
}
