namespace Vty.Ssh;

/// <summary>
/// Client and server share no algorithm in one category. The message names the category, both
/// offers and, when a legacy algorithm would match, how to enable it.
/// </summary>
public sealed class SshAlgorithmNegotiationException(string category, IReadOnlyList<string> clientOffer,
    IReadOnlyList<string> serverOffer, string hint)
    : SshException($"no matching {category}: client offers [{string.Join(",", clientOffer)}], server offers [{string.Join(",", serverOffer)}]; {hint}")
{
    /// <summary>"key exchange algorithm", "host key algorithm", "cipher" or "MAC".</summary>
    public string Category { get; } = category;
    public IReadOnlyList<string> ClientOffer { get; } = clientOffer;
    public IReadOnlyList<string> ServerOffer { get; } = serverOffer;
    /// <summary>What to do, e.g. "enable it with Legacy = true or -o KexAlgorithms=+diffie-hellman-group1-sha1".</summary>
    public string Hint { get; } = hint;
}
