using Vty.Accounts;
using Vty.Lab;
using Vty.Lab.Protocols;
using Vty.Protocols;
using Vty.Tests.Support;

namespace Vty.Tests.Protocols;

/// <summary>The protocol API against the lab's emulated devices, in memory.</summary>
public sealed class DummyProtocolTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private static readonly Account Lab = new("lab", "lab");

    private static ProtocolOptions Quick(LabDeviceOptions? device = null) => new()
    {
        BannerTimeout = TimeSpan.FromSeconds(5),
        CommandTimeout = TimeSpan.FromSeconds(5),
        SchemeSettings = device,
    };

    public static TheoryData<string> Profiles()
    {
        var data = new TheoryData<string>();
        foreach (string name in DeviceProfiles.Names)
            data.Add(name);
        return data;
    }

    [Fact]
    public async Task UrlWithCredentialsConnectsAndLogsIn()
    {
        await using var conn = await Protocol.ConnectAsync("dummy://lab:lab@edge1?profile=ios", Quick()).WaitAsync(Limit);
        Assert.IsType<DummyProtocol>(conn);
        Assert.True(conn.IsDummy);
        Assert.True(conn.IsAppAuthenticated);
        Assert.True(conn.IsAppAuthorized);
        Assert.Equal("edge1", conn.Host);
        Assert.Null(conn.Port);
        var result = await conn.ExecuteAsync("show version").WaitAsync(Limit);
        Assert.Contains("Cisco IOS Software", result.Output, StringComparison.Ordinal);
        Assert.Equal("edge1#", result.Prompt.TrimEnd());
        Assert.DoesNotContain("show version", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GuessesTheOsFromBannerAndPrompt()
    {
        await using var conn = await Protocol.ConnectAsync("dummy://ios", Quick()).WaitAsync(Limit);
        Assert.True(conn.IsDriverAutomatic);
        var reported = new List<string>();
        conn.DriverChanged += (_, d) => reported.Add(d.Name);
        await conn.LoginAsync(Lab).WaitAsync(Limit);
        Assert.Equal("ios", reported.LastOrDefault());
        Assert.Equal("ios", conn.GuessOs());
        Assert.EndsWith("#", conn.CurrentLine.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal("ios", conn.Driver.Name);
        Assert.Contains("User Access Verification", conn.Banner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DriverFromTheUrlWins()
    {
        await using var conn = await Protocol.ConnectAsync("dummy://lab:lab@r1?profile=ios&driver=generic", Quick()).WaitAsync(Limit);
        Assert.False(conn.IsDriverAutomatic);
        Assert.Equal("generic", conn.Driver.Name);
    }

    [Theory]
    [InlineData(LabLoginStyle.UserPassword)]
    [InlineData(LabLoginStyle.PasswordOnly)]
    [InlineData(LabLoginStyle.None)]
    public async Task EveryLabLoginStyle(LabLoginStyle style)
    {
        // Without a login dialog the banner says nothing about the OS, so the driver is given.
        var options = Quick(new LabDeviceOptions { LoginStyle = style, Password = "pw9", EnablePassword = "en9" });
        options.Driver = "ios";
        var conn = Protocol.Create("dummy://ios", options);
        await using var _ = conn;
        await conn.ConnectAsync("ios", 0).WaitAsync(Limit);
        await conn.LoginAsync(new Account("lab", "pw9", "en9")).WaitAsync(Limit);
        Assert.True(conn.IsAppAuthorized);
        var result = await conn.ExecuteAsync("show privilege").WaitAsync(Limit);
        Assert.Contains("15", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnableWithoutPasswordWhenTheDeviceHasNone()
    {
        await using var conn = Protocol.Create("dummy://ios", Quick(new LabDeviceOptions { EnablePassword = null }));
        await conn.ConnectAsync("ios", 0).WaitAsync(Limit);
        await conn.LoginAsync(Lab).WaitAsync(Limit);
        Assert.True(conn.IsAppAuthorized);
    }

    [Fact]
    public async Task WrongPasswordFailsWithTheDevicesMessage()
    {
        await using var conn = await Protocol.ConnectAsync("dummy://ios", Quick()).WaitAsync(Limit);
        var ex = await Assert.ThrowsAsync<LoginFailedException>(() => conn.LoginAsync(new Account("lab", "nope")).WaitAsync(Limit));
        Assert.Equal("% Login invalid", ex.DeviceMessage);
    }

    [Fact]
    public async Task WrongEnablePasswordFails()
    {
        await using var conn = await Protocol.ConnectAsync("dummy://ios", Quick()).WaitAsync(Limit);
        var ex = await Assert.ThrowsAsync<LoginFailedException>(() => conn.LoginAsync(new Account("lab", "lab", "bad-enable")).WaitAsync(Limit));
        Assert.Contains("Authorization failed", ex.Message, StringComparison.Ordinal);
        Assert.True(conn.IsAppAuthenticated);
        Assert.False(conn.IsAppAuthorized);
    }

    [Fact]
    public async Task RejectLoginFault()
    {
        await using var conn = Protocol.Create("dummy://ios?fault=reject-login", Quick());
        await conn.ConnectAsync("ios", 0).WaitAsync(Limit);
        await Assert.ThrowsAsync<LoginFailedException>(() => conn.LoginAsync(Lab).WaitAsync(Limit));
    }

    [Fact]
    public async Task DropAfterLoginFault()
    {
        await using var conn = Protocol.Create("dummy://ios?fault=drop-after-login", Quick());
        await conn.ConnectAsync("ios", 0).WaitAsync(Limit);
        await Assert.ThrowsAsync<LoginFailedException>(() => conn.LoginAsync(Lab).WaitAsync(Limit));
    }

    [Fact]
    public async Task HangBeforeBannerTimesOut()
    {
        var options = Quick(new LabDeviceOptions { Fault = LabFault.HangBeforeBanner });
        options.BannerTimeout = TimeSpan.FromMilliseconds(300);
        await using var conn = Protocol.Create("dummy://ios", options);
        await conn.ConnectAsync("ios", 0).WaitAsync(Limit);
        var ex = await Assert.ThrowsAsync<ExpectTimeoutException>(() => conn.LoginAsync(Lab).WaitAsync(Limit));
        Assert.Equal("", ex.ReceivedTail);
    }

    [Fact]
    public async Task HangAfterLoginTimesOutTheCommand()
    {
        var options = Quick(new LabDeviceOptions { Fault = LabFault.HangAfterLogin });
        options.Authorization = AuthorizationMode.Never;
        await using var conn = Protocol.Create("dummy://ios", options);
        await conn.ConnectAsync("ios", 0).WaitAsync(Limit);
        await conn.LoginAsync(Lab).WaitAsync(Limit);
        var ex = await Assert.ThrowsAsync<ExpectTimeoutException>(() => conn.ExecuteAsync("show version", TimeSpan.FromMilliseconds(300)).WaitAsync(Limit));
        Assert.NotEmpty(ex.Patterns);
    }

    [Fact]
    public async Task PagerIsAnsweredWithoutAutoInit()
    {
        await using var conn = await Protocol.ConnectAsync("dummy://lab:lab@pager1?profile=ios", Quick()).WaitAsync(Limit);
        var paged = await conn.ExecuteAsync("show running-config").WaitAsync(Limit);
        await conn.AutoInitAsync().WaitAsync(Limit);
        var whole = await conn.ExecuteAsync("show running-config").WaitAsync(Limit);
        Assert.True(whole.Lines.Count > 24);
        Assert.DoesNotContain("--More--", paged.Output, StringComparison.Ordinal);
        Assert.Equal(whole.Output, paged.Output);
    }

    [Fact]
    public async Task InvalidCommandRaisesTheIosMessage()
    {
        await using var conn = await Protocol.ConnectAsync("dummy://lab:lab@r1?profile=ios", Quick()).WaitAsync(Limit);
        var ex = await Assert.ThrowsAsync<CommandErrorException>(() => conn.ExecuteAsync("show bogus-thing").WaitAsync(Limit));
        Assert.Contains("% Invalid input detected at '^' marker.", ex.DeviceMessage, StringComparison.Ordinal);
        var after = await conn.ExecuteAsync("show clock").WaitAsync(Limit);
        Assert.Equal("r1#", after.Prompt.TrimEnd());
    }

    [Fact]
    public async Task ConfigurationChangesShowInTheRunningConfig()
    {
        await using var conn = await Protocol.ConnectAsync("dummy://lab:lab@r1?profile=ios", Quick()).WaitAsync(Limit);
        await conn.AutoInitAsync().WaitAsync(Limit);
        var enter = await conn.ExecuteAsync("configure terminal").WaitAsync(Limit);
        Assert.Equal("r1(config)#", enter.Prompt.TrimEnd());
        var renamed = await conn.ExecuteAsync("hostname core9").WaitAsync(Limit);
        Assert.Equal("core9(config)#", renamed.Prompt.TrimEnd());
        await conn.ExecuteAsync("end").WaitAsync(Limit);
        var check = await conn.ExecuteAsync("show running-config | include hostname").WaitAsync(Limit);
        Assert.Equal("hostname core9", check.Output.Trim());
    }

    [Fact]
    public async Task SharedDeviceStateAcrossSessions()
    {
        var device = new EmulatedDevice(DeviceProfiles.Get("ios"), new LabDeviceOptions { Hostname = "shared1" });
        await using (var first = new DummyProtocol(device, Quick()))
        {
            await first.ConnectAsync("shared1", 0).WaitAsync(Limit);
            await first.LoginAsync(Lab).WaitAsync(Limit);
            await first.ExecuteAsync("configure terminal").WaitAsync(Limit);
            await first.ExecuteAsync("interface Loopback7").WaitAsync(Limit);
            await first.ExecuteAsync("end").WaitAsync(Limit);
        }

        await using var second = new DummyProtocol(device, Quick());
        await second.ConnectAsync("shared1", 0).WaitAsync(Limit);
        await second.LoginAsync(Lab).WaitAsync(Limit);
        await second.AutoInitAsync().WaitAsync(Limit);
        var run = await second.ExecuteAsync("show running-config").WaitAsync(Limit);
        Assert.Contains("interface Loopback7", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownProfileSaysWhichExist()
    {
        var ex = await Assert.ThrowsAsync<ConnectionFailedException>(() => Protocol.ConnectAsync("dummy://nosuchos", Quick()).WaitAsync(Limit));
        Assert.Contains("ios", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InteractWiresStreamsToTheSession()
    {
        await using var conn = await Protocol.ConnectAsync("dummy://lab:lab@r1?profile=ios", Quick()).WaitAsync(Limit);
        var keyboard = new KeyboardStream();
        var screen = new ScreenStream();
        int handled = 0;
        var options = new InteractOptions();
        options.KeyHandlers['\x01'] = (p, _) =>
        {
            Assert.Same(conn, p);
            handled++;
            return ValueTask.FromResult(InteractKeyResult.Continue);
        };
        var interact = conn.InteractAsync(keyboard, screen, options).WaitAsync(Limit);
        keyboard.Type("show cl\x01ock\r");
        await screen.WaitForAsync("UTC", Limit);
        await screen.WaitForAsync("r1#", Limit);
        keyboard.Type("\x1d");
        await interact;
        Assert.Equal(1, handled);
        Assert.Contains("show clock", screen.Text, StringComparison.Ordinal);

        // The session is usable again after the interaction.
        var after = await conn.ExecuteAsync("show privilege").WaitAsync(Limit);
        Assert.Contains("15", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InteractEndsWhenTheDeviceCloses()
    {
        await using var conn = await Protocol.ConnectAsync("dummy://lab:lab@r1?profile=ios", Quick()).WaitAsync(Limit);
        var keyboard = new KeyboardStream();
        var screen = new ScreenStream();
        var interact = conn.InteractAsync(keyboard, screen).WaitAsync(Limit);
        keyboard.Type("exit\r");
        await interact;
        Assert.False(conn.IsConnected);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task EveryProfileLogsInRunsCommandsAndReportsErrors(string profile)
    {
        await using var conn = await Protocol.ConnectAsync($"dummy://lab:lab@dev-{profile}?profile={profile}", Quick()).WaitAsync(Limit);
        Assert.True(conn.IsAppAuthenticated);
        Assert.NotEqual("unknown", conn.GuessOs());
        await conn.AutoInitAsync().WaitAsync(Limit);

        string versionCommand = LabProfileCommands.Version(profile);
        var version = await conn.ExecuteAsync(versionCommand).WaitAsync(Limit);
        Assert.NotEmpty(version.Output.Trim());
        Assert.DoesNotContain(versionCommand, version.Lines.FirstOrDefault() ?? "", StringComparison.Ordinal);

        await Assert.ThrowsAsync<CommandErrorException>(() => conn.ExecuteAsync("frobnicate-the-widgets now").WaitAsync(Limit));
        var again = await conn.ExecuteAsync(versionCommand).WaitAsync(Limit);
        Assert.Equal(version.Output, again.Output);
    }

    public static TheoryData<string, LabLoginStyle> ProfilesAndLoginStyles()
    {
        var data = new TheoryData<string, LabLoginStyle>();
        foreach (string name in DeviceProfiles.Names)
        {
            foreach (var style in Enum.GetValues<LabLoginStyle>())
                data.Add(name, style);
        }

        return data;
    }

    // The driver each lab profile is known by (given explicitly where a login without a dialog leaves no clue).
    private static string DriverFor(string profile) => profile switch
    {
        "iosxe" => "ios_xe", // found by probing (show version), not from the banner
        "iosxr" => "ios_xr",
        "linux" => "shell",
        _ => Vty.Drivers.DriverCatalog.Builtin.Get(profile).Name,
    };

    private static string VersionCommand(string profile) => LabProfileCommands.Version(profile);

    [Theory]
    [MemberData(nameof(ProfilesAndLoginStyles))]
    public async Task EveryProfileWithEveryLoginStyle(string profile, LabLoginStyle style)
    {
        var options = Quick(new LabDeviceOptions { LoginStyle = style, Password = "pw-" + profile, EnablePassword = "en-" + profile });
        if (style == LabLoginStyle.None)
            options.Driver = DriverFor(profile);
        await using var conn = Protocol.Create($"dummy://{profile}", options);
        await conn.ConnectAsync(profile, 0).WaitAsync(Limit);
        await conn.LoginAsync(new Account("lab", "pw-" + profile, "en-" + profile)).WaitAsync(Limit);
        Assert.True(conn.IsAppAuthenticated);
        Assert.True(conn.IsAppAuthorized);
        Assert.Equal(DriverFor(profile), conn.Driver.Name);
        var version = await conn.ExecuteAsync(VersionCommand(profile)).WaitAsync(Limit);
        Assert.NotEmpty(version.Output.Trim());
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task EveryProfileRefusesAWrongPasswordWithItsOwnWords(string profile)
    {
        await using var conn = await Protocol.ConnectAsync($"dummy://{profile}", Quick()).WaitAsync(Limit);
        var ex = await Assert.ThrowsAsync<LoginFailedException>(() => conn.LoginAsync(new Account("lab", "wrong-" + profile)).WaitAsync(Limit));
        Assert.False(string.IsNullOrWhiteSpace(ex.DeviceMessage));
        Assert.DoesNotContain("wrong-" + profile, ex.Message, StringComparison.Ordinal);
        Assert.False(conn.IsAppAuthenticated);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task EveryProfilePagesTheSameOutputAsWithoutPaging(string profile)
    {
        string command = LabProfileCommands.Configuration(profile);
        await using var conn = await Protocol.ConnectAsync($"dummy://lab:lab@{profile}", Quick()).WaitAsync(Limit);
        var paged = await conn.ExecuteAsync(command).WaitAsync(Limit);
        await conn.AutoInitAsync().WaitAsync(Limit);
        var whole = await conn.ExecuteAsync(command).WaitAsync(Limit);
        Assert.Equal(whole.Output, paged.Output);
        Assert.DoesNotContain("More", paged.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task EveryProfileExpectWaitForAndMonitor(string profile)
    {
        await using var conn = await Protocol.ConnectAsync($"dummy://lab:lab@{profile}", Quick()).WaitAsync(Limit);
        await conn.AutoInitAsync().WaitAsync(Limit);
        var seen = new List<string>();
        using var monitor = conn.AddMonitor(new System.Text.RegularExpressions.Regex(@"\d+\.\d+[^\s]*\s"), m => seen.Add(m.Match.Value));
        await conn.SendLineAsync(VersionCommand(profile)).WaitAsync(Limit);
        var peek = await conn.WaitForAsync(@"\d+\.\d+").WaitAsync(Limit);
        var taken = await conn.ExpectAsync(@"\d+\.\d+").WaitAsync(Limit);
        Assert.Equal(peek.Text, taken.Text);
        Assert.Equal(peek.Before, taken.Before);
        var prompt = await conn.ExpectPromptAsync().WaitAsync(Limit);
        Assert.True(conn.Driver.IsPrompt(prompt.Text.AsSpan()));
        Assert.NotEmpty(seen);
    }
}

