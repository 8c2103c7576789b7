namespace Vty.Ssh.Server.Auth;

/// <summary>The method names of RFC 4252 and RFC 4256.</summary>
public static class SshAuthMethods
{
    public const string None = "none";
    public const string Password = "password";
    public const string PublicKey = "publickey";
    public const string KeyboardInteractive = "keyboard-interactive";
}
