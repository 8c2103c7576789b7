using Vty.Ssh.Keys;

namespace Vty.Ssh.Server.Auth;

/// <summary>
/// A "publickey" authentication attempt. The callback decides whether <see cref="Key"/> may log in as
/// the user; the server itself checks the signature. With <see cref="IsQuery"/> the client only asks
/// whether the key would be accepted (no signature yet) and a non-failure answer is a promise, not a login.
/// </summary>
public sealed record SshPublicKeyRequest(SshAuthContext Context, SshPublicKey Key, string Algorithm, bool IsQuery)
{
    /// <summary>The user name the client asked for.</summary>
    public string User => Context.User;
}
