namespace Vty.Ssh.Server.Auth;

/// <summary>
/// A keyboard-interactive authentication in progress (RFC 4256). The callback asks the client as
/// many rounds of questions as its policy needs with <see cref="AskAsync"/> and returns a decision.
/// </summary>
public sealed class SshKeyboardInteractiveContext
{
    private readonly Func<string, string, IReadOnlyList<SshKeyboardInteractiveQuestion>, CancellationToken, ValueTask<string[]>> _ask;

    internal SshKeyboardInteractiveContext(
        SshAuthContext context,
        string submethods,
        Func<string, string, IReadOnlyList<SshKeyboardInteractiveQuestion>, CancellationToken, ValueTask<string[]>> ask)
    {
        Context = context;
        Submethods = submethods;
        _ask = ask;
    }

    /// <summary>Who is authenticating.</summary>
    public SshAuthContext Context { get; }

    /// <summary>The user name the client asked for.</summary>
    public string User => Context.User;

    /// <summary>The client's submethods hint (usually empty).</summary>
    public string Submethods { get; }

    /// <summary>
    /// Sends one round of questions and returns the client's answers, one per question, in order.
    /// A round with no questions is allowed (it shows <paramref name="instruction"/> only).
    /// Throws <see cref="SshAuthAbortedException"/> when the client abandons the exchange.
    /// </summary>
    public ValueTask<string[]> AskAsync(string name, string instruction, IReadOnlyList<SshKeyboardInteractiveQuestion> questions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        return _ask(name ?? "", instruction ?? "", questions, cancellationToken);
    }
}
