using Vty.Accounts;
using Vty.Lab;
using Vty.Otp;
using Vty.Protocols;
using Vty.Ssh.Keys;
using Vty.Ssh.Server;
using Vty.Ssh.Server.Auth;
using Vty.TestSupport;

namespace Vty.Tests.Protocols;

/// <summary>SshProtocol against lab devices served by the project's own SSH server.</summary>
public sealed class SshLabProtocolTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static ProtocolOptions Quick(TempDirectory dir) => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(15),
        BannerTimeout = TimeSpan.FromSeconds(10),
        CommandTimeout = TimeSpan.FromSeconds(10),
        ConfigureSsh = o => o.KnownHostsPath = dir.File("known_hosts"),
    };

    private static SshServer Serve(EmulatedDevice device, SshServerAuthentication authentication, string? banner = null, string version = "Vty_1.0")
    {
        var options = new SshServerOptions
        {
            Authentication = authentication,
            Banner = banner,
            SoftwareVersion = version,
            SessionHandler = (session, ct) => device.RunSessionAsync(
                session.Stream, new LabSessionStart(PreAuthenticated: true, User: session.Connection.User, Columns: session.Columns, Rows: session.Rows), ct),
        };
        options.HostKeys.Add(SshPrivateKey.Generate("ssh-ed25519"));
        var server = new SshServer(options);
        server.Start();
        return server;
    }

    [Fact]
    public async Task IosOverSshWithPasswordAndEnable()
    {
        using var dir = new TempDirectory("vty-core-sshlab");
        var device = new EmulatedDevice(DeviceProfiles.Get("ios"), new LabDeviceOptions { Hostname = "sshr1", EnablePassword = "en-pw" });
        // A Cisco SSH server announces itself in its version string, which the OS guess uses.
        await using var server = Serve(device, SshServerAuthentication.SinglePassword("admin", "ssh-pw"), "Authorized use only\r\n", "Cisco-1.25");
        await using var conn = await Protocol.ConnectAsync($"ssh://admin:ssh-pw:en-pw@127.0.0.1:{server.Port}", Quick(dir)).WaitAsync(Limit);
        Assert.True(conn.IsProtocolAuthenticated);
        Assert.True(conn.IsAppAuthorized);
        Assert.Equal("Authorized use only", conn.Banner?.Trim());
        Assert.Equal("SSH-2.0-Cisco-1.25", conn.RemoteVersion);
        Assert.Equal("ios", conn.Driver.Name);
        var priv = await conn.ExecuteAsync("show privilege").WaitAsync(Limit);
        Assert.Equal("Current privilege level is 15", priv.Output.Trim());
        var run = await conn.ExecuteAsync("show running-config").WaitAsync(Limit);
        Assert.Contains("hostname sshr1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SKeyChallengeOverKeyboardInteractive()
    {
        using var dir = new TempDirectory("vty-core-sshlab");
        var device = new EmulatedDevice(DeviceProfiles.Get("junos"), new LabDeviceOptions { Hostname = "otp1" });
        string expected = OneTimePassword.Compute("otp pass phrase", "ke1234", 57);
        var authentication = new SshServerAuthentication
        {
            KeyboardInteractive = async (context, ct) =>
            {
                string[] answers = await context.AskAsync("", "otp-md4 57 ke1234 ext", [new("Response: ")], ct);
                return answers.Length == 1 && answers[0] == expected ? SshAuthDecision.Success : SshAuthDecision.Failure;
            },
        };
        await using var server = Serve(device, authentication);
        await using var conn = Protocol.Create($"ssh://127.0.0.1:{server.Port}", Quick(dir));
        OtpRequestedEventArgs? seen = null;
        conn.OtpRequested += (_, e) => seen = e;
        await conn.ConnectAsync("127.0.0.1", server.Port).WaitAsync(Limit);
        await conn.LoginAsync(new Account("ops", "otp pass phrase")).WaitAsync(Limit);
        Assert.Equal(57, seen?.Sequence);
        Assert.Equal("ke1234", seen?.Seed);
        Assert.Equal("junos", conn.GuessOs());
        var version = await conn.ExecuteAsync("show version").WaitAsync(Limit);
        Assert.Contains("Junos", version.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RefusedSshPasswordIsALoginFailure()
    {
        using var dir = new TempDirectory("vty-core-sshlab");
        var device = new EmulatedDevice(DeviceProfiles.Get("eos"), new LabDeviceOptions());
        await using var server = Serve(device, SshServerAuthentication.SinglePassword("admin", "right"));
        await using var conn = Protocol.Create($"ssh://127.0.0.1:{server.Port}", Quick(dir));
        await conn.ConnectAsync("127.0.0.1", server.Port).WaitAsync(Limit);
        var ex = await Assert.ThrowsAsync<LoginFailedException>(() => conn.LoginAsync(new Account("admin", "wrong")).WaitAsync(Limit));
        Assert.Contains("password", ex.Message, StringComparison.Ordinal);
    }
}
