using Vty.Otp;
using Vty.Tests.Support;

namespace Vty.Tests.Otp;

public sealed class OneTimePasswordTests
{
    public static TheoryData<string, string, int, string> ExscriptVectors()
    {
        var data = new TheoryData<string, string, int, string>();
        foreach (string line in File.ReadAllLines(FixturePaths.Exscript("otp_vectors.tsv")).Skip(1))
        {
            if (line.Length == 0)
                continue;
            string[] p = line.Split('\t');
            data.Add(p[0], p[1], int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture), p[3]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExscriptVectors))]
    public void MatchesExscriptVectors(string password, string seed, int sequence, string expected) =>
        Assert.Equal(expected, OneTimePassword.Compute(password, seed, sequence));

    // RFC 2289 appendix C, MD4 encodings.
    [Theory]
    [InlineData("This is a test.", "TeSt", 0, "D1854218EBBB0B51", "ROME MUG FRED SCAN LIVE LACE")]
    [InlineData("This is a test.", "TeSt", 1, "63473EF01CD0B444", "CARD SAD MINI RYE COL KIN")]
    [InlineData("This is a test.", "TeSt", 99, "C5E612776E6C237A", "NOTE OUT IBIS SINK NAVE MODE")]
    [InlineData("AbCdEfGhIjK", "alpha1", 0, "50076F47EB1ADE4E", "AWAY SEN ROOK SALT LICE MAP")]
    [InlineData("AbCdEfGhIjK", "alpha1", 1, "65D20D1949B5F7AB", "CHEW GRIM WU HANG BUCK SAID")]
    [InlineData("AbCdEfGhIjK", "alpha1", 99, "D150C82CCE6F62D1", "ROIL FREE COG HUNK WAIT COCA")]
    [InlineData("OTP's are good", "correct", 0, "849C79D4F6F55388", "FOOL STEM DONE TOOL BECK NILE")]
    [InlineData("OTP's are good", "correct", 1, "8C0992FB250847B1", "GIST AMOS MOOT AIDS FOOD SEEM")]
    [InlineData("OTP's are good", "correct", 99, "3F3BF4B4145FD74B", "TAG SLOW NOV MIN WOOL KENO")]
    public void MatchesRfc2289Vectors(string passPhrase, string seed, int sequence, string keyHex, string words)
    {
        Assert.Equal(keyHex, Convert.ToHexString(OneTimePassword.ComputeKey(passPhrase, seed, sequence)));
        Assert.Equal(words, OneTimePassword.Compute(passPhrase, seed, sequence));
    }

    [Theory]
    [InlineData("[ s/key 95 ab12345 ]\r\nPassword: ", "md4", 95, "ab12345")]
    [InlineData("otp-md4 499 ke1234 ext\r\nResponse: ", "md4", 499, "ke1234")]
    [InlineData("S/Key 7 Seed9", "md4", 7, "Seed9")]
    public void ParsesChallenges(string text, string algorithm, int sequence, string seed)
    {
        Assert.True(OtpChallenge.TryParse(text, out var challenge));
        Assert.Equal(new OtpChallenge(algorithm, sequence, seed), challenge);
    }

    [Fact]
    public void IgnoresTextWithoutChallenge()
    {
        Assert.False(OtpChallenge.TryParse("User Access Verification\r\nPassword: ", out var challenge));
        Assert.Null(challenge);
    }

    [Fact]
    public void RefusesOtherAlgorithms() =>
        Assert.Throws<NotSupportedException>(() => OneTimePassword.Compute("pw", new OtpChallenge("sha1", 5, "seed")));
}
