namespace Vty.Ssh.Server;

/// <summary>
/// OpenSSH's MaxStartups for <see cref="SshServer"/>: how many not-yet-authenticated connections
/// are tolerated. At <see cref="Start"/> of them a new connection is dropped with probability
/// <see cref="Rate"/> %, rising linearly to 100 % at <see cref="Full"/> (random early drop), so a
/// flood of idle connections cannot hold every slot while well-behaved clients still get in as
/// the flood's connections reach their login grace time.
/// </summary>
public sealed record SshMaxStartups
{
    /// <summary>Creates start:rate:full; throws <see cref="ArgumentOutOfRangeException"/> unless 1 ≤ start ≤ full and 0 ≤ rate ≤ 100.</summary>
    public SshMaxStartups(int start, int rate, int full)
    {
        Shared.MaxStartupsRule.Validate(start, rate, full);
        Start = start;
        Rate = rate;
        Full = full;
    }

    /// <summary>OpenSSH's default, 10:30:100.</summary>
    public static SshMaxStartups Default { get; } = new(10, 30, 100);

    /// <summary>No early drop at all (only <see cref="SshServerOptions.MaxConnections"/> applies): for labs and benchmarks that open thousands of connections at once.</summary>
    public static SshMaxStartups Unlimited { get; } = new(int.MaxValue, 100, int.MaxValue);

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
    public static SshMaxStartups Parse(string text)
    {
        (int start, int rate, int full) = Shared.MaxStartupsRule.Parse(text);
        return new SshMaxStartups(start, rate, full);
    }

    /// <summary>Whether a new connection should be dropped when <paramref name="unauthenticated"/> others are still logging in.</summary>
    public bool ShouldDrop(int unauthenticated, Random random) => Shared.MaxStartupsRule.ShouldDrop(Start, Rate, Full, unauthenticated, random);

    /// <summary>"start:rate:full".</summary>
    public override string ToString() => Shared.MaxStartupsRule.Format(Start, Rate, Full);
}
