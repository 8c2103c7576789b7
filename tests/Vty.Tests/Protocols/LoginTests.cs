using Vty.Accounts;
using Vty.Protocols;

namespace Vty.Tests.Protocols;

/// <summary>Every in-band login combination, played by a scripted device.</summary>
public sealed class LoginTests
{
    private static readonly TimeSpan Limit = ScriptedSession.Limit;

    [Fact]
    public async Task UserAndPassword()
    {
        await using var s = await ScriptedSession.OpenAsync();
        var login = s.Protocol.LoginAsync(new Account("admin", "pw1")).WaitAsync(Limit);
        await s.SayAsync("\r\nUser Access Verification\r\n\r\nUsername: ");
        Assert.Equal("admin\r", await s.HearAsync("\r"));
        await s.SayAsync("admin\r\nPassword: ");
        Assert.Equal("pw1\r", await s.HearAsync("\r"));
        await s.SayAsync("\r\nrouter>");
        await login;
        Assert.True(s.Protocol.IsProtocolAuthenticated);
        Assert.True(s.Protocol.IsAppAuthenticated);
        Assert.Equal("User Access Verification", s.Protocol.Banner?.Trim());
    }

    [Fact]
    public async Task PasswordOnly()
    {
        await using var s = await ScriptedSession.OpenAsync();
        var login = s.Protocol.LoginAsync(new Account("ignored", "linepw")).WaitAsync(Limit);
        await s.SayAsync("\r\n\r\nUser Access Verification\r\n\r\nPassword: ");
        Assert.Equal("linepw\r", await s.HearAsync("\r"));
        await s.SayAsync("\r\nsw1>");
        await login;
        Assert.True(s.Protocol.IsAppAuthenticated);
        Assert.DoesNotContain("ignored", s.Device.SentSoFar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsernameOnly()
    {
        await using var s = await ScriptedSession.OpenAsync();
        var login = s.Protocol.LoginAsync(new Account("guest")).WaitAsync(Limit);
        await s.SayAsync("Welcome\r\nlogin: ");
        Assert.Equal("guest\r", await s.HearAsync("\r"));
        await s.SayAsync("guest\r\nLast login: Mon Mar 10 09:00:00 from 10.0.0.1\r\n[guest@box ~]$ ");
        await login;
        Assert.True(s.Protocol.IsAppAuthenticated);
    }

    [Fact]
    public async Task NoDialogAtAll()
    {
        await using var s = await ScriptedSession.OpenAsync();
        var login = s.Protocol.LoginAsync(new Account("x", "y")).WaitAsync(Limit);
        await s.SayAsync("Welcome to the lab\r\nedge1#");
        await login;
        Assert.True(s.Protocol.IsAppAuthenticated);
        Assert.Equal("", s.Device.SentSoFar);
    }

    [Fact]
    public async Task SKeyChallengeIsAnsweredWithTheOneTimePassword()
    {
        await using var s = await ScriptedSession.OpenAsync();
        OtpRequestedEventArgs? requested = null;
        s.Protocol.OtpRequested += (_, e) => requested = e;
        var login = s.Protocol.LoginAsync(new Account("admin", "This is a test.")).WaitAsync(Limit);
        await s.SayAsync("Username: ");
        await s.HearAsync("admin\r");
        await s.SayAsync("admin\r\ns/key 99 TeSt\r\nPassword: ");
        Assert.Equal("NOTE OUT IBIS SINK NAVE MODE\r", await s.HearAsync("\r"));
        await s.SayAsync("\r\nrouter>");
        await login;
        Assert.NotNull(requested);
        Assert.Equal(99, requested.Sequence);
        Assert.Equal("TeSt", requested.Seed);
        Assert.Equal("admin", requested.Account.Name);
    }

    [Fact]
    public async Task OtpHandlerMayAnswerItself()
    {
        await using var s = await ScriptedSession.OpenAsync();
        s.Protocol.OtpRequested += (_, e) => e.Response = "FROM TOKEN";
        var login = s.Protocol.LoginAsync(new Account("admin")).WaitAsync(Limit);
        await s.SayAsync("Username: ");
        await s.HearAsync("admin\r");
        await s.SayAsync("Response to otp-md4 42 ab12 ext: \r\nPassword: ");
        Assert.Equal("FROM TOKEN\r", await s.HearAsync("\r"));
        await s.SayAsync("\r\nrouter>");
        await login;
    }

    [Fact]
    public async Task DeniedInTheBannerIsNotALoginError()
    {
        await using var s = await ScriptedSession.OpenAsync();
        var login = s.Protocol.LoginAsync(new Account("admin", "pw")).WaitAsync(Limit);
        await s.SayAsync("*** Unauthorized access is denied. Access denied! Login invalid! ***\r\nUsername: ");
        await s.HearAsync("admin\r");
        await s.SayAsync("\r\nPassword: ");
        await s.HearAsync("pw\r");
        await s.SayAsync("\r\nrouter>");
        await login;
        Assert.True(s.Protocol.IsAppAuthenticated);
        Assert.Contains("Unauthorized access is denied", s.Protocol.Banner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeniedInTheMessageOfTheDayAfterLoginIsNotALoginError()
    {
        await using var s = await ScriptedSession.OpenAsync();
        var login = s.Protocol.LoginAsync(new Account("admin", "pw")).WaitAsync(Limit);
        await s.SayAsync("Password: ");
        await s.HearAsync("pw\r");
        await s.SayAsync("\r\nReminder: access denied to contractors after 18:00\r\nrouter>");
        await login;
        Assert.True(s.Protocol.IsAppAuthenticated);
    }

    [Fact]
    public async Task RefusedPasswordFailsWithTheDevicesMessage()
    {
        await using var s = await ScriptedSession.OpenAsync();
        var login = s.Protocol.LoginAsync(new Account("admin", "wrong-pw")).WaitAsync(Limit);
        await s.SayAsync("Username: ");
        await s.HearAsync("admin\r");
        await s.SayAsync("\r\nPassword: ");
        await s.HearAsync("wrong-pw\r");
        await s.SayAsync("\r\n% Login invalid\r\n\r\nUsername: ");
        var ex = await Assert.ThrowsAsync<LoginFailedException>(() => login);
        Assert.Equal("% Login invalid", ex.DeviceMessage);
        Assert.Equal("admin", ex.UserName);
        Assert.DoesNotContain("wrong-pw", ex.Message, StringComparison.Ordinal);
        Assert.False(s.Protocol.IsAppAuthenticated);
    }

    [Fact]
    public async Task PasswordAskedAgainWithoutMessageFails()
    {
        await using var s = await ScriptedSession.OpenAsync();
        var login = s.Protocol.LoginAsync(new Account("admin", "pw")).WaitAsync(Limit);
        await s.SayAsync("Password: ");
        await s.HearAsync("pw\r");
        await s.SayAsync("\r\nPassword: ");
        var ex = await Assert.ThrowsAsync<LoginFailedException>(() => login);
        Assert.Contains("password again", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosingAfterCredentialsFailsTheLogin()
    {
        await using var s = await ScriptedSession.OpenAsync();
        var login = s.Protocol.LoginAsync(new Account("admin", "pw")).WaitAsync(Limit);
        await s.SayAsync("Password: ");
        await s.HearAsync("pw\r");
        await s.SayAsync("\r\n% Bad passwords\r\n");
        s.Device.DeviceClose();
        var ex = await Assert.ThrowsAsync<LoginFailedException>(() => login);
        Assert.Equal("% Bad passwords", ex.DeviceMessage);
    }

    [Fact]
    public async Task ErrorThenSilenceFailsInsteadOfTimingOut()
    {
        await using var s = await ScriptedSession.OpenAsync(options: new ProtocolOptions { CommandTimeout = TimeSpan.FromMilliseconds(300) });
        var login = s.Protocol.LoginAsync(new Account("admin", "pw")).WaitAsync(Limit);
        await s.SayAsync("Password: ");
        await s.HearAsync("pw\r");
        await s.SayAsync("\r\nAuthentication failed.\r\n");
        var ex = await Assert.ThrowsAsync<LoginFailedException>(() => login);
        Assert.Equal("Authentication failed.", ex.DeviceMessage);
        Assert.IsType<ExpectTimeoutException>(ex.InnerException);
    }

    [Fact]
    public async Task NoPromptAtAllTimesOutWithContext()
    {
        await using var s = await ScriptedSession.OpenAsync(options: new ProtocolOptions { BannerTimeout = TimeSpan.FromMilliseconds(300) });
        var login = s.Protocol.LoginAsync(new Account("admin", "pw")).WaitAsync(Limit);
        await s.SayAsync("Press RETURN to get started");
        var ex = await Assert.ThrowsAsync<ExpectTimeoutException>(() => login);
        Assert.Contains("Press RETURN", ex.ReceivedTail, StringComparison.Ordinal);
        Assert.NotEmpty(ex.Patterns);
    }

    [Fact]
    public async Task EnableWithPassword()
    {
        await using var s = await ScriptedSession.OpenAsync("ios");
        var login = s.Protocol.LoginAsync(new Account("admin", "pw", "en-pw")).WaitAsync(Limit);
        await s.SayAsync("Username: ");
        await s.HearAsync("admin\r");
        await s.SayAsync("admin\r\nPassword: ");
        await s.HearAsync("pw\r");
        await s.SayAsync("\r\nrouter>");
        await s.HearAsync("enable\r");
        await s.SayAsync("enable\r\nPassword: ");
        Assert.Equal("en-pw\r", await s.HearAsync("\r"));
        await s.SayAsync("\r\nrouter#");
        await login;
        Assert.True(s.Protocol.IsAppAuthorized);
    }

    [Fact]
    public async Task EnableAsksForUserAndPassword()
    {
        await using var s = await ScriptedSession.OpenAsync("ios");
        var login = s.Protocol.LoginAsync(new Account("admin", "pw")).WaitAsync(Limit);
        await s.SayAsync("Password: ");
        await s.HearAsync("pw\r");
        await s.SayAsync("\r\nrouter>");
        await s.HearAsync("enable\r");
        await s.SayAsync("enable\r\nUsername: ");
        await s.HearAsync("admin\r");
        await s.SayAsync("admin\r\nPassword: ");
        Assert.Equal("pw\r", await s.HearAsync("\r"));
        await s.SayAsync("\r\nrouter#");
        await login;
        Assert.True(s.Protocol.IsAppAuthorized);
    }

    [Fact]
    public async Task EnableWithoutPasswordPrompt()
    {
        await using var s = await ScriptedSession.OpenAsync("ios");
        var login = s.Protocol.LoginAsync(new Account("admin", "pw")).WaitAsync(Limit);
        await s.SayAsync("router>");
        await s.HearAsync("enable\r");
        await s.SayAsync("enable\r\nrouter#");
        await login;
        Assert.True(s.Protocol.IsAppAuthorized);
    }

    [Fact]
    public async Task RefusedEnablePasswordFails()
    {
        await using var s = await ScriptedSession.OpenAsync("ios");
        var login = s.Protocol.LoginAsync(new Account("admin", "pw", "bad-enable")).WaitAsync(Limit);
        await s.SayAsync("router>");
        await s.HearAsync("enable\r");
        await s.SayAsync("enable\r\nPassword: ");
        await s.HearAsync("bad-enable\r");
        await s.SayAsync("\r\n% Access denied\r\n\r\nrouter>");
        var ex = await Assert.ThrowsAsync<LoginFailedException>(() => login);
        Assert.Equal("% Access denied", ex.DeviceMessage);
        Assert.True(s.Protocol.IsAppAuthenticated);
        Assert.False(s.Protocol.IsAppAuthorized);
    }

    [Fact]
    public async Task AlreadyPrivilegedSkipsEnable()
    {
        await using var s = await ScriptedSession.OpenAsync("ios");
        var login = s.Protocol.LoginAsync(new Account("admin", "pw")).WaitAsync(Limit);
        await s.SayAsync("Password: ");
        await s.HearAsync("pw\r");
        await s.SayAsync("\r\nrouter#");
        await login;
        Assert.True(s.Protocol.IsAppAuthorized);
        Assert.DoesNotContain("enable", s.Device.SentSoFar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizationNeverLeavesTheUserPrompt()
    {
        await using var s = await ScriptedSession.OpenAsync("ios", new ProtocolOptions { Authorization = AuthorizationMode.Never });
        var login = s.Protocol.LoginAsync(new Account("admin", "pw")).WaitAsync(Limit);
        await s.SayAsync("router>");
        await login;
        Assert.True(s.Protocol.IsAppAuthenticated);
        Assert.False(s.Protocol.IsAppAuthorized);
        Assert.Equal("", s.Device.SentSoFar);
        Assert.Equal("", s.Protocol.BufferedText);
    }

    [Fact]
    public async Task SeparateAppAccountIsUsedInBand()
    {
        await using var s = await ScriptedSession.OpenAsync();
        var login = s.Protocol.LoginAsync(new Account("transport", "t-pw"), new Account("tacacs", "a-pw")).WaitAsync(Limit);
        await s.SayAsync("Username: ");
        Assert.Equal("tacacs\r", await s.HearAsync("\r"));
        await s.SayAsync("\r\nPassword: ");
        Assert.Equal("a-pw\r", await s.HearAsync("\r"));
        await s.SayAsync("\r\nrouter>");
        await login;
    }

    [Fact]
    public async Task AccountFactorySuppliesTheAccount()
    {
        int calls = 0;
        var options = new ProtocolOptions
        {
            AccountFactory = (_, _) =>
            {
                calls++;
                return ValueTask.FromResult(new Account("pooled", "pooled-pw"));
            },
        };
        await using var s = await ScriptedSession.OpenAsync(options: options);
        var login = s.Protocol.LoginAsync().WaitAsync(Limit);
        await s.SayAsync("Username: ");
        Assert.Equal("pooled\r", await s.HearAsync("\r"));
        await s.SayAsync("\r\nPassword: ");
        await s.HearAsync("pooled-pw\r");
        await s.SayAsync("\r\nrouter>");
        await login;
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task TranscriptNeverShowsWhatWasTypedAtThePasswordPrompt()
    {
        var transcript = new StringWriter();
        await using var s = await ScriptedSession.OpenAsync("ios", new ProtocolOptions { Transcript = transcript });
        var login = s.Protocol.LoginAsync(new Account("admin", "s3cret-pw", "en-s3cret")).WaitAsync(Limit);
        await s.SayAsync("Username: ");
        await s.HearAsync("admin\r");
        await s.SayAsync("admin\r\nPassword: ");
        await s.HearAsync("s3cret-pw\r");
        // A misconfigured device that echoes the password.
        await s.SayAsync("s3cret-pw\r\nrouter>");
        await s.HearAsync("enable\r");
        await s.SayAsync("enable\r\nPassword: ");
        await s.HearAsync("en-s3cret\r");
        await s.SayAsync("\r\nrouter#");
        await login;
        s.Device.DeviceClose();
        await s.Protocol.CloseAsync();
        string log = transcript.ToString();
        Assert.Contains("Username: admin", log, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", log, StringComparison.Ordinal);
        Assert.Contains("router#", log, StringComparison.Ordinal);
    }
}
