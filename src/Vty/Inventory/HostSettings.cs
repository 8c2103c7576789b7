namespace Vty.Inventory;

/// <summary>
/// One layer of host settings as written in the inventory (defaults, a group or a host). Layers
/// merge in order: defaults, then each group (its parents first), then the host itself; a later
/// layer's non-null value wins, variables merge key by key.
/// </summary>
public sealed record HostSettings
{
    /// <summary>Connection URL (<c>ssh://user@host:port</c>, <c>telnet://host</c>, <c>dummy://name</c>) or a bare address.</summary>
    public string? Url { get; init; }

    /// <summary>Scheme used when the URL is a bare address or absent: <c>ssh</c> (default), <c>telnet</c> or <c>dummy</c>.</summary>
    public string? Protocol { get; init; }

    /// <summary>Port overriding the URL's (and the protocol's default).</summary>
    public int? Port { get; init; }

    /// <summary>Driver name (<c>ios</c>, <c>junos</c>, …) or <c>auto</c> to guess.</summary>
    public string? Driver { get; init; }

    /// <summary>Login name when the URL carries none.</summary>
    public string? Username { get; init; }

    /// <summary>
    /// A literal password. Meant for throwaway labs only: real secrets belong in an environment
    /// variable named by <see cref="PasswordEnv"/>.
    /// </summary>
    public string? Password { get; init; }

    /// <summary>Environment variable holding the login password.</summary>
    public string? PasswordEnv { get; init; }

    /// <summary>Environment variable holding the enable (authorization) password.</summary>
    public string? EnablePasswordEnv { get; init; }

    /// <summary>Path of a private key file (OpenSSH format); <c>~</c> is expanded.</summary>
    public string? Key { get; init; }

    /// <summary>Environment variable holding the key's passphrase.</summary>
    public string? KeyPassphraseEnv { get; init; }

    /// <summary>Allow legacy SSH algorithms (SHA-1 kex, CBC, ssh-rsa, ssh-dss) for this host.</summary>
    public bool? Legacy { get; init; }

    /// <summary>Text encoding of the session (<c>utf-8</c>, the default with Latin-1 for invalid bytes; <c>latin1</c>, …).</summary>
    public string? Encoding { get; init; }

    /// <summary>Per-host timeout in seconds for the whole job on that host.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>Output limit per command for this host (<c>max_output: 64M</c>; see <see cref="Protocols.ProtocolOptions.MaxOutput"/>).</summary>
    public long? MaxOutput { get; init; }

    /// <summary>
    /// Region or network segment the host is reachable from (<c>zone: emea</c>): distributed runs
    /// (<c>--nats</c>) give its job only to workers of that zone. Null: the default zone.
    /// </summary>
    public string? Zone { get; init; }

    /// <summary>
    /// ssh_config Host alias to connect through (<c>ssh_config: alias</c>): its HostName, Port, User,
    /// keys, ProxyJump and the rest apply, as they do for <c>vty exec alias</c>.
    /// </summary>
    public string? SshConfigAlias { get; init; }

    /// <summary>ssh_config file read for this host instead of ~/.ssh/config and /etc/ssh/ssh_config (<c>ssh_config: {file: …}</c>).</summary>
    public string? SshConfigFile { get; init; }

    /// <summary>Jump hosts in ProxyJump syntax (<c>jump: [user@]bastion[:port],…</c>); <c>none</c> for a direct connection.</summary>
    public string? Jump { get; init; }

    /// <summary>Free-form variables for tasks (<c>{{ name }}</c> in task steps).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>Returns this layer with <paramref name="over"/> applied on top.</summary>
    public HostSettings Overlay(HostSettings over)
    {
        var variables = new Dictionary<string, string>(Variables, StringComparer.Ordinal);
        foreach ((string key, string value) in over.Variables)
            variables[key] = value;
        return new HostSettings
        {
            Url = over.Url ?? Url,
            Protocol = over.Protocol ?? Protocol,
            Port = over.Port ?? Port,
            Driver = over.Driver ?? Driver,
            Username = over.Username ?? Username,
            Password = over.Password ?? Password,
            PasswordEnv = over.PasswordEnv ?? PasswordEnv,
            EnablePasswordEnv = over.EnablePasswordEnv ?? EnablePasswordEnv,
            Key = over.Key ?? Key,
            KeyPassphraseEnv = over.KeyPassphraseEnv ?? KeyPassphraseEnv,
            Legacy = over.Legacy ?? Legacy,
            Encoding = over.Encoding ?? Encoding,
            TimeoutSeconds = over.TimeoutSeconds ?? TimeoutSeconds,
            MaxOutput = over.MaxOutput ?? MaxOutput,
            Zone = over.Zone ?? Zone,
            SshConfigAlias = over.SshConfigAlias ?? SshConfigAlias,
            SshConfigFile = over.SshConfigFile ?? SshConfigFile,
            Jump = over.Jump ?? Jump,
            Variables = variables,
        };
    }

    /// <summary>Hides the literal password so a settings object can be logged safely.</summary>
    public override string ToString() =>
        $"HostSettings {{ Url = {Url}, Driver = {Driver}, Username = {Username}, Password = {(Password is null ? "null" : "***")} }}";
}
