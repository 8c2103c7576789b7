using System.Net;
using Vty.Ssh;
using Vty.Ssh.Server;
using Vty.Ssh.Server.Auth;
using Vty.Ssh.Server.Channels;
using Vty.Ssh.Server.HostKeys;
using Vty.Telnet;
using Vty.TestSupport;

namespace Vty.Tests.Protocols.Independent;

/// <summary>
/// Each independent-style device served on 127.0.0.1 by our SSH server (authentication by the
/// server, shell straight to the prompt) and our Telnet server (the device's own login dialog).
/// </summary>
public sealed class IndependentDeviceServers : IAsyncLifetime
{
    private readonly List<SshServer> _ssh = [];
    private readonly List<TelnetServer> _telnet = [];
    private readonly Dictionary<string, (IndependentDevice Device, int SshPort, int TelnetPort)> _devices = [];

    public TempDirectory Directory { get; } = new("vty-independent");

    internal (IndependentDevice Device, string SshUrl, string TelnetUrl) Get(string style)
    {
        var (device, ssh, telnet) = _devices[style];
        return (device, $"ssh://127.0.0.1:{ssh}", $"telnet://127.0.0.1:{telnet}");
    }

    public Task InitializeAsync()
    {
        var hostKeys = SshHostKeyStore.GenerateEphemeral(["ssh-ed25519"]).ToList();
        foreach (IndependentStyle style in IndependentStyles.All)
        {
            var device = new IndependentDevice(style);
            var ssh = new SshServer(new SshServerOptions
            {
                EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
                HostKeys = hostKeys,
                SoftwareVersion = style.SshVersion,
                Authentication = new SshServerAuthentication
                {
                    Password = (request, _) => ValueTask.FromResult(request.User == "lab" && request.Password == "lab" ? SshAuthDecision.Success : SshAuthDecision.Failure),
                },
                SessionHandler = async (session, ct) =>
                {
                    if (session.Kind != SshSessionKind.Shell)
                        return 127;
                    await device.RunAsync(session.Stream, loginDialog: false, ct);
                    return 0;
                },
            });
            ssh.Start();
            var telnet = new TelnetServer(new IPEndPoint(IPAddress.Loopback, 0),
                (connection, ct) => device.RunAsync(connection.Stream, loginDialog: true, ct),
                new TelnetServerOptions { NegotiationTimeout = TimeSpan.Zero });
            telnet.Start();
            _ssh.Add(ssh);
            _telnet.Add(telnet);
            _devices[style.Name] = (device, ssh.Port, telnet.Port);
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (SshServer server in _ssh)
            await server.DisposeAsync();
        foreach (TelnetServer server in _telnet)
            await server.DisposeAsync();
        Directory.Dispose();
    }
}
