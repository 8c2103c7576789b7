using System.CommandLine;
using Vty.Cli.Output;
using Vty.Cli.Ssh;
using Vty.Fleet;
using Vty.Hosts;
using Vty.Inventory;
using Vty.Ssh;

namespace Vty.Cli.Commands;

/// <summary>Builds the job options (secrets, enable, connection options) a fleet command line asks for.</summary>
internal static class RunJobOptions
{
    public static async Task<FleetJobOptions> CreateAsync(ParseResult parse, RunFleetOptions options, IReadOnlyList<InventoryHost> hosts)
    {
        bool interactive = !Console.IsInputRedirected && CliConsole.IsTerminal(parse.InvocationConfiguration.Output) && !parse.GetValue(options.Json);
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
                ConfigureSsh = ConfigureSsh(parse, options),
                DriverCatalog = DriverCatalogOption.Load(parse.GetValue(options.Drivers)),
            },
        };
    }

    /// <summary>
    /// Applies the SSH options of the command line (-i, -o, --legacy) to a host's SSH client
    /// options; what the inventory or URL already set (user, port, password, key) stays.
    /// </summary>
    public static Action<InventoryHost, SshClientOptions> ConfigureSsh(ParseResult parse, RunFleetOptions options) => (host, ssh) =>
    {
        SshClientOptions built = options.Ssh.Build(parse, new SshTarget(ssh.Host, ssh.Port, ssh.Username));
        ssh.Legacy |= built.Legacy;
        ssh.KexAlgorithms ??= built.KexAlgorithms;
        ssh.HostKeyAlgorithms ??= built.HostKeyAlgorithms;
        ssh.Ciphers ??= built.Ciphers;
        ssh.Macs ??= built.Macs;
        ssh.HostKeyPolicy = built.HostKeyPolicy;
        ssh.KnownHostsPath ??= built.KnownHostsPath;
        ssh.ConnectTimeout = built.ConnectTimeout;
        ssh.KeepAliveInterval ??= built.KeepAliveInterval;
        ssh.Password ??= built.Password;
        if (ssh.PrivateKeys.Count == 0)
            foreach (var key in built.PrivateKeys)
                ssh.PrivateKeys.Add(key);
    };
}
