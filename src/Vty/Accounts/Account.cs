using Vty.Ssh.Keys;

namespace Vty.Accounts;

/// <summary>
/// Credentials for one login: a user name, the login password, an optional authorization
/// (enable) password and, for SSH, an optional private key. <see cref="ToString"/> never shows a
/// secret, so an account can be logged safely.
/// </summary>
public sealed class Account
{
    /// <summary>Creates an account.</summary>
    /// <param name="name">User name sent at a <c>Username:</c> prompt and used for SSH.</param>
    /// <param name="password">Login password, or null for key-only or password-less logins.</param>
    /// <param name="authorizationPassword">Enable password; null means "use <paramref name="password"/>".</param>
    /// <param name="key">Private key for SSH public-key authentication, or null.</param>
    public Account(string name, string? password = null, string? authorizationPassword = null, SshPrivateKey? key = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Password = password;
        AuthorizationPassword = authorizationPassword;
        Key = key;
    }

    /// <summary>
    /// An account that logs in with the private key in <paramref name="keyFile"/> (OpenSSH or PEM
    /// format), decrypted with <paramref name="passphrase"/> when it is encrypted.
    /// </summary>
    /// <exception cref="SshKeyException">The file is not a supported key, or the passphrase is missing or wrong.</exception>
    public static Account FromKeyFile(string name, string keyFile, string? passphrase = null, string? password = null, string? authorizationPassword = null) =>
        new(name, password, authorizationPassword, SshPrivateKey.FromFile(keyFile, passphrase));

    /// <summary>User name.</summary>
    public string Name { get; }

    /// <summary>Login password, or null.</summary>
    public string? Password { get; }

    /// <summary>The explicitly given authorization (enable) password, or null.</summary>
    public string? AuthorizationPassword { get; }

    /// <summary>Private key for SSH public-key authentication, or null.</summary>
    public SshPrivateKey? Key { get; }

    /// <summary>The password sent when authorizing (enable): the authorization password, else the login password.</summary>
    public string? EffectiveAuthorizationPassword => AuthorizationPassword ?? Password;

    /// <summary>Shows the user name only.</summary>
    public override string ToString() => $"Account({Name})";
}
