using System.CommandLine;
using Vty.Ssh;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Keys;

namespace Vty.Cli.Ssh;

/// <summary>
/// The SSH connection options every command that connects shares (exec, run, config, shell…):
/// -i FILE (repeatable), --password-env NAME, --legacy and OpenSSH-style -o Name=Value. Secrets
/// come from the environment (VTY_PASSWORD, VTY_KEY_PASSPHRASE), never from the command line.
/// Add them with <see cref="AddTo"/>, turn a parse into <see cref="SshClientOptions"/> with <see cref="Build"/>.
/// </summary>
internal sealed class SshCommandLineOptions
{
    public const string PasswordVariable = "VTY_PASSWORD";
    public const string PassphraseVariable = "VTY_KEY_PASSPHRASE";

    /// <summary>The -o names understood (case-insensitive, as OpenSSH).</summary>
    public static readonly IReadOnlyList<string> SupportedSettings =
    [
        "KexAlgorithms", "HostKeyAlgorithms", "Ciphers", "MACs", "StrictHostKeyChecking", "UserKnownHostsFile",
        "ConnectTimeout", "ServerAliveInterval", "Port", "User", "LogLevel",
    ];

    public Option<string[]> Identity { get; } = new("--identity", "-i")
    {
        Description = "Private key file for public key authentication (repeatable). Passphrase from VTY_KEY_PASSPHRASE.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> PasswordEnv { get; } = new("--password-env")
    {
        Description = $"Name of the environment variable holding the password (default {PasswordVariable}).",
    };

    public Option<bool> Legacy { get; } = new("--legacy")
    {
        Description = "Also offer legacy algorithms (SHA-1 key exchange, ssh-rsa, ssh-dss, CBC ciphers, hmac-md5) for old devices.",
    };

    public Option<string[]> Settings { get; } = new("-o")
    {
        Description = "OpenSSH-style Name=Value: KexAlgorithms, HostKeyAlgorithms, Ciphers, MACs (list, +list, -list, ^list), " +
            "StrictHostKeyChecking (yes|accept-new|no), UserKnownHostsFile, ConnectTimeout, ServerAliveInterval, Port, User, " +
            "LogLevel (QUIET|FATAL|ERROR hide the host key warnings on stderr).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Identity);
        command.Options.Add(PasswordEnv);
        command.Options.Add(Legacy);
        command.Options.Add(Settings);
    }

    /// <summary>
    /// Builds client options for <paramref name="target"/>. Throws <see cref="FormatException"/> for
    /// bad option values and <see cref="SshKeyException"/> for unreadable key files.
    /// </summary>
    public SshClientOptions Build(ParseResult parse, SshTarget target, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        bool legacy = parse.GetValue(Legacy);
        var options = new SshClientOptions { Host = target.Host, Legacy = legacy };
        string? user = null;
        int? port = null;
        int logLevel = HostKeyWarnings.Info;
        foreach (string setting in parse.GetValue(Settings) ?? [])
        {
            var (name, value) = SplitSetting(setting);
            switch (name.ToLowerInvariant())
            {
                case "kexalgorithms":
                    options.KexAlgorithms = AlgorithmListValue.Apply(SshAlgorithmCategory.Kex, value, legacy);
                    break;
                case "hostkeyalgorithms":
                    options.HostKeyAlgorithms = AlgorithmListValue.Apply(SshAlgorithmCategory.HostKey, value, legacy);
                    break;
                case "ciphers":
                    options.Ciphers = AlgorithmListValue.Apply(SshAlgorithmCategory.Cipher, value, legacy);
                    break;
                case "macs":
                    options.Macs = AlgorithmListValue.Apply(SshAlgorithmCategory.Mac, value, legacy);
                    break;
                case "stricthostkeychecking":
                    options.HostKeyPolicy = value.ToLowerInvariant() switch
                    {
                        "yes" or "ask" => HostKeyPolicy.Strict,
                        "accept-new" => HostKeyPolicy.AcceptNew,
                        "no" or "off" => HostKeyPolicy.AcceptAny,
                        _ => throw new FormatException($"StrictHostKeyChecking must be yes, accept-new or no, not '{value}'"),
                    };
                    break;
                case "userknownhostsfile":
                    options.KnownHostsPath = ExpandHome(value);
                    break;
                case "connecttimeout":
                    options.ConnectTimeout = TimeSpan.FromSeconds(PositiveInt(name, value));
                    break;
                case "serveraliveinterval":
                    int seconds = NonNegativeInt(name, value);
                    options.KeepAliveInterval = seconds == 0 ? null : TimeSpan.FromSeconds(seconds);
                    break;
                case "port":
                    port = PositiveInt(name, value);
                    if (port > 65535) throw new FormatException($"Port {port} is out of range");
                    break;
                case "user":
                    user = value;
                    break;
                case "loglevel":
                    logLevel = HostKeyWarnings.ParseLogLevel(value);
                    break;
                default:
                    throw new FormatException($"unsupported -o option '{name}' (supported: {string.Join(", ", SupportedSettings)})");
            }
        }
        options.HostKeyNotice = HostKeyWarnings.Create(parse.InvocationConfiguration.Error, logLevel);
        options.Port = target.Port ?? port ?? 22;
        options.Username = target.User ?? user ?? environment("USER") ?? Environment.UserName;
        string passwordVariable = parse.GetValue(PasswordEnv) ?? PasswordVariable;
        options.Password = environment(passwordVariable);
        string? passphrase = environment(PassphraseVariable);
        string[] identities = parse.GetValue(Identity) ?? [];
        foreach (string file in identities)
            options.PrivateKeys.Add(SshPrivateKey.FromFile(ExpandHome(file), passphrase));
        if (identities.Length == 0)
            foreach (SshPrivateKey key in DefaultKeys(passphrase))
                options.PrivateKeys.Add(key);
        return options;
    }

    /// <summary>~/.ssh/id_ed25519, id_ecdsa, id_rsa when present and loadable (as ssh does); encrypted ones need VTY_KEY_PASSPHRASE.</summary>
    private static IEnumerable<SshPrivateKey> DefaultKeys(string? passphrase)
    {
        string dir = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh");
        foreach (string name in new[] { "id_ed25519", "id_ecdsa", "id_rsa" })
        {
            string path = Path.Combine(dir, name);
            if (!File.Exists(path)) continue;
            SshPrivateKey? key = null;
            try
            {
                key = SshPrivateKey.FromFile(path, passphrase);
            }
            catch (SshKeyException) { }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            if (key != null) yield return key;
        }
    }

    private static (string Name, string Value) SplitSetting(string setting)
    {
        int eq = setting.IndexOf('=');
        if (eq < 0) eq = setting.IndexOf(' ');
        if (eq <= 0) throw new FormatException($"-o expects Name=Value, got '{setting}'");
        return (setting[..eq].Trim(), setting[(eq + 1)..].Trim());
    }

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, out int n) && n > 0 ? n : throw new FormatException($"{name} must be a positive whole number, not '{value}'");

    private static int NonNegativeInt(string name, string value) =>
        int.TryParse(value, out int n) && n >= 0 ? n : throw new FormatException($"{name} must be a whole number, not '{value}'");

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;
}
