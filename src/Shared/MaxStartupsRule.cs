using System.Globalization;

namespace Vty.Shared;

/// <summary>
/// OpenSSH's MaxStartups arithmetic (start:rate:full random early drop), compiled into both Vty.Ssh
/// and Vty.Telnet (linked source: the two share no lower assembly) behind their own public option
/// types, so the rule, its checks and its parsing are written once.
/// </summary>
internal static class MaxStartupsRule
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless 1 ≤ start ≤ full and 0 ≤ rate ≤ 100.</summary>
    public static void Validate(int start, int rate, int full)
    {
        if (start < 1) throw new ArgumentOutOfRangeException(nameof(start), start, "MaxStartups start must be at least 1");
        if (full < start) throw new ArgumentOutOfRangeException(nameof(full), full, $"MaxStartups full must be at least start ({start})");
        if (rate is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(rate), rate, "MaxStartups rate is a percentage, 0 to 100");
    }

    /// <summary>
    /// Parses sshd_config syntax: "start:rate:full" (e.g. "10:30:100") or a single number N (drop
    /// everything from N on). Throws <see cref="FormatException"/> saying what is expected.
    /// </summary>
    public static (int Start, int Rate, int Full) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(':');
        if (parts.Length is 1 or 3 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            int[] n = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            (int start, int rate, int full) = n.Length == 1 ? (n[0], 100, n[0]) : (n[0], n[1], n[2]);
            try
            {
                Validate(start, rate, full);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new FormatException($"MaxStartups \"{text}\": {ex.Message.Split(" (Parameter")[0]}", ex);
            }
            return (start, rate, full);
        }
        throw new FormatException($"MaxStartups \"{text}\" is not start:rate:full (e.g. 10:30:100) or a single number");
    }

    /// <summary>Whether a new connection is dropped when <paramref name="unauthenticated"/> others are still logging in.</summary>
    public static bool ShouldDrop(int start, int rate, int full, int unauthenticated, Random random)
    {
        if (unauthenticated < start) return false;
        if (unauthenticated >= full) return true;
        long percent = rate + (100L - rate) * (unauthenticated - start) / (full - start);
        return random.Next(100) < percent;
    }

    /// <summary>"start:rate:full".</summary>
    public static string Format(int start, int rate, int full) => string.Create(CultureInfo.InvariantCulture, $"{start}:{rate}:{full}");
}
