using Vty.Accounts;
using Vty.Lab;
using Vty.Protocols;
using Vty.Ssh;
using Vty.Ssh.Keys;
using Vty.Ssh.Server;
using Vty.Ssh.Server.Auth;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Tests.Protocols;

/// <summary>
/// SSH login methods through the protocol API that the other SSH tests leave out: "none"
/// (username only) against the project's own server, and keyboard-interactive against OpenSSH with PAM.
/// </summary>
public sealed class SshLoginMethodTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(40);

    private static ProtocolOptions Quick(TempDirectory dir) => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(15),
        BannerTimeout = TimeSpan.FromSeconds(15),
        CommandTimeout = TimeSpan.FromSeconds(15),
        ConfigureSsh = o => o.KnownHostsPath = dir.File("known_hosts"),
    };

    private static SshServer Serve(EmulatedDevice device, SshServerAuthentication authentication)
    {
        var options = new SshServerOptions
        {
            Authentication = authentication,
            SessionHandler = (session, ct) => device.RunSessionAsync(
                session.Stream, new LabSessionStart(PreAuthenticated: true, User: session.Connection.User, Columns: session.Columns, Rows: session.Rows), ct),
        };
        options.HostKeys.Add(SshPrivateKey.Generate("ssh-ed25519"));
        var server = new SshServer(options);
        server.Start();
        return server;
    }

    private static Dictionary<string, string> KeyboardInteractiveOnly() => new()
    {
        ["UsePAM"] = "yes",
        ["PasswordAuthentication"] = "no",
        ["KbdInteractiveAuthentication"] = "yes",
        ["AuthenticationMethods"] = "keyboard-interactive",
    };

    [Fact]
    public async Task UsernameOnlyLoginWhenTheServerAcceptsNone()
    {
        using var dir = new TempDirectory("vty-core-sshnone");
        var device = new EmulatedDevice(DeviceProfiles.Get("junos"), new LabDeviceOptions { Hostname = "none1" });
        var users = new List<string>();
        var authentication = new SshServerAuthentication
        {
            None = (context, _) =>
            {
                lock (users) users.Add(context.User);
                return ValueTask.FromResult(context.User == "ops" ? SshAuthDecision.Success : SshAuthDecision.Failure);
            },
        };
        await using var server = Serve(device, authentication);

        // Explicit account with a name and nothing else.
        await using (var conn = Protocol.Create($"ssh://127.0.0.1:{server.Port}", Quick(dir)))
        {
            await conn.ConnectAsync("127.0.0.1", server.Port).WaitAsync(Limit);
            await conn.LoginAsync(new Account("ops")).WaitAsync(Limit);
            Assert.True(conn.IsProtocolAuthenticated);
            Assert.True(conn.IsAppAuthenticated);
            Assert.Equal("junos", conn.GuessOs());
            var version = await conn.ExecuteAsync("show version").WaitAsync(Limit);
            Assert.Contains("Junos", version.Output, StringComparison.OrdinalIgnoreCase);
        }

        // The user name from the URL alone, connecting and logging in in one call.
        await using (var conn = await Protocol.ConnectAsync($"ssh://ops@127.0.0.1:{server.Port}", Quick(dir)).WaitAsync(Limit))
        {
            Assert.True(conn.IsAppAuthenticated);
            var version = await conn.ExecuteAsync("show version").WaitAsync(Limit);
            Assert.Contains("Junos", version.Output, StringComparison.OrdinalIgnoreCase);
        }

        lock (users) Assert.Equal(["ops", "ops"], users);
    }

    [Fact]
    public async Task UsernameOnlyIsALoginFailureWhenTheServerRequiresAPassword()
    {
        using var dir = new TempDirectory("vty-core-sshnone");
        var device = new EmulatedDevice(DeviceProfiles.Get("junos"), new LabDeviceOptions());
        await using var server = Serve(device, SshServerAuthentication.SinglePassword("ops", "ops-pw"));
        await using var conn = Protocol.Create($"ssh://127.0.0.1:{server.Port}", Quick(dir));
        await conn.ConnectAsync("127.0.0.1", server.Port).WaitAsync(Limit);
        var ex = await Assert.ThrowsAsync<LoginFailedException>(() => conn.LoginAsync(new Account("ops")).WaitAsync(Limit));
        var inner = Assert.IsType<SshAuthenticationException>(ex.InnerException);
        Assert.Contains("none", inner.MethodsTried);
        Assert.Equal(["password"], inner.MethodsAllowed);
        Assert.Contains("the server accepts password", ex.Message, StringComparison.Ordinal);
        Assert.Equal("ops", ex.UserName);
        Assert.False(conn.IsProtocolAuthenticated);
    }

    [Fact]
    public async Task PasswordAnswersOpenSshKeyboardInteractive()
    {
        using var dir = new TempDirectory("vty-core-sshkbd");
        await using var sshd = await OpenSshServer.StartAsync(KeyboardInteractiveOnly());
        await using var conn = Protocol.Create($"ssh://127.0.0.1:{sshd.Port}", Quick(dir));
        await conn.ConnectAsync("127.0.0.1", sshd.Port).WaitAsync(Limit);
        await conn.LoginAsync(new Account(SshTestUser.Name, SshTestUser.Password)).WaitAsync(Limit);
        Assert.True(conn.IsProtocolAuthenticated);
        var who = await conn.ExecuteAsync("id -un").WaitAsync(Limit);
        Assert.Equal(SshTestUser.Name, who.Output);
        Assert.Contains($"Accepted keyboard-interactive/pam for {SshTestUser.Name}", sshd.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPasswordAtOpenSshKeyboardInteractiveIsALoginFailure()
    {
        using var dir = new TempDirectory("vty-core-sshkbd");
        await using var sshd = await OpenSshServer.StartAsync(KeyboardInteractiveOnly());
        await using var conn = Protocol.Create($"ssh://127.0.0.1:{sshd.Port}", Quick(dir));
        await conn.ConnectAsync("127.0.0.1", sshd.Port).WaitAsync(Limit);
        var ex = await Assert.ThrowsAsync<LoginFailedException>(() =>
            conn.LoginAsync(new Account(SshTestUser.Name, "not-the-password")).WaitAsync(Limit));
        var inner = Assert.IsType<SshAuthenticationException>(ex.InnerException);
        Assert.Contains(inner.MethodsTried, m => m.StartsWith("keyboard-interactive", StringComparison.Ordinal));
        Assert.Contains("keyboard-interactive", inner.MethodsAllowed);
        Assert.DoesNotContain("not-the-password", ex.Message, StringComparison.Ordinal);
        Assert.False(conn.IsProtocolAuthenticated);
    }
}
