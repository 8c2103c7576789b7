namespace Vty.Ssh.Config;

/// <summary>Turns the obtained directives into a <see cref="SshResolvedConfig"/>: defaults, typed values, token expansion.</summary>
internal static class SshConfigResolver
{
    public static SshResolvedConfig Build(string originalHost, SshConfigQuery query, SshConfigValues values)
    {
        SshConfigDirective? Get(string name) => values.First(name);
        string? Text(string name) => Get(name) is { } d ? SshConfigValueParser.Single(d) : null;
        bool? Flag(string name) => Get(name) is { } d ? SshConfigValueParser.Flag(d) : null;
        TimeSpan? Time(string name) => Get(name) is { } d ? SshConfigValueParser.Time(d) : null;
        string? Lower(string name) => Text(name)?.ToLowerInvariant();

        string? userValue = Text("User");
        string user = userValue ?? query.LocalUser;
        int port = Get("Port") is { } p ? SshConfigValueParser.Port(p) : 22;
        // ssh lower-cases the destination; %n keeps it as typed.
        string hostName = originalHost.ToLowerInvariant();
        if (Get("HostName") is { } hn)
            hostName = new SshConfigTokens(query, originalHost, hostName, port, user, null, null).Expand(SshConfigValueParser.Single(hn), hn, "h");
        IReadOnlyList<SshJumpHost>? jump = Get("ProxyJump") is { } j ? SshConfigValueParser.Jump(j) : null;
        string? alias = Text("HostKeyAlias");
        var tokens = new SshConfigTokens(query, originalHost, hostName, port, user, alias, Get("ProxyJump")?.Arguments[0]);

        string? proxyCommand = null;
        if (Get("ProxyCommand") is { } pc)
        {
            string command = SshConfigValueParser.Rest(pc);
            if (!command.Equals("none", StringComparison.OrdinalIgnoreCase)) proxyCommand = tokens.Expand(command, pc, "hnpr");
        }

        bool? forwardAgent = null;
        string? forwardSocket = null;
        if (Get("ForwardAgent") is { } fa)
        {
            string value = SshConfigValueParser.Single(fa);
            switch (value.ToLowerInvariant())
            {
                case "yes" or "true": forwardAgent = true; break;
                case "no" or "false": forwardAgent = false; break;
                default:
                    forwardAgent = true;
                    forwardSocket = value.StartsWith('$')
                        ? query.Environment(value[1..]) ?? throw fa.Error($"ForwardAgent names {value}, which is not set")
                        : tokens.ExpandPath(value, fa);
                    break;
            }
        }

        string? identityAgent = null;
        if (Get("IdentityAgent") is { } ia)
        {
            string value = SshConfigValueParser.Single(ia);
            identityAgent = value.Equals("none", StringComparison.OrdinalIgnoreCase) ? "none"
                : value == "SSH_AUTH_SOCK" ? null
                : value.StartsWith('$') ? query.Environment(value[1..]) ?? throw ia.Error($"IdentityAgent names {value}, which is not set")
                : tokens.ExpandPath(value, ia);
        }

        var sendEnv = new List<string>();
        foreach (SshConfigDirective d in values.All("SendEnv"))
            foreach (string pattern in d.Arguments)
                if (pattern.StartsWith('-')) sendEnv.RemoveAll(existing => Algorithms.AlgorithmList.WildcardMatches(pattern[1..], existing));
                else if (!sendEnv.Contains(pattern, StringComparer.Ordinal)) sendEnv.Add(pattern);
        var setEnv = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (SshConfigDirective d in values.All("SetEnv"))
            foreach (string assignment in d.Arguments)
            {
                var (name, value) = SshConfigValueParser.EnvironmentAssignment(d, assignment);
                setEnv.TryAdd(name, value);
            }

        string? strict = Lower("StrictHostKeyChecking") switch
        {
            null => null,
            "true" => "yes",
            "false" or "off" => "no",
            string other => other,
        };

        return new SshResolvedConfig
        {
            OriginalHost = originalHost,
            HostName = hostName,
            User = user,
            UserWasSet = userValue != null,
            Port = port,
            IdentityFiles = [.. values.All("IdentityFile").Select(d => tokens.ExpandPath(SshConfigValueParser.Single(d), d))],
            IdentitiesOnly = Flag("IdentitiesOnly"),
            CertificateFiles = [.. values.All("CertificateFile").Select(d => tokens.ExpandPath(SshConfigValueParser.Single(d), d))],
            IdentityAgent = identityAgent,
            AddKeysToAgent = Text("AddKeysToAgent"),
            ProxyJump = jump,
            ProxyCommand = proxyCommand,
            ForwardAgent = forwardAgent,
            ForwardAgentSocket = forwardSocket,
            StrictHostKeyChecking = strict,
            UserKnownHostsFiles = Get("UserKnownHostsFile") is { } uk ? [.. uk.Arguments.Select(a => tokens.ExpandPath(a, uk))] : [],
            GlobalKnownHostsFiles = Get("GlobalKnownHostsFile") is { } gk ? [.. gk.Arguments.Select(a => tokens.ExpandPath(a, gk))] : [],
            HashKnownHosts = Flag("HashKnownHosts"),
            HostKeyAlias = alias,
            ConnectTimeout = Time("ConnectTimeout"),
            ServerAliveInterval = Time("ServerAliveInterval"),
            ServerAliveCountMax = Get("ServerAliveCountMax") is { } sc ? SshConfigValueParser.NonNegative(sc) : null,
            KexAlgorithms = Text("KexAlgorithms"),
            Ciphers = Text("Ciphers"),
            Macs = Text("MACs"),
            HostKeyAlgorithms = Text("HostKeyAlgorithms"),
            PubkeyAcceptedAlgorithms = Text("PubkeyAcceptedAlgorithms"),
            PreferredAuthentications = Text("PreferredAuthentications")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            PasswordAuthentication = Flag("PasswordAuthentication"),
            KbdInteractiveAuthentication = Flag("KbdInteractiveAuthentication"),
            PubkeyAuthentication = Lower("PubkeyAuthentication") is { } pa ? pa is not ("no" or "false") : null,
            BatchMode = Flag("BatchMode"),
            LocalForwards = [.. values.All("LocalForward").Select(d => SshConfigValueParser.Forward(d, SshForwardKind.Local))],
            RemoteForwards = [.. values.All("RemoteForward").Select(d => SshConfigValueParser.Forward(d, SshForwardKind.Remote))],
            DynamicForwards = [.. values.All("DynamicForward").Select(d => SshConfigValueParser.Forward(d, SshForwardKind.Dynamic))],
            SendEnv = sendEnv,
            SetEnv = setEnv,
            RequestTty = Lower("RequestTTY") switch { "true" => "yes", "false" => "no", var v => v },
            LogLevel = Text("LogLevel")?.ToUpperInvariant(),
            IgnoredOptions = values.Ignored,
        };
    }
}
