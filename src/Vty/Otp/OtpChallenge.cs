using System.Globalization;
using System.Text.RegularExpressions;

namespace Vty.Otp;

/// <summary>
/// An S/Key / OTP challenge as devices print it: <c>otp-md4 99 seed</c> (RFC 2289) or the older
/// <c>s/key 99 seed</c>.
/// </summary>
/// <param name="Algorithm">Hash named in the challenge, lower case (<c>md4</c> for <c>s/key</c>).</param>
/// <param name="Sequence">Sequence number (how many times to hash).</param>
/// <param name="Seed">The seed.</param>
public sealed partial record OtpChallenge(string Algorithm, int Sequence, string Seed)
{
    /// <summary>Finds a challenge in device output, e.g. "[ s/key 95 ab12345 ]" or "otp-md4 99 seed ext".</summary>
    public static bool TryParse(string text, out OtpChallenge? challenge)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = ChallengePattern().Match(text);
        if (!m.Success || !int.TryParse(m.Groups["seq"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int sequence))
        {
            challenge = null;
            return false;
        }

        string algorithm = m.Groups["alg"].Success ? m.Groups["alg"].Value.ToLowerInvariant() : "md4";
        challenge = new OtpChallenge(algorithm, sequence, m.Groups["seed"].Value);
        return true;
    }

    /// <summary>The pattern that recognises a challenge in device output.</summary>
    [GeneratedRegex(@"(?:otp-(?<alg>md4|md5|sha1)|s/key)\s+(?<seq>\d{1,9})\s+(?<seed>[A-Za-z0-9]{1,16})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    public static partial Regex ChallengePattern();
}
