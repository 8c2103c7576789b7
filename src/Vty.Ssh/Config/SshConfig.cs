namespace Vty.Ssh.Config;

/// <summary>
/// OpenSSH client configuration: ~/.ssh/config then /etc/ssh/ssh_config by default, one file
/// with -F FILE, or none with -F none. <see cref="Resolve"/> evaluates it for a destination with
/// OpenSSH's rules (first obtained value wins; Host, Match, Include; tokens).
/// </summary>
public sealed class SshConfig
{
    /// <summary>The system-wide file read after the user's.</summary>
    public const string SystemConfigPath = "/etc/ssh/ssh_config";

    private readonly IReadOnlyList<(string Path, bool IsUser, bool Required)> _files;
    private readonly string? _text;
    private readonly SshConfigFileCache? _kept;

    private SshConfig(IReadOnlyList<(string, bool, bool)> files, string? text, SshConfigFileCache? kept = null)
    {
        _files = files;
        _text = text;
        _kept = kept;
    }

    /// <summary>No configuration at all (ssh -F none): only command-line options and defaults.</summary>
    public static SshConfig None { get; } = new([], null);

    /// <summary>~/.ssh/config (of <paramref name="homeDirectory"/>, default the user's) then /etc/ssh/ssh_config; missing files are skipped.</summary>
    public static SshConfig Default(string? homeDirectory = null)
    {
        string home = homeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new([(Path.Combine(home, ".ssh", "config"), true, false), (SystemConfigPath, false, false)], null);
    }

    /// <summary>
    /// ssh -F: "none" means no configuration; otherwise only that file, which must exist (checked
    /// when resolving). Includes with relative paths are looked up in ~/.ssh, as ssh does.
    /// </summary>
    public static SshConfig FromFile(string path) =>
        string.Equals(path, "none", StringComparison.OrdinalIgnoreCase) ? None : new([(path, true, true)], null);

    /// <summary>Configuration text held in memory (inventories, tests); treated as a user file.</summary>
    public static SshConfig FromText(string text) => new([], text);

    /// <summary>
    /// The same configuration, but each file is read and parsed once (and each Include pattern
    /// expanded once) and kept for every later <see cref="Resolve"/>: for a run over many hosts,
    /// during which the files are taken not to change. Evaluation stays per host. Safe to share
    /// between threads. A file that cannot be read is not kept, so it fails every resolve alike.
    /// </summary>
    public SshConfig WithParsedFilesKept() => new(_files, _text, new SshConfigFileCache());

    /// <summary>
    /// Evaluates the configuration for <paramref name="host"/> (the destination as given, an alias
    /// or a name). Throws <see cref="SshConfigException"/> for a bad value, an unsupported Match
    /// criterion or an unreadable -F file, naming file and line.
    /// </summary>
    public SshResolvedConfig Resolve(string host, SshConfigQuery? query = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        query ??= new SshConfigQuery();
        var values = new SshConfigValues();
        int n = 0;
        foreach (string option in query.CommandLineOptions)
        {
            SshConfigDirective d = SshConfigLineParser.ParseLine(option, null, ++n)
                ?? throw new SshConfigException($"-o '{option}' is empty; expected Name=Value");
            if (d.Arguments.Count == 0) throw new SshConfigException($"-o '{option}' has no value; expected Name=Value");
            string keyword = d.Keyword.ToLowerInvariant();
            if (keyword is "host" or "match" or "include")
                throw new SshConfigException($"-o {d.Keyword} is not allowed on the command line");
            values.Apply(d with { Line = 0 });
        }

        SshConfigFileCache files = _kept ?? new SshConfigFileCache();
        var sources = new List<(IReadOnlyList<SshConfigDirective>, bool)>();
        if (_text != null) sources.Add((files.ParseInline(_text), true));
        foreach (var (path, isUser, required) in _files)
        {
            if (!files.Exists(path))
            {
                if (required) throw new SshConfigException($"ssh config file {path} does not exist (give an existing file to -F, or -F none)");
                continue;
            }
            sources.Add((files.Read(path), isUser));
        }
        new SshConfigEvaluator(query, host, values, files.Read, files.Expand).Run(sources);
        return SshConfigResolver.Build(host, query, values);
    }

    /// <summary>
    /// Resolves <paramref name="host"/> and turns it into client options, ProxyJump hops included
    /// (each hop resolved through this configuration as a host of its own, with the user and port
    /// the ProxyJump entry names).
    /// </summary>
    public SshClientOptions CreateClientOptions(string host, SshConfigQuery? query = null, bool legacy = false, string? passphrase = null,
        Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        query ??= new SshConfigQuery();
        SshResolvedConfig target = Resolve(host, query);
        return SshConfigClientOptions.Create(target, legacy, passphrase, logger, query.HomeDirectory, hop => Resolve(hop.Host, new SshConfigQuery
        {
            LocalUser = query.LocalUser,
            HomeDirectory = query.HomeDirectory,
            Environment = query.Environment,
            CommandLineOptions = [.. hop.User is { } u ? [$"User={u}"] : Array.Empty<string>(), .. hop.Port is { } p ? [$"Port={p}"] : Array.Empty<string>()],
        }));
    }
}
