using System.Numerics;
using System.Security.Cryptography;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Algorithms.Kex;

namespace Vty.Ssh.Tests.Algorithms;

public class KeyExchangeMathTests
{
    [Fact]
    public void X25519_matches_rfc7748_section_6_1()
    {
        using var alice = new Curve25519KeyAgreement(Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        using var bob = new Curve25519KeyAgreement(Convert.FromHexString("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
        Assert.Equal("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", Convert.ToHexStringLower(alice.PublicValue));
        Assert.Equal("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", Convert.ToHexStringLower(bob.PublicValue));
        const string shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
        Assert.Equal(shared, Convert.ToHexStringLower(alice.ComputeSharedSecret(bob.PublicValue)));
        Assert.Equal(shared, Convert.ToHexStringLower(bob.ComputeSharedSecret(alice.PublicValue)));
    }

    [Fact]
    public void X25519_matches_rfc7748_section_5_2_scalar_multiplication()
    {
        using var agreement = new Curve25519KeyAgreement(Convert.FromHexString("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"));
        byte[] result = agreement.ComputeSharedSecret(Convert.FromHexString("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"));
        Assert.Equal("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552", Convert.ToHexStringLower(result));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")]   // order-8 point
    public void X25519_low_order_points_are_refused(string peer)
    {
        using IKeyAgreement agreement = KeyExchangeMath.Create("curve25519-sha256");
        Assert.Throws<SshException>(() => agreement.ComputeSharedSecret(Convert.FromHexString(peer)));
    }

    [Theory]
    [InlineData("curve25519-sha256", 32)]
    [InlineData("curve25519-sha256@libssh.org", 32)]
    [InlineData("ecdh-sha2-nistp256", 65)]
    [InlineData("ecdh-sha2-nistp384", 97)]
    [InlineData("ecdh-sha2-nistp521", 133)]
    [InlineData("diffie-hellman-group1-sha1", 128)]
    [InlineData("diffie-hellman-group14-sha1", 256)]
    [InlineData("diffie-hellman-group14-sha256", 256)]
    [InlineData("diffie-hellman-group16-sha512", 512)]
    [InlineData("diffie-hellman-group18-sha512", 1024)]
    public void Both_sides_agree(string kex, int maxPublicLength)
    {
        using IKeyAgreement client = KeyExchangeMath.Create(kex);
        using IKeyAgreement server = KeyExchangeMath.Create(kex);
        Assert.InRange(client.PublicValue.Length, maxPublicLength - 8, maxPublicLength);
        byte[] k1 = client.ComputeSharedSecret(server.PublicValue);
        byte[] k2 = server.ComputeSharedSecret(client.PublicValue);
        Assert.Equal(k1, k2);
        Assert.NotEqual(client.PublicValue.ToArray(), server.PublicValue.ToArray());
    }

    [Theory]
    [InlineData("ecdh-sha2-nistp256", 65)]
    [InlineData("ecdh-sha2-nistp384", 97)]
    [InlineData("ecdh-sha2-nistp521", 133)]
    public void Ecdh_points_off_the_curve_or_malformed_are_refused(string kex, int length)
    {
        using IKeyAgreement agreement = KeyExchangeMath.Create(kex);
        byte[] offCurve = agreement.PublicValue.ToArray();
        offCurve[^1] ^= 1;
        Assert.Throws<SshException>(() => agreement.ComputeSharedSecret(offCurve));
        byte[] compressed = new byte[length];
        compressed[0] = 0x02;
        Assert.Throws<SshException>(() => agreement.ComputeSharedSecret(compressed));
        Assert.Throws<SshException>(() => agreement.ComputeSharedSecret(agreement.PublicValue[..^1]));
    }

    [Fact]
    public void Dh_peer_values_out_of_range_are_refused()
    {
        using IKeyAgreement agreement = KeyExchangeMath.Create("diffie-hellman-group14-sha256");
        BigInteger p = DhGroups.Modp2048;
        foreach (BigInteger bad in new[] { BigInteger.Zero, BigInteger.One, p - 1, p, p + 5 })
            Assert.Throws<SshException>(() => agreement.ComputeSharedSecret(bad.ToByteArray(isUnsigned: true, isBigEndian: true)));
    }

    [Fact]
    public void Groups_have_the_rfc_shape_and_two_generates_the_prime_order_subgroup()
    {
        (BigInteger P, int Bits)[] groups =
        [
            (DhGroups.Oakley2, 1024), (DhGroups.Modp2048, 2048), (DhGroups.Modp3072, 3072),
            (DhGroups.Modp4096, 4096), (DhGroups.Modp6144, 6144), (DhGroups.Modp8192, 8192),
        ];
        BigInteger ones64 = ulong.MaxValue;
        foreach ((BigInteger p, int bits) in groups)
        {
            Assert.Equal(bits, p.GetBitLength());
            Assert.Equal(ones64, p & ones64);
            Assert.Equal(ones64, p >> (bits - 64));
            Assert.Equal("c90fdaa22168c234", (p >> (bits - 128) & ones64).ToString("x16")[^16..]);
        }
        // Euler's criterion: 2 is a square mod these safe primes, so it has order q = (p-1)/2.
        foreach (BigInteger p in new[] { DhGroups.Oakley2, DhGroups.Modp2048 })
            Assert.Equal(BigInteger.One, BigInteger.ModPow(2, (p - 1) / 2, p));
        Assert.Equal("d66436f79bbd6b2e38c0ffbd079be904d2641415e2e67140e09448be9a60890e",
            Convert.ToHexStringLower(SHA256.HashData(DhGroups.Modp2048.ToByteArray(isUnsigned: true, isBigEndian: true))));
    }

    [Fact]
    public void Group_exchange_client_and_server_agree()
    {
        (BigInteger p, BigInteger g) = KeyExchangeMath.SelectGroup(2048, 3072, 8192);
        Assert.Equal(3072, p.GetBitLength());
        using IKeyAgreement client = KeyExchangeMath.CreateDh(p, g);
        using IKeyAgreement server = KeyExchangeMath.CreateDh(p, g);
        Assert.Equal(client.ComputeSharedSecret(server.PublicValue), server.ComputeSharedSecret(client.PublicValue));
    }

    [Theory]
    [InlineData(2048, 2048, 8192, 2048)]
    [InlineData(1024, 2000, 8192, 2048)]
    [InlineData(2048, 4000, 8192, 4096)]
    [InlineData(2048, 8192, 8192, 8192)]
    [InlineData(1024, 9000, 9000, 8192)]
    [InlineData(1024, 4096, 3072, 3072)]
    public void Select_group_picks_the_nearest_size_in_range(int min, int preferred, int max, int expected)
    {
        Assert.Equal(expected, KeyExchangeMath.SelectGroup(min, preferred, max).P.GetBitLength());
    }

    [Fact]
    public void Impossible_group_requests_are_clear_errors()
    {
        Assert.Throws<SshException>(() => KeyExchangeMath.SelectGroup(1024, 1024, 1536));
        Assert.Throws<SshException>(() => KeyExchangeMath.CreateDh(BigInteger.Pow(2, 512) - 1, 2));
        Assert.Throws<SshException>(() => KeyExchangeMath.CreateDh(DhGroups.Modp2048, 1));
        Assert.Throws<SshException>(() => KeyExchangeMath.Create("diffie-hellman-group-exchange-sha256"));
        Assert.Throws<SshException>(() => KeyExchangeMath.GetKex("sntrup4591761x25519-sha512@tinyssh.org"));
    }

    [Fact]
    public void Every_offered_kex_is_described()
    {
        foreach (string name in SshAlgorithms.DefaultKex)
            Assert.False(KeyExchangeMath.GetKex(name).IsLegacy);
        foreach (string name in SshAlgorithms.LegacyKex)
            Assert.True(KeyExchangeMath.GetKex(name).IsLegacy);
        Assert.Equal(HashAlgorithmName.SHA384, KeyExchangeMath.GetKex("ecdh-sha2-nistp384").Hash);
        Assert.Equal(KexKind.DhGroupExchange, KeyExchangeMath.GetKex("diffie-hellman-group-exchange-sha1").Kind);
    }
}
