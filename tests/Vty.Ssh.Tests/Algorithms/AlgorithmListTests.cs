using Vty.Ssh.Algorithms;

namespace Vty.Ssh.Tests.Algorithms;

/// <summary>OpenSSH list syntax (+ - ^, wildcards) and the refusal of names Vty cannot run.</summary>
public class AlgorithmListTests
{
    private static IReadOnlyList<string> Kex(string spec) =>
        AlgorithmList.Apply(SshAlgorithmCategory.Kex, spec, AlgorithmList.Defaults(SshAlgorithmCategory.Kex, false));

    [Fact]
    public void Plain_list_replaces_the_defaults() =>
        Assert.Equal(["curve25519-sha256", "mlkem768x25519-sha256"], Kex("curve25519-sha256,mlkem768x25519-sha256"));

    [Fact]
    public void Plus_appends_minus_removes_caret_puts_first()
    {
        Assert.Equal("diffie-hellman-group1-sha1", Kex("+diffie-hellman-group1-sha1")[^1]);
        Assert.DoesNotContain("mlkem768x25519-sha256", Kex("-mlkem768x25519-sha256"));
        Assert.Equal("curve25519-sha256", Kex("^curve25519-sha256")[0]);
        Assert.Equal(SshAlgorithms.DefaultKex.Count, Kex("^curve25519-sha256").Count);
    }

    [Fact]
    public void Wildcards_expand_against_supported_names()
    {
        Assert.Equal(["sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com"], Kex("sntrup761*"));
        Assert.DoesNotContain(Kex("-ecdh-sha2-*"), n => n.StartsWith("ecdh-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("curve448-sha512")]
    [InlineData("+curve448-sha512")]
    [InlineData("^curve25519-sha256,bogus")]
    [InlineData("nothing*")]
    public void Unknown_names_are_errors_naming_option_and_name(string spec)
    {
        var e = Assert.Throws<SshAlgorithmListException>(() => Kex(spec));
        Assert.Equal("KexAlgorithms", e.Option);
        Assert.Contains("not an algorithm Vty implements", e.Message);
        Assert.Contains("mlkem768x25519-sha256", e.Message);
    }

    [Fact]
    public void Removing_everything_or_an_empty_list_is_an_error()
    {
        Assert.Throws<SshAlgorithmListException>(() => Kex(""));
        Assert.Throws<SshAlgorithmListException>(() => Kex("-*"));
    }

    [Fact]
    public void Other_categories_check_their_own_names()
    {
        Assert.Throws<SshAlgorithmListException>(() => AlgorithmList.Apply(SshAlgorithmCategory.Cipher, "aes128-ocb", SshAlgorithms.DefaultCiphers));
        Assert.Equal(["hmac-md5"], AlgorithmList.Apply(SshAlgorithmCategory.Mac, "hmac-md5", SshAlgorithms.DefaultMacs));
        Assert.Throws<SshAlgorithmListException>(() => AlgorithmList.Apply(SshAlgorithmCategory.HostKey, "ssh-ed448", SshAlgorithms.DefaultHostKey));
    }

    [Fact]
    public async Task The_client_refuses_an_unknown_name_before_connecting()
    {
        // Port 1 on loopback: were a connection attempted, the error would be a connection refusal instead.
        var options = new SshClientOptions { Host = "127.0.0.1", Port = 1, Username = "u", KexAlgorithms = ["curve25519-sha256", "kyber-nonsense"] };
        var e = await Assert.ThrowsAsync<SshAlgorithmListException>(() => SshClient.ConnectAsync(options, CancellationToken.None));
        Assert.Contains("kyber-nonsense", e.Message);
    }
}
