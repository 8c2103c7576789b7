using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Keys;

namespace Vty.Ssh.Config;

/// <summary>
/// Maps a <see cref="SshResolvedConfig"/> onto <see cref="SshClientOptions"/>: destination,
/// keys, host-key policy and files, algorithm lists, authentication methods, timeouts and
/// keepalives, ProxyCommand, ProxyJump hops (each resolved through the config as its own host)
/// and agent forwarding. Port forwards stay typed values on the resolved config for the caller
/// to start once connected.
/// </summary>
public static class SshConfigClientOptions
{
    /// <summary>OpenSSH's default identity files, in its order (those Vty can load).</summary>
    public static IReadOnlyList<string> DefaultIdentityFiles { get; } = ["id_rsa", "id_ecdsa", "id_ed25519", "id_dsa"];

    /// <summary>
    /// Client options for the resolved destination. <paramref name="passphrase"/> decrypts
    /// encrypted key files. Throws <see cref="SshAlgorithmListException"/> for an algorithm list Vty
    /// cannot run and <see cref="SshKeyException"/> for a named key file that cannot be loaded.
    /// </summary>
    public static SshClientOptions Create(SshResolvedConfig config, bool legacy = false, string? passphrase = null, ILogger? logger = null,
        string? homeDirectory = null, Func<SshJumpHost, SshResolvedConfig>? resolveJumpHost = null)
    {
        ILogger log = logger ?? NullLogger.Instance;
        var options = new SshClientOptions
        {
            Host = config.HostName,
            Port = config.Port,
            Username = config.User,
            Legacy = legacy,
            HostKeyAlias = config.HostKeyAlias,
            Logger = logger,
        };
        if (config.IgnoredOptions.Count > 0)
            log.LogDebug("ssh config: ignored options (no effect in Vty): {Options}", string.Join(", ", config.IgnoredOptions));
        if (config.AddKeysToAgent is { } add && !add.Equals("no", StringComparison.OrdinalIgnoreCase))
            log.LogDebug("ssh config: AddKeysToAgent {Value} ignored (Vty does not add keys to an agent)", add);

        options.KexAlgorithms = List(SshAlgorithmCategory.Kex, config.KexAlgorithms, legacy);
        options.Ciphers = List(SshAlgorithmCategory.Cipher, config.Ciphers, legacy);
        options.Macs = List(SshAlgorithmCategory.Mac, config.Macs, legacy);
        options.HostKeyAlgorithms = List(SshAlgorithmCategory.HostKey, config.HostKeyAlgorithms, legacy);
        options.PublicKeyAlgorithms = List(SshAlgorithmCategory.PublicKey, config.PubkeyAcceptedAlgorithms, legacy);

        options.HostKeyPolicy = config.StrictHostKeyChecking switch
        {
            "yes" or "ask" => HostKeyPolicy.Strict,
            "no" => HostKeyPolicy.AcceptAny,
            _ => HostKeyPolicy.AcceptNew,
        };
        // The first UserKnownHostsFile is written to; the others and GlobalKnownHostsFile are only read, as in ssh.
        IReadOnlyList<string> userFiles = config.UserKnownHostsFiles.Where(f => !f.Equals("none", StringComparison.Ordinal)).ToList();
        if (userFiles.Count > 0) options.KnownHostsPath = userFiles[0];
        foreach (string file in userFiles.Skip(1).Concat(config.GlobalKnownHostsFiles.Count > 0 ? config.GlobalKnownHostsFiles : DefaultGlobalKnownHostsFiles))
            if (!file.Equals("none", StringComparison.Ordinal)) options.ReadOnlyKnownHostsPaths.Add(file);
        options.HashKnownHosts = config.HashKnownHosts == true;
        options.IdentitiesOnly = config.IdentitiesOnly == true;
        options.IdentityAgent = config.IdentityAgent switch
        {
            "none" => null,
            null => "SSH_AUTH_SOCK",
            string socket => socket,
        };
        if (config.ConnectTimeout is { } connect && connect > TimeSpan.Zero) options.ConnectTimeout = connect;
        if (config.ServerAliveInterval is { } alive) options.KeepAliveInterval = alive > TimeSpan.Zero ? alive : null;
        if (config.ServerAliveCountMax is { } count) options.KeepAliveCountMax = Math.Max(1, count);
        options.AuthenticationMethods = Methods(config);

        if (config.PubkeyAuthentication != false)
        {
            foreach (var (key, file) in LoadKeys(config, passphrase, homeDirectory, log))
            {
                options.PrivateKeys.Add(key);
                // As ssh: KEY-cert.pub beside a key file is offered with it.
                if (LoadCertificate(file + "-cert.pub", named: false, log) is { } beside) options.Certificates.Add(beside);
            }
            foreach (string file in config.CertificateFiles)
                if (LoadCertificate(file, named: true, log) is { } certificate && !options.Certificates.Contains(certificate))
                    options.Certificates.Add(certificate);
        }
        else
        {
            options.IdentityAgent = null;
        }

        // The resolved command is already expanded; escape it so the client's own expansion leaves it as is.
        if (config.ProxyCommand is { } proxy) options.ProxyCommand = proxy.Replace("%", "%%", StringComparison.Ordinal);
        if (config.ForwardAgent == true)
        {
            options.ForwardAgent = true;
            options.AgentSocketPath = config.ForwardAgentSocket;
        }
        foreach (SshJumpHost hop in config.ProxyJump ?? [])
        {
            SshResolvedConfig hopConfig = resolveJumpHost?.Invoke(hop) ?? new SshResolvedConfig
            {
                OriginalHost = hop.Host,
                HostName = hop.Host,
                User = hop.User ?? config.User,
                Port = hop.Port ?? 22,
            };
            // A hop is reached through the hops before it, never through a jump setting of its own.
            SshClientOptions hopOptions = Create(Detached(hopConfig), legacy, passphrase, logger, homeDirectory);
            hopOptions.Password = options.Password;
            options.JumpHosts.Add(hopOptions);
        }
        return options;
    }

    private static SshResolvedConfig Detached(SshResolvedConfig c) => new()
    {
        OriginalHost = c.OriginalHost, HostName = c.HostName, User = c.User, UserWasSet = c.UserWasSet, Port = c.Port,
        IdentityFiles = c.IdentityFiles, IdentitiesOnly = c.IdentitiesOnly, CertificateFiles = c.CertificateFiles, IdentityAgent = c.IdentityAgent,
        HashKnownHosts = c.HashKnownHosts, StrictHostKeyChecking = c.StrictHostKeyChecking, UserKnownHostsFiles = c.UserKnownHostsFiles, GlobalKnownHostsFiles = c.GlobalKnownHostsFiles,
        HostKeyAlias = c.HostKeyAlias, ConnectTimeout = c.ConnectTimeout, ServerAliveInterval = c.ServerAliveInterval,
        ServerAliveCountMax = c.ServerAliveCountMax, KexAlgorithms = c.KexAlgorithms, Ciphers = c.Ciphers, Macs = c.Macs,
        HostKeyAlgorithms = c.HostKeyAlgorithms, PubkeyAcceptedAlgorithms = c.PubkeyAcceptedAlgorithms,
        PreferredAuthentications = c.PreferredAuthentications, PasswordAuthentication = c.PasswordAuthentication,
        KbdInteractiveAuthentication = c.KbdInteractiveAuthentication, PubkeyAuthentication = c.PubkeyAuthentication,
    };

    private static List<string>? List(SshAlgorithmCategory category, string? spec, bool legacy) =>
        spec is null ? null : [.. AlgorithmList.Apply(category, spec, AlgorithmList.Defaults(category, legacy))];

    private static List<string>? Methods(SshResolvedConfig config)
    {
        if (config.PreferredAuthentications is null && config.PasswordAuthentication is null
            && config.KbdInteractiveAuthentication is null && config.PubkeyAuthentication is null)
            return null;
        IEnumerable<string> order = config.PreferredAuthentications ?? ["publickey", "keyboard-interactive", "password"];
        return [.. order.Where(m => m switch
        {
            "publickey" => config.PubkeyAuthentication != false,
            "keyboard-interactive" => config.KbdInteractiveAuthentication != false,
            "password" => config.PasswordAuthentication != false,
            _ => false,   // gssapi-with-mic, hostbased: not implemented by Vty
        })];
    }

    /// <summary>ssh's default GlobalKnownHostsFile list.</summary>
    public static IReadOnlyList<string> DefaultGlobalKnownHostsFiles { get; } = ["/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"];

    // A named CertificateFile that is missing or not a user certificate is an error (the user asked for it);
    // a KEY-cert.pub that is neither is skipped, as ssh skips it.
    private static SshPublicKey? LoadCertificate(string file, bool named, ILogger log)
    {
        if (!File.Exists(file))
        {
            if (named) throw new SshKeyException($"certificate file {file} (CertificateFile) does not exist");
            return null;
        }
        SshPublicKey certificate;
        try
        {
            certificate = SshPublicKey.ParseOpenSshLine(File.ReadAllText(file));
        }
        catch (Exception e) when (e is SshKeyException or IOException or UnauthorizedAccessException)
        {
            if (named) throw new SshKeyException($"certificate file {file} (CertificateFile): {e.Message}", e);
            log.LogDebug("certificate {File} not loaded: {Error}", file, e.Message);
            return null;
        }
        if (certificate.Certificate is { Kind: Keys.Certificates.SshCertificateKind.User }) return certificate;
        string what = certificate.Certificate is null ? "a plain public key, not a certificate" : "a host certificate, not a user certificate";
        if (named) throw new SshKeyException($"certificate file {file} (CertificateFile) holds {what}");
        log.LogDebug("{File} holds {What}; not offered", file, what);
        return null;
    }

    private static IEnumerable<(SshPrivateKey Key, string File)> LoadKeys(SshResolvedConfig config, string? passphrase, string? homeDirectory, ILogger log)
    {
        bool named = config.IdentityFiles.Count > 0;
        string home = homeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        IEnumerable<string> files = named ? config.IdentityFiles : DefaultIdentityFiles.Select(f => Path.Combine(home, ".ssh", f));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            if (!seen.Add(file)) continue;
            if (!File.Exists(file))
            {
                // As ssh: a listed identity that does not exist is skipped, not an error.
                if (named) log.LogDebug("ssh config: identity file {File} does not exist; skipped", file);
                continue;
            }
            SshPrivateKey? key = null;
            try
            {
                key = SshPrivateKey.FromFile(file, passphrase);
            }
            catch (Exception e) when (!named && e is SshKeyException or IOException or UnauthorizedAccessException)
            {
                log.LogDebug("default identity {File} not loaded: {Error}", file, e.Message);
            }
            if (key != null) yield return (key, file);
        }
    }
}
