namespace Vty.Inventory;

/// <summary>
/// Finds the secrets for a host: the host's own <c>*_env</c> variables first, then
/// <c>VTY_PASSWORD</c>, <c>VTY_ENABLE_PASSWORD</c>, <c>VTY_KEY_PASSPHRASE</c>, then (for the login
/// password only) one interactive prompt whose answer is reused for every host that needs it.
/// </summary>
public sealed class SecretResolver
{
    /// <summary>Environment variable with the default login password.</summary>
    public const string PasswordVariable = "VTY_PASSWORD";

    /// <summary>Environment variable with the default enable password.</summary>
    public const string EnablePasswordVariable = "VTY_ENABLE_PASSWORD";

    /// <summary>Environment variable with the default key passphrase.</summary>
    public const string KeyPassphraseVariable = "VTY_KEY_PASSPHRASE";

    private readonly Func<string, string?> _environment;
    private readonly Func<string, CancellationToken, ValueTask<string?>>? _prompt;
    private readonly SemaphoreSlim _promptLock = new(1, 1);
    private readonly Dictionary<string, string?> _prompted = new(StringComparer.Ordinal);

    /// <param name="environment">Reads an environment variable (tests pass their own); default: the process environment.</param>
    /// <param name="prompt">Asks the user for a secret (the argument is the question); null: never prompt.</param>
    public SecretResolver(Func<string, string?>? environment = null, Func<string, CancellationToken, ValueTask<string?>>? prompt = null)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _prompt = prompt;
    }

    /// <summary>The variable read for hosts without their own <c>password_env</c> (default <see cref="PasswordVariable"/>; <c>--password-env</c> changes it).</summary>
    public string DefaultPasswordVariable { get; init; } = PasswordVariable;

    /// <summary>Resolves the host's credentials.</summary>
    /// <exception cref="InventoryException">A variable named by the host's <c>*_env</c> setting is not set.</exception>
    public async ValueTask<HostCredentials> ResolveAsync(InventoryHost host, CancellationToken cancellationToken = default)
    {
        HostSettings s = host.Settings;
        string? password = s.Password
            ?? Named(host, s.PasswordEnv, "password_env")
            ?? NonEmpty(_environment(DefaultPasswordVariable));
        if (password is null && _prompt is not null && s.Key is null && !UrlHasPassword(host.Url))
            password = await PromptOnceAsync("Password", cancellationToken).ConfigureAwait(false);

        return new HostCredentials
        {
            Username = UserOf(host.Url) ?? s.Username,
            Password = password,
            EnablePassword = Named(host, s.EnablePasswordEnv, "enable_password_env") ?? NonEmpty(_environment(EnablePasswordVariable)),
            KeyFile = s.Key is null ? null : ExpandHome(s.Key),
            KeyPassphrase = Named(host, s.KeyPassphraseEnv, "key_passphrase_env") ?? NonEmpty(_environment(KeyPassphraseVariable)),
        };
    }

    private string? Named(InventoryHost host, string? variable, string setting)
    {
        if (variable is null) return null;
        return NonEmpty(_environment(variable))
            ?? throw new InventoryException($"host '{host.Name}': environment variable {variable} (its {setting}) is not set; export it before the run");
    }

    private async ValueTask<string?> PromptOnceAsync(string question, CancellationToken cancellationToken)
    {
        await _promptLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_prompted.TryGetValue(question, out string? answer))
            {
                answer = NonEmpty(await _prompt!(question, cancellationToken).ConfigureAwait(false));
                _prompted[question] = answer;
            }
            return answer;
        }
        finally
        {
            _promptLock.Release();
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? UserInfo(string url)
    {
        int sep = url.IndexOf("://", StringComparison.Ordinal);
        string rest = sep >= 0 ? url[(sep + 3)..] : url;
        int slash = rest.IndexOfAny(['/', '?', '#']);
        if (slash >= 0) rest = rest[..slash];
        int at = rest.LastIndexOf('@');
        return at >= 0 ? rest[..at] : null;
    }

    private static bool UrlHasPassword(string url) => UserInfo(url)?.Contains(':') == true;

    private static string? UserOf(string url)
    {
        string? info = UserInfo(url);
        if (info is null) return null;
        int colon = info.IndexOf(':');
        return Uri.UnescapeDataString(colon >= 0 ? info[..colon] : info);
    }

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : "")
            : path;
}
