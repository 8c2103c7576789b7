using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Keys;

namespace Vty.Ssh.Config;

/// <summary>
/// Maps a <see cref="SshResolvedConfig"/> onto <see cref="SshClientOptions"/>: destination,
/// keys, host-key policy and files, algorithm lists, authentication methods, timeouts and
/// keepalives. ProxyJump, ProxyCommand, forwards and agent forwarding stay as typed values on the
/// resolved config for the code that runs them.
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
        string? homeDirectory = null)
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
            "no" => HostKeyPolicy.Off,
            _ => HostKeyPolicy.AcceptNew,
        };
        if (config.UserKnownHostsFiles.Count > 0) options.KnownHostsPath = config.UserKnownHostsFiles[0];
        if (config.ConnectTimeout is { } connect && connect > TimeSpan.Zero) options.ConnectTimeout = connect;
        if (config.ServerAliveInterval is { } alive) options.KeepAliveInterval = alive > TimeSpan.Zero ? alive : null;
        if (config.ServerAliveCountMax is { } count) options.KeepAliveCountMax = Math.Max(1, count);
        options.AuthenticationMethods = Methods(config);

        if (config.PubkeyAuthentication != false)
            foreach (SshPrivateKey key in LoadKeys(config, passphrase, homeDirectory, log))
                options.PrivateKeys.Add(key);
        return options;
    }

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

    private static IEnumerable<SshPrivateKey> LoadKeys(SshResolvedConfig config, string? passphrase, string? homeDirectory, ILogger log)
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
            if (key != null) yield return key;
        }
    }
}
