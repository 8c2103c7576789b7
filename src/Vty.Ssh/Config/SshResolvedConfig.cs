namespace Vty.Ssh.Config;

/// <summary>
/// What ssh_config (and -o options) say for one destination, after Host/Match evaluation, first
/// obtained value wins, defaults and token expansion. Null means "not set": the library default
/// applies. Paths are expanded (~, tokens, ${VAR}).
/// </summary>
public sealed class SshResolvedConfig
{
    /// <summary>The destination as given (%n).</summary>
    public required string OriginalHost { get; init; }

    /// <summary>HostName, or the destination when none was set (%h).</summary>
    public required string HostName { get; init; }

    /// <summary>User to log in as (%r); the local user when nothing set one.</summary>
    public required string User { get; init; }

    /// <summary>True when User came from the command line or a config file rather than the local user name.</summary>
    public bool UserWasSet { get; init; }

    /// <summary>Port (%p); 22 when nothing set one.</summary>
    public int Port { get; init; } = 22;

    public IReadOnlyList<string> IdentityFiles { get; init; } = [];
    public bool? IdentitiesOnly { get; init; }
    public IReadOnlyList<string> CertificateFiles { get; init; } = [];

    /// <summary>IdentityAgent: a socket path, "none", or null for SSH_AUTH_SOCK.</summary>
    public string? IdentityAgent { get; init; }

    /// <summary>AddKeysToAgent as written (Vty does not add keys to an agent).</summary>
    public string? AddKeysToAgent { get; init; }

    /// <summary>ProxyJump chain; null when unset, empty for "none".</summary>
    public IReadOnlyList<SshJumpHost>? ProxyJump { get; init; }

    /// <summary>ProxyCommand with tokens expanded; null when unset or "none".</summary>
    public string? ProxyCommand { get; init; }

    /// <summary>ForwardAgent: true/false, or null when unset. A socket path or $VAR also counts as true (see <see cref="ForwardAgentSocket"/>).</summary>
    public bool? ForwardAgent { get; init; }

    /// <summary>The agent socket to forward when ForwardAgent named one.</summary>
    public string? ForwardAgentSocket { get; init; }

    /// <summary>yes, no, ask, accept-new (off maps to no); null when unset.</summary>
    public string? StrictHostKeyChecking { get; init; }

    public IReadOnlyList<string> UserKnownHostsFiles { get; init; } = [];
    public IReadOnlyList<string> GlobalKnownHostsFiles { get; init; } = [];
    public bool? HashKnownHosts { get; init; }
    public string? HostKeyAlias { get; init; }
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>ServerAliveInterval; zero turns keepalives off.</summary>
    public TimeSpan? ServerAliveInterval { get; init; }

    public int? ServerAliveCountMax { get; init; }

    /// <summary>Algorithm list specifications as written (+ - ^ allowed), applied by <see cref="SshConfigClientOptions.Create"/>.</summary>
    public string? KexAlgorithms { get; init; }
    public string? Ciphers { get; init; }
    public string? Macs { get; init; }
    public string? HostKeyAlgorithms { get; init; }
    public string? PubkeyAcceptedAlgorithms { get; init; }

    public IReadOnlyList<string>? PreferredAuthentications { get; init; }
    public bool? PasswordAuthentication { get; init; }
    public bool? KbdInteractiveAuthentication { get; init; }
    public bool? PubkeyAuthentication { get; init; }
    public bool? BatchMode { get; init; }

    public IReadOnlyList<SshForwardSpec> LocalForwards { get; init; } = [];
    public IReadOnlyList<SshForwardSpec> RemoteForwards { get; init; } = [];
    public IReadOnlyList<SshForwardSpec> DynamicForwards { get; init; } = [];

    /// <summary>SendEnv patterns of local variables to send.</summary>
    public IReadOnlyList<string> SendEnv { get; init; } = [];

    /// <summary>SetEnv NAME=VALUE pairs to send.</summary>
    public IReadOnlyDictionary<string, string> SetEnv { get; init; } = new Dictionary<string, string>();

    /// <summary>RequestTTY: no, yes, force, auto; null when unset.</summary>
    public string? RequestTty { get; init; }

    /// <summary>LogLevel as written (upper case); null when unset.</summary>
    public string? LogLevel { get; init; }

    /// <summary>Keywords that were ignored (unknown to Vty, or known but without effect), each once, in the order met.</summary>
    public IReadOnlyList<string> IgnoredOptions { get; init; } = [];

    /// <summary>Local environment variables that SendEnv selects, with SetEnv added (SetEnv wins).</summary>
    public IReadOnlyDictionary<string, string> EnvironmentToSend(Func<IEnumerable<KeyValuePair<string, string>>>? localEnvironment = null)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (SendEnv.Count > 0)
        {
            IEnumerable<KeyValuePair<string, string>> local = localEnvironment?.Invoke() ?? Environment.GetEnvironmentVariables()
                .Cast<System.Collections.DictionaryEntry>().Select(e => new KeyValuePair<string, string>((string)e.Key, (string?)e.Value ?? ""));
            foreach (var (name, value) in local)
                if (SshHostPattern.MatchesList(name, SendEnv)) result[name] = value;
        }
        foreach (var (name, value) in SetEnv) result[name] = value;
        return result;
    }
}
