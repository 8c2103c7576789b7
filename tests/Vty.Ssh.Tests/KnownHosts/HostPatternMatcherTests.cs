using Vty.Ssh.KnownHosts;

namespace Vty.Ssh.Tests.KnownHosts;

public class HostPatternMatcherTests
{
    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("?", "", false)]
    [InlineData("h?st", "HOST", true)]
    [InlineData("*.x", ".x", true)]
    [InlineData("**a", "bba", true)]
    [InlineData("[h]:*", "[h]:2222", true)]
    public void Wildcards(string pattern, string text, bool expected) =>
        Assert.Equal(expected, HostPatternMatcher.Matches(pattern, text));

    [Theory]
    [InlineData("a,b,c", "b", true)]
    [InlineData("*,!b", "b", false)]
    [InlineData("!b", "a", false)]   // a negation alone never matches
    [InlineData("!b,a", "a", true)]
    public void Lists(string patterns, string host, bool expected) =>
        Assert.Equal(expected, HostPatternMatcher.MatchesList(patterns, host));
}
