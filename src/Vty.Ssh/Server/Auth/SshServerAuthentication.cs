using Vty.Ssh.Keys;

namespace Vty.Ssh.Server.Auth;

/// <summary>
/// The server's authentication policy as callbacks, one per method. A method is offered to clients
/// only when its callback is set. Callbacks run on the connection's task; they may be async (e.g. a
/// directory lookup) and must honour the cancellation token (the handshake timeout cancels it).
/// </summary>
public sealed class SshServerAuthentication
{
    /// <summary>"none": return <see cref="SshAuthDecision.Success"/> to let a user in without credentials.</summary>
    public Func<SshAuthContext, CancellationToken, ValueTask<SshAuthDecision>>? None { get; set; }

    /// <summary>"password": checks a user name and password.</summary>
    public Func<SshPasswordRequest, CancellationToken, ValueTask<SshAuthDecision>>? Password { get; set; }

    /// <summary>"publickey": decides whether a key may log in as the user (the server verifies the signature).</summary>
    public Func<SshPublicKeyRequest, CancellationToken, ValueTask<SshAuthDecision>>? PublicKey { get; set; }

    /// <summary>
    /// CA keys trusted to sign user certificates (sshd TrustedUserCAKeys). A certificate one of them
    /// signed logs in when it is valid now and names an allowed principal (see <see cref="AuthorizedPrincipals"/>);
    /// plain keys still go to <see cref="PublicKey"/>. Setting a CA offers "publickey" even without that callback.
    /// </summary>
    public IList<SshPublicKey> TrustedUserCaKeys { get; set; } = new List<SshPublicKey>();

    /// <summary>The certificate principals that may log in as a user (sshd AuthorizedPrincipalsFile); null: the user name only.</summary>
    public Func<string, IReadOnlyCollection<string>>? AuthorizedPrincipals { get; set; }

    /// <summary>"keyboard-interactive": asks server-defined questions and decides.</summary>
    public Func<SshKeyboardInteractiveContext, CancellationToken, ValueTask<SshAuthDecision>>? KeyboardInteractive { get; set; }

    /// <summary>A policy accepting exactly one user name and password (compared in constant time).</summary>
    public static SshServerAuthentication SinglePassword(string user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        return new SshServerAuthentication
        {
            Password = (request, _) => ValueTask.FromResult(
                SecretComparer.Equals(request.User, user) & SecretComparer.Equals(request.Password, password)
                    ? SshAuthDecision.Success
                    : SshAuthDecision.Failure),
        };
    }

    /// <summary>
    /// Sets <see cref="PublicKey"/> to accept keys listed in an OpenSSH authorized_keys file. The
    /// file is re-read when it changes, so edits take effect without a restart.
    /// <paramref name="pathForUser"/> maps a user name to its file (null: the user has none).
    /// </summary>
    public SshServerAuthentication UseAuthorizedKeys(Func<string, string?> pathForUser)
    {
        ArgumentNullException.ThrowIfNull(pathForUser);
        var cache = new AuthorizedKeysCache();
        PublicKey = (request, _) =>
        {
            string? path = pathForUser(request.User);
            AuthorizedKeysFile? file = path is null ? null : cache.Get(path);
            return ValueTask.FromResult(file is not null && file.Contains(request.Key) ? SshAuthDecision.Success : SshAuthDecision.Failure);
        };
        return this;
    }

    /// <summary>The method names to advertise, in a stable order.</summary>
    internal IReadOnlyList<string> EnabledMethods()
    {
        var methods = new List<string>(4);
        if (PublicKey is not null || TrustedUserCaKeys.Count > 0) methods.Add(SshAuthMethods.PublicKey);
        if (Password is not null) methods.Add(SshAuthMethods.Password);
        if (KeyboardInteractive is not null) methods.Add(SshAuthMethods.KeyboardInteractive);
        return methods;
    }
}
