using Vty.Ssh.Transport;

namespace Vty.Ssh.Tests.Transport;

public sealed class AlgorithmNegotiatorTests
{
    private static KexInitMessage Offer(string[]? kex = null, string[]? hostKey = null, string[]? ciphers = null, string[]? macs = null) =>
        new(kex ?? ["curve25519-sha256"], hostKey ?? ["ssh-ed25519"], ciphers ?? ["aes128-ctr"], ciphers ?? ["aes128-ctr"],
            macs ?? ["hmac-sha2-256"], macs ?? ["hmac-sha2-256"], ["none"], ["none"], false);

    [Fact]
    public void PicksTheClientsFirstChoiceTheServerHas()
    {
        var client = Offer(kex: ["curve25519-sha256", "ecdh-sha2-nistp256", "ext-info-c", "kex-strict-c-v00@openssh.com"],
            ciphers: ["aes256-ctr", "aes128-ctr"]);
        var server = Offer(kex: ["ecdh-sha2-nistp256", "curve25519-sha256", "kex-strict-s-v00@openssh.com"],
            ciphers: ["aes128-ctr", "aes256-ctr"]);
        NegotiatedAlgorithms result = AlgorithmNegotiator.Negotiate(client, server);
        Assert.Equal("curve25519-sha256", result.Kex);
        Assert.Equal("aes256-ctr", result.CipherClientToServer);
        Assert.Equal("hmac-sha2-256", result.MacServerToClient);
    }

    [Fact]
    public void AeadCiphersNeedNoMac()
    {
        var client = Offer(ciphers: ["aes128-gcm@openssh.com"], macs: ["hmac-sha2-256"]);
        var server = Offer(ciphers: ["aes128-gcm@openssh.com"], macs: ["hmac-md5"]);
        NegotiatedAlgorithms result = AlgorithmNegotiator.Negotiate(client, server);
        Assert.Null(result.MacClientToServer);
        Assert.Null(result.MacServerToClient);
    }

    [Fact]
    public void MarkersAreNeverNegotiatedAsKex()
    {
        var client = Offer(kex: ["curve25519-sha256", "ext-info-c", "kex-strict-c-v00@openssh.com"]);
        var server = Offer(kex: ["ext-info-c", "kex-strict-c-v00@openssh.com"]);
        Assert.Throws<SshAlgorithmNegotiationException>(() => AlgorithmNegotiator.Negotiate(client, server));
    }

    [Theory]
    [InlineData("kex", "diffie-hellman-group14-sha1", "key exchange algorithm", "-o KexAlgorithms=+diffie-hellman-group14-sha1")]
    [InlineData("hostkey", "ssh-dss", "host key algorithm", "-o HostKeyAlgorithms=+ssh-dss")]
    [InlineData("cipher", "3des-cbc", "cipher (client to server)", "-o Ciphers=+3des-cbc")]
    [InlineData("mac", "hmac-md5", "MAC (client to server)", "-o MACs=+hmac-md5")]
    public void FailureNamesCategoryOffersAndTheLegacySwitch(string category, string serverOnly, string expectedCategory, string expectedHint)
    {
        var client = Offer();
        var server = category switch
        {
            "kex" => Offer(kex: [serverOnly]),
            "hostkey" => Offer(hostKey: [serverOnly]),
            "cipher" => Offer(ciphers: [serverOnly]),
            _ => Offer(macs: [serverOnly]),
        };
        var e = Assert.Throws<SshAlgorithmNegotiationException>(() => AlgorithmNegotiator.Negotiate(client, server));
        Assert.Equal(expectedCategory, e.Category);
        Assert.Equal([serverOnly], e.ServerOffer);
        Assert.Contains("Legacy = true", e.Message);
        Assert.Contains(expectedHint, e.Message);
        Assert.Contains(serverOnly, e.Message);
    }

    [Fact]
    public void FailureWithNothingKnownSaysSo()
    {
        var e = Assert.Throws<SshAlgorithmNegotiationException>(() =>
            AlgorithmNegotiator.Negotiate(Offer(), Offer(kex: ["unheard-of-kex@example.com"])));
        Assert.Contains("Vty implements none of the server's KexAlgorithms", e.Hint);
    }

    [Fact]
    public void KexInitRoundTrips()
    {
        var message = Offer(kex: ["curve25519-sha256", "ext-info-c"], hostKey: ["ssh-ed25519", "rsa-sha2-512"]) with { FirstKexPacketFollows = true };
        KexInitMessage decoded = KexInitMessage.Decode(message.Encode());
        Assert.Equal(message.KexAlgorithms, decoded.KexAlgorithms);
        Assert.Equal(message.HostKeyAlgorithms, decoded.HostKeyAlgorithms);
        Assert.Equal(message.MacsServerToClient, decoded.MacsServerToClient);
        Assert.True(decoded.FirstKexPacketFollows);
    }

    [Fact]
    public void TruncatedKexInitIsAWireFormatError()
    {
        byte[] encoded = Offer().Encode();
        Assert.ThrowsAny<SshException>(() => KexInitMessage.Decode(encoded.AsSpan(0, 40)));
    }
}
