namespace Vty.Ssh.Server.Auth;

/// <summary>A "password" authentication attempt. The password is never logged by the server.</summary>
public sealed record SshPasswordRequest(SshAuthContext Context, string Password)
{
    /// <summary>The user name the client asked for.</summary>
    public string User => Context.User;

    /// <inheritdoc/>
    public override string ToString() => $"password attempt for {User}";
}
