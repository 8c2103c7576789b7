using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Ssh.Keys;
using Vty.Ssh.Server;
using Vty.Ssh.Server.HostKeys;
using Vty.Telnet;

namespace Vty.Lab.Serving;

/// <summary>
/// Serves N emulated devices on loopback, each on its own SSH port (the project's SSH server)
/// and Telnet port (the project's Telnet server), in this process. SSH exec runs one command like
/// real IOS (<c>ssh router 'show version'</c>), an SSH shell gets the device's prompt directly
/// (authentication already happened), Telnet gets the device's own login dialog. Used by
/// <c>vty lab</c>, the demo, the tests and the benchmarks.
/// </summary>
public sealed class LabHost : IAsyncDisposable
{
    private readonly List<SshServer> _sshServers = new();
    private readonly List<TelnetServer> _telnetServers = new();
    private readonly ILogger _logger;
    private int _stopped;

    private LabHost(LabHostOptions options, IReadOnlyList<LabHostDevice> devices)
    {
        Options = options;
        Devices = devices;
        _logger = options.Logger ?? NullLogger.Instance;
    }

    /// <summary>The options the lab was started with.</summary>
    public LabHostOptions Options { get; }

    /// <summary>The devices, in order.</summary>
    public IReadOnlyList<LabHostDevice> Devices { get; }

    /// <summary>
    /// Creates the devices and starts their servers. Throws <see cref="ArgumentException"/> for an
    /// unknown profile or bad counts, and a socket error naming the port when a fixed port is taken.
    /// </summary>
    public static async Task<LabHost> StartAsync(LabHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        IReadOnlyList<SshPrivateKey> hostKeys = options.Ssh ? await LoadHostKeysAsync(options, cancellationToken).ConfigureAwait(false) : [];

        var devices = new List<LabHostDevice>(options.Devices);
        for (int i = 0; i < options.Devices; i++)
        {
            string profileName = options.Profiles[i % options.Profiles.Count];
            DeviceProfile profile = DeviceProfiles.Get(profileName);
            string name = $"{profile.Name}{i + 1}";
            var deviceOptions = new LabDeviceOptions
            {
                Hostname = name,
                Username = options.Username,
                Password = options.Password,
                EnablePassword = options.EnablePassword,
            };
            options.ConfigureDevice?.Invoke(i, deviceOptions);
            devices.Add(new LabHostDevice(i, name, new EmulatedDevice(profile, deviceOptions)) { Address = options.Address.ToString() });
        }

        var host = new LabHost(options, devices);
        try
        {
            foreach (LabHostDevice device in devices)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (options.Ssh) host.StartSsh(device, hostKeys);
                if (options.Telnet) host.StartTelnet(device);
            }
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        host._logger.LogInformation("lab started: {Count} devices", devices.Count);
        return host;
    }

    private static void Validate(LabHostOptions options)
    {
        if (options.Devices < 1) throw new ArgumentException("the lab needs at least one device (--devices N)", nameof(options));
        if (options.Profiles.Count == 0) throw new ArgumentException("the lab needs at least one profile (--profiles ios,junos,…)", nameof(options));
        if (!options.Ssh && !options.Telnet) throw new ArgumentException("both SSH and Telnet are turned off, so the lab would serve nothing; drop --no-ssh or --no-telnet (Ssh/Telnet in LabHostOptions)", nameof(options));
        foreach (string profile in options.Profiles)
            if (!DeviceProfiles.TryGet(profile, out _))
                throw new ArgumentException($"unknown device profile '{profile}'; known profiles: {string.Join(", ", DeviceProfiles.Names)}", nameof(options));
        CheckPortRange(options.SshBasePort, options.Devices, "SSH");
        CheckPortRange(options.TelnetBasePort, options.Devices, "Telnet");
    }

    private static void CheckPortRange(int basePort, int devices, string what)
    {
        if (basePort < 0 || (basePort > 0 && basePort + devices - 1 > 65535))
            throw new ArgumentException($"{what} ports {basePort}..{basePort + devices - 1} are outside 1..65535; pick a lower base port or 0 for ephemeral ports");
    }

    private static Task<IReadOnlyList<SshPrivateKey>> LoadHostKeysAsync(LabHostOptions options, CancellationToken cancellationToken)
    {
        if (options.HostKeys is { Count: > 0 } given) return Task.FromResult<IReadOnlyList<SshPrivateKey>>(given.ToArray());
        // Key generation (RSA especially) is CPU work; keep it off the caller's context.
        return Task.Run(() => options.HostKeyDirectory is { } directory
            ? SshHostKeyStore.LoadOrGenerate(directory)
            : SshHostKeyStore.GenerateEphemeral(), cancellationToken);
    }

    private void StartSsh(LabHostDevice device, IReadOnlyList<SshPrivateKey> hostKeys)
    {
        int port = Options.SshBasePort == 0 ? 0 : Options.SshBasePort + device.Index;
        var handler = new LabSshHandler(device.Device, _logger);
        var sshOptions = new SshServerOptions
        {
            EndPoint = new IPEndPoint(Options.Address, port),
            HostKeys = hostKeys.ToList(),
            Authentication = handler.CreateAuthentication(Options.Username, Options.Password),
            SessionHandler = handler.RunAsync,
            SoftwareVersion = "Vty_Lab",
            HandshakeTimeout = Options.SshHandshakeTimeout,
            // Fleet runs and benchmarks open hundreds of sessions to a lab at once; a lab on
            // loopback has no flood to defend against.
            MaxStartups = SshMaxStartups.Unlimited,
            DirectTcpipHandler = Options.AllowPortForwarding ? SshServerForwarding.ConnectTcp() : null,
            TcpipForwardHandler = Options.AllowPortForwarding ? SshServerForwarding.AllowRemote() : null,
            Logger = _logger,
        };
        // Linux profiles serve their file tree over SFTP; IOS-like ones take SCP to flash through exec.
        if (device.Device.Profile.ShellSyntax) sshOptions.Subsystems["sftp"] = handler.RunAsync;
        var server = new SshServer(sshOptions);
        _sshServers.Add(server);
        server.Start();
        device.SshPort = server.Port;
    }

    private void StartTelnet(LabHostDevice device)
    {
        int port = Options.TelnetBasePort == 0 ? 0 : Options.TelnetBasePort + device.Index;
        EmulatedDevice emulated = device.Device;
        var server = new TelnetServer(new IPEndPoint(Options.Address, port), async (connection, ct) =>
        {
            (int columns, int rows) = connection.WindowSize ?? (80, 24);
            await emulated.RunSessionAsync(connection.Stream,
                new LabSessionStart(PreAuthenticated: false, Columns: columns, Rows: rows, LoggedIn: connection.LoginSucceeded), ct).ConfigureAwait(false);
        }, new TelnetServerOptions
        {
            // Real devices print their banner together with their option requests instead of waiting
            // for the answers; clients such as Python's telnetlib answer only when they next read.
            NegotiationTimeout = TimeSpan.Zero,
            LoginGraceTime = Options.TelnetLoginGraceTime,
            // As for SSH: fleets open hundreds of sessions to a lab at once.
            MaxStartups = TelnetMaxStartups.Unlimited,
            Logger = _logger,
        });
        _telnetServers.Add(server);
        server.Start();
        device.TelnetPort = server.Port;
    }

    /// <summary>Connections the lab's SSH and Telnet servers are serving now (a client that closed may count until the server has finished with it).</summary>
    public int ActiveConnections => _sshServers.Sum(s => s.ActiveConnections) + _telnetServers.Sum(s => s.ActiveConnections);

    /// <summary>The lab as inventory YAML that <c>vty run --inventory</c> accepts (see <see cref="LabInventoryWriter"/>).</summary>
    public string ToInventoryYaml() => LabInventoryWriter.Write(this);

    /// <summary>Writes <see cref="ToInventoryYaml"/> to a file.</summary>
    public Task WriteInventoryAsync(string path, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, ToInventoryYaml(), cancellationToken);

    /// <summary>Stops every server; open sessions are closed cleanly.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        var stops = new List<Task>();
        stops.AddRange(_sshServers.Select(s => s.StopAsync()));
        stops.AddRange(_telnetServers.Select(s => s.StopAsync()));
        await Task.WhenAll(stops).ConfigureAwait(false);
        _logger.LogInformation("lab stopped");
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (SshServer server in _sshServers) await server.DisposeAsync().ConfigureAwait(false);
        foreach (TelnetServer server in _telnetServers) await server.DisposeAsync().ConfigureAwait(false);
    }
}
