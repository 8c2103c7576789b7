using System.Globalization;

namespace Vty.Telnet;

/// <summary>
/// OpenSSH's MaxStartups, applied to <see cref="TelnetServer"/>: how many connections that have not logged in
/// are tolerated. At <see cref="Start"/> of them a new connection is dropped with probability
/// <see cref="Rate"/> %, rising linearly to 100 % at <see cref="Full"/> (random early drop), so a
/// flood of idle connections cannot hold every slot while well-behaved clients still get in as
/// the flood's connections reach their login grace time.
/// </summary>
public sealed record TelnetMaxStartups
{
    /// <summary>Creates start:rate:full; throws <see cref="ArgumentOutOfRangeException"/> unless 1 ≤ start ≤ full and 0 ≤ rate ≤ 100.</summary>
    public TelnetMaxStartups(int start, int rate, int full)
    {
        if (start < 1) throw new ArgumentOutOfRangeException(nameof(start), start, "MaxStartups start must be at least 1");
        if (full < start) throw new ArgumentOutOfRangeException(nameof(full), full, $"MaxStartups full must be at least start ({start})");
        if (rate is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(rate), rate, "MaxStartups rate is a percentage, 0 to 100");
        Start = start;
        Rate = rate;
        Full = full;
    }

    /// <summary>OpenSSH's default, 10:30:100.</summary>
    public static TelnetMaxStartups Default { get; } = new(10, 30, 100);

    /// <summary>No early drop at all (only <see cref="TelnetServerOptions.MaxConnections"/> applies): for labs and benchmarks that open thousands of connections at once.</summary>
    public static TelnetMaxStartups Unlimited { get; } = new(int.MaxValue, 100, int.MaxValue);

    /// <summary>Unauthenticated connections at which random early drop begins.</summary>
    public int Start { get; }

    /// <summary>Drop probability in percent at <see cref="Start"/>.</summary>
    public int Rate { get; }

    /// <summary>Unauthenticated connections at which every new connection is dropped.</summary>
    public int Full { get; }

    /// <summary>
    /// Parses sshd_config syntax: "start:rate:full" (e.g. "10:30:100") or a single number N
    /// (drop everything from N on). Throws <see cref="FormatException"/> saying what is expected.
    /// </summary>
    public static TelnetMaxStartups Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(':');
        if (parts.Length is 1 or 3 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            int[] n = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            try
            {
                return n.Length == 1 ? new TelnetMaxStartups(n[0], 100, n[0]) : new TelnetMaxStartups(n[0], n[1], n[2]);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new FormatException($"MaxStartups \"{text}\": {ex.Message.Split(" (Parameter")[0]}", ex);
            }
        }
        throw new FormatException($"MaxStartups \"{text}\" is not start:rate:full (e.g. 10:30:100) or a single number");
    }

    /// <summary>Whether a new connection should be dropped when <paramref name="unauthenticated"/> others are still logging in.</summary>
    public bool ShouldDrop(int unauthenticated, Random random)
    {
        if (unauthenticated < Start) return false;
        if (unauthenticated >= Full) return true;
        long percent = Rate + (100L - Rate) * (unauthenticated - Start) / (Full - Start);
        return random.Next(100) < percent;
    }

    /// <summary>"start:rate:full".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Start}:{Rate}:{Full}");
}
