namespace Vty.Ssh;

/// <summary>
/// An algorithm list names something Vty cannot run (or is empty). Raised before connecting, so a
/// client never advertises a name it cannot use.
/// </summary>
public sealed class SshAlgorithmListException(string option, string message) : SshException($"{option}: {message}")
{
    /// <summary>The OpenSSH option the list belongs to (KexAlgorithms, Ciphers, …).</summary>
    public string Option { get; } = option;
}
