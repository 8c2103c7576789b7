namespace Vty.Inventory;

/// <summary>
/// The secrets for one host, resolved at run time from the environment or a prompt. Kept in
/// memory only; <see cref="ToString"/> never shows them.
/// </summary>
public sealed class HostCredentials
{
    /// <summary>Login name, or null to use the URL's or the protocol's default.</summary>
    public string? Username { get; init; }

    /// <summary>Login password, or null (key authentication, or none needed).</summary>
    public string? Password { get; init; }

    /// <summary>Enable / authorization password, or null to reuse the login password.</summary>
    public string? EnablePassword { get; init; }

    /// <summary>Private key file path (already <c>~</c>-expanded), or null.</summary>
    public string? KeyFile { get; init; }

    /// <summary>Passphrase of the key file, or null.</summary>
    public string? KeyPassphrase { get; init; }

    public override string ToString() =>
        $"HostCredentials {{ Username = {Username}, Password = {Mask(Password)}, EnablePassword = {Mask(EnablePassword)}, KeyFile = {KeyFile}, KeyPassphrase = {Mask(KeyPassphrase)} }}";

    private static string Mask(string? secret) => secret is null ? "null" : "***";
}
