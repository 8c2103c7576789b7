using System.Numerics;
using Vty.Ssh.Algorithms.Kex;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Transport;

/// <summary>Negotiation errors say what actually went wrong: the allowed list that excluded a supported algorithm, the group sizes really requested.</summary>
public sealed class NegotiationMessageTests
{
    private const string Banner = "SSH-2.0-Fake_1.0\r\n";

    [Fact]
    public async Task A_restricted_HostKeyAlgorithms_list_against_an_ECDSA_only_sshd_names_the_option_not_a_missing_implementation()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(hostKeys: ["ecdsa256"]);
        SshClientOptions options = Interop.ClientOptionsFactory.ForPassword(server.Port, dir);
        options.HostKeyAlgorithms = ["ssh-ed25519"];

        var e = await Assert.ThrowsAsync<SshAlgorithmNegotiationException>(() => SshClient.ConnectAsync(options, TestTimeouts.ShortToken()));

        Assert.Equal("host key algorithm", e.Category);
        Assert.Contains("ecdsa-sha2-nistp256", e.ServerOffer);
        Assert.DoesNotContain("implements none", e.Message);
        Assert.Contains("Vty supports the server's ecdsa-sha2-nistp256", e.Hint);
        Assert.Contains("the allowed HostKeyAlgorithms list excludes it", e.Hint);
        Assert.Contains("-o HostKeyAlgorithms=+ecdsa-sha2-nistp256", e.Hint);
    }

    [Fact]
    public void Unknown_algorithms_still_say_Vty_implements_none_of_them()
    {
        KexInitMessage Offer(string[] kex) => new(kex, ["ssh-ed25519"], ["aes128-ctr"], ["aes128-ctr"], ["hmac-sha2-256"], ["hmac-sha2-256"], ["none"], ["none"], false);
        var e = Assert.Throws<SshAlgorithmNegotiationException>(() =>
            AlgorithmNegotiator.Negotiate(Offer(["curve25519-sha256"]), Offer(["made-up-kex@example.com"])));
        Assert.Contains("Vty implements none of the server's KexAlgorithms", e.Hint);
    }

    private static Func<FakeConnection, CancellationToken, Task> GroupExchangeServer(BigInteger p) => async (c, ct) =>
    {
        await c.WriteTextAsync(Banner, ct);
        await c.WritePacketAsync(FakeConnection.KexInit(["diffie-hellman-group-exchange-sha256"], strict: false), ct);
        using var w = new SshWriter(1100);
        w.WriteByte(SshMessageNumber.KexDhGexGroup);
        w.WriteMPInt(p);
        w.WriteMPInt(DhGroups.Generator);
        await c.WritePacketAsync(w.ToArray(), ct);
    };

    private static async Task<SshProtocolException> ConnectAsync(BigInteger p, bool legacy = false)
    {
        await using var server = new FakeSshServer(GroupExchangeServer(p));
        SshClientOptions options = server.ClientOptions();
        options.Legacy = legacy;
        return await Assert.ThrowsAsync<SshProtocolException>(() => SshClient.ConnectAsync(options, TestTimeouts.ShortToken()));
    }

    [Fact]
    public async Task A_bad_group_exchange_modulus_is_reported_with_the_bits_really_requested()
    {
        SshProtocolException e = await ConnectAsync(DhGroups.Modp2048 + 1);
        Assert.Contains("2048-bit group-exchange modulus is even", e.Message);
        Assert.Contains("we requested 2048 to 8192 bits (preferred 3072)", e.Message);
        Assert.DoesNotContain("1024 to 8192", e.Message);
    }

    [Fact]
    public async Task A_group_smaller_than_requested_names_the_request_and_the_legacy_switch()
    {
        SshProtocolException e = await ConnectAsync(DhGroups.Oakley2);
        Assert.Contains("1024-bit Diffie-Hellman group; we requested 2048 to 8192 bits (preferred 3072)", e.Message);
        Assert.Contains("vty --legacy", e.Message);

        SshProtocolException tooSmallEvenForLegacy = await ConnectAsync(BigInteger.Pow(2, 767) + 1, legacy: true);
        Assert.Contains("768-bit Diffie-Hellman group; we requested 1024 to 8192 bits", tooSmallEvenForLegacy.Message);
        Assert.DoesNotContain("--legacy", tooSmallEvenForLegacy.Message);
    }
}
