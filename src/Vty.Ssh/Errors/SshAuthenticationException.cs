namespace Vty.Ssh;

/// <summary>The server refused every authentication method we could try.</summary>
public sealed class SshAuthenticationException(string message, IReadOnlyList<string> methodsTried, IReadOnlyList<string> methodsAllowed)
    : SshException(message)
{
    /// <summary>Methods attempted, in order (e.g. "none", "publickey (ssh-ed25519 SHA256:…)", "password").</summary>
    public IReadOnlyList<string> MethodsTried { get; } = methodsTried;
    /// <summary>Methods the server said could still continue.</summary>
    public IReadOnlyList<string> MethodsAllowed { get; } = methodsAllowed;
}
