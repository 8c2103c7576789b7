using Vty.Hosts;
using Vty.Tests.Support;

namespace Vty.Tests.Hosts;

public sealed class HostUrlTests
{
    // Exscript's vector file lists one pair twice; xunit would report two cases with one ID.
    public static TheoryData<string, string> ExscriptVectors()
    {
        var data = new TheoryData<string, string>();
        foreach (var (input, expected) in ExscriptVectorLines().Distinct())
            data.Add(input, expected);
        return data;
    }

    private static IEnumerable<(string Input, string Expected)> ExscriptVectorLines() =>
        File.ReadAllLines(FixturePaths.Exscript("url_vectors.tsv")).Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(parts => (parts[0], parts[1]));

    [Fact]
    public void FixtureHas33VectorsOf32DistinctPairs()
    {
        Assert.Equal(33, ExscriptVectorLines().Count());
        Assert.Equal(32, ExscriptVectors().Count);
    }

    [Theory]
    [MemberData(nameof(ExscriptVectors))]
    public void ExscriptVectorRoundTrips(string input, string expected)
    {
        var url = HostUrl.Parse(input);
        Assert.Equal(expected, url.ToString());
        Assert.Equal(expected, HostUrl.Parse(expected).ToString());
    }

    [Fact]
    public void ParsesEveryPart()
    {
        var url = HostUrl.Parse("ssh://admin:s%40cret:en%3Aable@router1:2222?driver=ios&var=x&var=y");
        Assert.Equal("ssh", url.Scheme);
        Assert.Equal("router1", url.Host);
        Assert.Equal(2222, url.Port);
        Assert.Equal("admin", url.UserName);
        Assert.Equal("s@cret", url.Password);
        Assert.Equal("en:able", url.Password2);
        Assert.Equal("ios", url.Driver);
        Assert.Equal(["x", "y"], url.GetVariables("var"));
        var account = url.ToAccount();
        Assert.NotNull(account);
        Assert.Equal("admin", account.Name);
        Assert.Equal("s@cret", account.Password);
        Assert.Equal("en:able", account.EffectiveAuthorizationPassword);
    }

    [Theory]
    [InlineData("ssh://[::1]:2222", "::1", 2222)]
    [InlineData("ssh://admin@[2001:db8::1]", "2001:db8::1", 22)]
    [InlineData("telnet://[fe80::1%25eth0]:23", "fe80::1%25eth0", 23)]
    [InlineData("2001:db8::7", "2001:db8::7", 23)]
    public void ParsesIPv6Literals(string input, string host, int port)
    {
        var url = HostUrl.Parse(input);
        Assert.Equal(host, url.Host);
        Assert.Equal(port, url.Port);
        Assert.True(url.IsIPv6Literal);
        Assert.Contains("[" + host + "]:" + port, url.ToString(), StringComparison.Ordinal);
        Assert.Equal(url.ToString(), HostUrl.Parse(url.ToString()).ToString());
    }

    [Fact]
    public void DummyUrlHasNoDefaultPort()
    {
        var url = HostUrl.Parse("dummy://r1?profile=junos");
        Assert.Null(url.Port);
        Assert.Equal("junos", url.GetVariable("profile"));
        Assert.Equal("dummy://r1?profile=junos", url.ToString());
    }

    [Fact]
    public void RedactedStringHidesPasswords()
    {
        var url = HostUrl.Parse("ssh://admin:topsecret:enablesecret@r1");
        string redacted = url.ToRedactedString();
        Assert.DoesNotContain("topsecret", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("enablesecret", redacted, StringComparison.Ordinal);
        Assert.Equal("ssh://admin:***:***@r1:22", redacted);
    }

    [Theory]
    [InlineData("ssh://r1:99999")]
    [InlineData("ssh://r1:abc")]
    [InlineData("ssh://[::1")]
    [InlineData("ssh://user@")]
    [InlineData("")]
    [InlineData("s h://r1")]
    public void RejectsMalformedUrls(string input)
    {
        Assert.Throws<HostUrlFormatException>(() => HostUrl.Parse(input));
        Assert.False(HostUrl.TryParse(input, out _));
    }

    [Fact]
    public void ErrorMessageNeverShowsThePassword()
    {
        var ex = Assert.Throws<HostUrlFormatException>(() => HostUrl.Parse("ssh://admin:hunter2@r1:badport"));
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }
}
