using System.CommandLine;
using Vty.Cli.Output;
using Vty.Cli.Ssh;
using Vty.Fleet;
using Vty.Hosts;
using Vty.Inventory;
using Vty.Ssh;
using Vty.Ssh.Keys;

namespace Vty.Cli.Commands;

/// <summary>Builds the job options (secrets, enable, connection options) a fleet command line asks for.</summary>
internal static class RunJobOptions
{
    public static async Task<FleetJobOptions> CreateAsync(ParseResult parse, RunFleetOptions options, IReadOnlyList<InventoryHost> hosts)
    {
        // A distributed run's secrets are resolved by each worker from its own environment: never ask here.
        bool distributed = parse.GetValue(options.Nats.Url) is not null || Nats.WorkerJobCapture.Current is not null;
        bool interactive = !distributed && !Console.IsInputRedirected && CliConsole.IsTerminal(parse.InvocationConfiguration.Output) && !parse.GetValue(options.Json);
        var secrets = new SecretResolver(prompt: interactive ? SecretPrompt.AskAsync : null)
        {
            DefaultPasswordVariable = parse.GetValue(options.Ssh.PasswordEnv) ?? SecretResolver.PasswordVariable,
        };
        // Ask for a missing password once, before the progress display takes the terminal.
        if (interactive)
        {
            foreach (InventoryHost host in hosts)
            {
                try
                {
                    if (IsBatchMode(parse, options.Ssh, host)) continue;
                    await secrets.ResolveAsync(host).ConfigureAwait(false);
                }
                catch (InventoryException)
                {
                    // Reported as that host's failure during the run.
                }
            }
        }
        return new FleetJobOptions
        {
            Secrets = secrets,
            Connect = new Devices.DeviceConnectOptions
            {
                Enable = parse.GetValue(options.Enable),
                LoggerFactory = Telemetry.CliTelemetry.LoggerFactoryOrNull,
                ConfigureSsh = ConfigureSsh(parse, options),
                DriverCatalog = DriverCatalogOption.Load(parse.GetValue(options.Drivers)),
                // Fleet results are text: keeping each command's raw bytes too would double what
                // a host streaming megabytes costs.
                ConfigureProtocol = (_, protocol) => protocol.KeepRawBytes = false,
            },
        };
    }

    /// <summary>
    /// Applies ssh_config and the SSH options of the command line (-F, -J, -i, -o, --legacy…) to a
    /// host's SSH client options: an inventory host may be an ssh_config alias (its HostName, port,
    /// jump hosts and keys apply); what the inventory or URL already set (user, password, key) stays.
    /// </summary>
    public static Action<InventoryHost, SshClientOptions> ConfigureSsh(ParseResult parse, RunFleetOptions options) => ConfigureSsh(parse, options.Ssh);

    // BatchMode yes (ssh_config or -o) means no password prompt for that host: it fails instead, as ssh does.
    private static bool IsBatchMode(ParseResult parse, SshCommandLineOptions ssh, InventoryHost host)
    {
        if (!Uri.TryCreate(host.Url, UriKind.Absolute, out Uri? uri) || uri.Scheme != "ssh") return false;
        try
        {
            return ssh.IsBatchMode(parse, host.Settings.SshConfigAlias ?? uri.Host, host.Settings.SshConfigFile);
        }
        catch (Exception e) when (e is FormatException or SshException)
        {
            return false; // the connection reports the bad config for that host
        }
    }

    private static bool ExplicitUser(InventoryHost host) =>
        host.Settings.Username is not null || (Uri.TryCreate(host.Url, UriKind.Absolute, out Uri? uri) && uri.UserInfo.Length > 0);

    /// <summary>
    /// The same for any command with the SSH options. An inventory host's <c>ssh_config:</c> alias is the
    /// destination looked up (its file, when named, replaces -F for it) and its <c>jump:</c> is its
    /// ProxyJump, after -J and -o on the command line, which win.
    /// </summary>
    public static Action<InventoryHost, SshClientOptions> ConfigureSsh(ParseResult parse, SshCommandLineOptions sshOptions) => (host, ssh) =>
    {
        string[] extra = host.Settings.Jump is { } jump ? ["ProxyJump=" + jump] : [];
        // The user the inventory or URL names wins; otherwise ssh_config's User (or the local user) applies.
        string? user = ExplicitUser(host) ? ssh.Username : null;
        SshTarget target = host.Settings.SshConfigAlias is { } alias
            ? new SshTarget(alias, ssh.Port == 22 ? null : ssh.Port, user)
            : new SshTarget(ssh.Host, null, null);
        SshClientOptions built = sshOptions.Build(parse, target, extra, host.Settings.SshConfigFile);
        ssh.Host = built.Host;
        if (ssh.Port == 22) ssh.Port = built.Port;
        if (string.IsNullOrEmpty(ssh.Username) || user is null) ssh.Username = built.Username;
        ssh.Legacy |= built.Legacy;
        ssh.KexAlgorithms ??= built.KexAlgorithms;
        ssh.HostKeyAlgorithms ??= built.HostKeyAlgorithms;
        ssh.Ciphers ??= built.Ciphers;
        ssh.Macs ??= built.Macs;
        ssh.PublicKeyAlgorithms ??= built.PublicKeyAlgorithms;
        ssh.AuthenticationMethods ??= built.AuthenticationMethods;
        ssh.HostKeyPolicy = built.HostKeyPolicy;
        ssh.HostKeyAlias ??= built.HostKeyAlias;
        ssh.KnownHostsPath ??= built.KnownHostsPath;
        ssh.HostKeyNotice ??= built.HostKeyNotice;
        ssh.ConnectTimeout = built.ConnectTimeout;
        ssh.KeepAliveInterval ??= built.KeepAliveInterval;
        ssh.KeepAliveCountMax = built.KeepAliveCountMax;
        ssh.ProxyCommand ??= built.ProxyCommand;
        ssh.ForwardAgent |= built.ForwardAgent;
        ssh.AgentSocketPath ??= built.AgentSocketPath;
        ssh.Password ??= built.Password;
        if (ssh.JumpHosts.Count == 0 && ssh.ProxyCommand == null)
            foreach (SshClientOptions hop in built.JumpHosts)
            {
                hop.Password ??= ssh.Password;
                ssh.JumpHosts.Add(hop);
            }
        if (ssh.PrivateKeys.Count == 0)
            foreach (var key in built.PrivateKeys)
                ssh.PrivateKeys.Add(key);
        foreach (SshPublicKey certificate in built.Certificates)
            if (!ssh.Certificates.Contains(certificate)) ssh.Certificates.Add(certificate);
        ssh.IdentityAgent ??= built.IdentityAgent;
        ssh.IdentitiesOnly |= built.IdentitiesOnly;
        ssh.HashKnownHosts |= built.HashKnownHosts;
        foreach (string file in built.ReadOnlyKnownHostsPaths)
            if (!ssh.ReadOnlyKnownHostsPaths.Contains(file)) ssh.ReadOnlyKnownHostsPaths.Add(file);
    };
}
