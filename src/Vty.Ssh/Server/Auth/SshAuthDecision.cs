namespace Vty.Ssh.Server.Auth;

/// <summary>
/// What an authentication callback decided about one attempt: accept, reject, or accept this
/// step of a multi-step policy and ask for more (RFC 4252 "partial success").
/// </summary>
public sealed class SshAuthDecision
{
    private SshAuthDecision(SshAuthOutcome outcome, IReadOnlyList<string> nextMethods)
    {
        Outcome = outcome;
        NextMethods = nextMethods;
    }

    /// <summary>The user is authenticated; the connection service may start.</summary>
    public static SshAuthDecision Success { get; } = new(SshAuthOutcome.Success, []);

    /// <summary>This attempt failed; it counts against the attempt limit.</summary>
    public static SshAuthDecision Failure { get; } = new(SshAuthOutcome.Failure, []);

    /// <summary>
    /// This step passed but the policy needs another: the client is told "partial success" and
    /// may continue only with <paramref name="nextMethods"/> (e.g. "keyboard-interactive" after "publickey").
    /// </summary>
    public static SshAuthDecision Partial(params string[] nextMethods)
    {
        ArgumentNullException.ThrowIfNull(nextMethods);
        if (nextMethods.Length == 0)
            throw new ArgumentException("a partial success must name at least one method the client may use next", nameof(nextMethods));
        return new SshAuthDecision(SshAuthOutcome.PartialSuccess, nextMethods);
    }

    /// <summary>Accepted, rejected or partially accepted.</summary>
    public SshAuthOutcome Outcome { get; }

    /// <summary>For a partial success, the methods the client may use next; empty otherwise.</summary>
    public IReadOnlyList<string> NextMethods { get; }
}
