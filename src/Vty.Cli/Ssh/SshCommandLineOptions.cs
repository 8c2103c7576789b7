using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using Vty.Ssh;
using Vty.Ssh.Config;

namespace Vty.Cli.Ssh;

/// <summary>
/// The SSH connection options every command that connects shares (exec, run, config, task,
/// shell), with OpenSSH's names: -F FILE, -J HOPS, -i FILE, -l USER, -p PORT, -o Name=Value, -A,
/// plus --password-env NAME and --legacy. ssh_config (~/.ssh/config and /etc/ssh/ssh_config, or
/// -F) is evaluated for the destination; command-line values come first and so win. Secrets come
/// from the environment (VTY_PASSWORD, VTY_KEY_PASSPHRASE), never from the command line.
/// </summary>
internal sealed class SshCommandLineOptions
{
    public const string PasswordVariable = "VTY_PASSWORD";
    public const string PassphraseVariable = "VTY_KEY_PASSPHRASE";

    public Option<string?> ConfigFile { get; } = new("-F")
    {
        Description = "ssh_config file to read instead of ~/.ssh/config and /etc/ssh/ssh_config ('none' for none).",
    };

    public Option<string?> Jump { get; } = new("-J")
    {
        Description = "Jump hosts, [user@]host[:port] separated by commas (ProxyJump).",
    };

    public Option<string[]> Identity { get; } = new("-i", "--identity")
    {
        Description = "Private key file for public key authentication (repeatable). Passphrase from VTY_KEY_PASSPHRASE.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> LoginName { get; } = new("-l")
    {
        Description = "User to log in as (User).",
    };

    public Option<string?> Port { get; } = new("-p")
    {
        Description = "Port to connect to (Port).",
    };

    public Option<bool> ForwardAgent { get; } = new("-A")
    {
        Description = "Forward the local ssh-agent (ForwardAgent yes).",
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
        Description = "ssh_config option as Name=Value (repeatable): HostName, User, Port, IdentityFile, ProxyJump, ProxyCommand, " +
            "KexAlgorithms, Ciphers, MACs, HostKeyAlgorithms (list, +list, -list, ^list), StrictHostKeyChecking, UserKnownHostsFile, " +
            "ConnectTimeout, ServerAliveInterval, PreferredAuthentications, … (see docs/user-guide.md).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private bool _loginAndPort;

    // ssh_config parsed once per command line (per file set), evaluated per host: a fleet run
    // resolves every host against the same files, and re-reading them cost ~4 % of its CPU.
    private readonly ConditionalWeakTable<ParseResult, ConcurrentDictionary<string, SshConfig>> _configs = new();

    /// <summary>
    /// Adds the options to a command; -l and -p only with <paramref name="loginAndPort"/> (the fleet
    /// commands use -p for --parallel: there, -o User= and -o Port= do it).
    /// </summary>
    public void AddTo(Command command, bool loginAndPort = true)
    {
        _loginAndPort = loginAndPort;
        foreach (Option option in new Option[] { ConfigFile, Jump, Identity, ForwardAgent, PasswordEnv, Legacy, Settings })
            command.Options.Add(option);
        if (!loginAndPort) return;
        command.Options.Add(LoginName);
        command.Options.Add(Port);
    }

    /// <summary>
    /// Resolves <paramref name="destination"/> ([user@]host, an ssh_config alias or ssh://user@host:port)
    /// through ssh_config and the command line. Throws <see cref="FormatException"/> for a bad
    /// destination or flag value, <see cref="SshConfigException"/> for a bad config,
    /// <see cref="SshAlgorithmListException"/> for an algorithm Vty cannot run and
    /// <see cref="Vty.Ssh.Keys.SshKeyException"/> for an unreadable key file.
    /// </summary>
    public SshConnectionRequest Build(ParseResult parse, string destination, IEnumerable<string>? extraOptions = null,
        Func<string, string?>? environment = null, string? configFile = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var (target, config, query) = Prepare(parse, destination, extraOptions, configFile);
        SshResolvedConfig resolved = config.Resolve(target.Host, query);
        bool legacy = parse.GetValue(Legacy);
        SshClientOptions options = config.CreateClientOptions(target.Host, query, legacy, environment(PassphraseVariable),
            Telemetry.CliTelemetry.LoggerFactoryOrNull?.CreateLogger("Vty.Ssh"));
        string? password = environment(parse.GetValue(PasswordEnv) ?? PasswordVariable);
        options.Password = password;
        options.HostKeyNotice = HostKeyWarnings.Create(parse.InvocationConfiguration.Error,
            resolved.LogLevel is { } level ? HostKeyWarnings.ParseLogLevel(level) : HostKeyWarnings.Info);
        foreach (SshClientOptions hop in options.JumpHosts)
        {
            hop.Password ??= password;
            hop.HostKeyNotice ??= options.HostKeyNotice;
        }
        return new SshConnectionRequest(options, resolved);
    }

    /// <summary>
    /// True when ssh_config or -o say BatchMode yes for this destination: the command must not ask
    /// for passwords on the terminal. Reads no key files.
    /// </summary>
    public bool IsBatchMode(ParseResult parse, string destination, string? configFile = null)
    {
        var (target, config, query) = Prepare(parse, destination, null, configFile);
        return config.Resolve(target.Host, query).BatchMode == true;
    }

    private (SshTarget Target, SshConfig Config, SshConfigQuery Query) Prepare(ParseResult parse, string destination,
        IEnumerable<string>? extraOptions, string? configFile)
    {
        SshTarget target = SshTarget.Parse(destination);
        var commandLine = new List<string>();
        if (_loginAndPort && parse.GetValue(LoginName) is { } user) commandLine.Add("User=" + user);
        if (_loginAndPort && parse.GetValue(Port) is { } port) commandLine.Add("Port=" + port);
        foreach (string file in parse.GetValue(Identity) ?? []) commandLine.Add($"IdentityFile=\"{file}\"");
        if (parse.GetValue(Jump) is { } jump) commandLine.Add("ProxyJump=" + jump);
        if (parse.GetValue(ForwardAgent)) commandLine.Add("ForwardAgent=yes");
        commandLine.AddRange(extraOptions ?? []);
        foreach (string setting in parse.GetValue(Settings) ?? [])
        {
            if (!setting.Contains('=') && !setting.Trim().Contains(' '))
                throw new FormatException($"-o expects Name=Value, got '{setting}'");
            commandLine.Add(setting);
        }
        // The destination's user and port count only when no option set them (as in ssh).
        if (target.User is { } destinationUser) commandLine.Add("User=" + destinationUser);
        if (target.Port is { } destinationPort) commandLine.Add("Port=" + destinationPort.ToString(CultureInfo.InvariantCulture));

        return (target, Config(parse, configFile ?? parse.GetValue(ConfigFile)), new SshConfigQuery { CommandLineOptions = commandLine });
    }

    /// <summary>
    /// Client options for an already parsed destination (user, host, port), resolved the same way;
    /// <paramref name="extraOptions"/> (Name=Value) come after the command line's flags and before its -o
    /// values, <paramref name="configFile"/> replaces -F (an inventory host's own ssh_config file).
    /// </summary>
    public SshClientOptions Build(ParseResult parse, SshTarget target, IEnumerable<string>? extraOptions = null, string? configFile = null)
    {
        string host = target.Host.Contains(':') ? $"[{target.Host}]" : target.Host;
        string text = target.Port is { } port
            ? $"ssh://{(target.User is null ? "" : Uri.EscapeDataString(target.User) + "@")}{host}:{port.ToString(CultureInfo.InvariantCulture)}"
            : (target.User is null ? "" : target.User + "@") + target.Host;
        return Build(parse, text, extraOptions, configFile: configFile).Options;
    }

    /// <summary>The ssh_config of -F <paramref name="file"/> (or the default files), read once for this command line.</summary>
    private SshConfig Config(ParseResult parse, string? file) =>
        _configs.GetValue(parse, _ => new ConcurrentDictionary<string, SshConfig>(StringComparer.Ordinal))
            .GetOrAdd(file is null ? DefaultFiles : ExpandHome(file),
                path => (path == DefaultFiles ? SshConfig.Default() : SshConfig.FromFile(path)).WithParsedFilesKept());

    private const string DefaultFiles = "\0default"; // no file path holds a NUL

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;
}
