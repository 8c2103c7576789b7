using Vty.Accounts;
using Vty.Devices;
using Vty.Drivers;
using Vty.Protocols;

namespace Vty.Tests.Protocols;

/// <summary>Going to a mode of the driver's graph, played by a scripted device.</summary>
public sealed class ModeNavigationTests
{
    private static readonly TimeSpan Limit = ScriptedSession.Limit;

    [Fact]
    public async Task JunosConfigurePrivateIsAModeAndLeavingAnswersTheUncommittedQuestion()
    {
        await using var s = await ScriptedSession.OpenAsync("junos", new ProtocolOptions { Authorization = AuthorizationMode.Never });
        var login = s.Protocol.LoginAsync(new Account("lab", "pw")).WaitAsync(Limit);
        await s.SayAsync("lab@mx1> ");
        await login;
        var device = new DeviceSession(s.Protocol, ownsProtocol: false);

        var enter = device.ConfigModeAsync("config_private").WaitAsync(Limit);
        await s.HearAsync("configure private\r");
        await s.SayAsync("configure private\r\nwarning: uncommitted changes will be discarded on exit\r\nEntering configuration mode\r\n\r\n[edit]\r\nlab@mx1# ");
        await enter;
        Assert.Equal("config_private", device.Mode);
        Assert.True(device.InConfigMode);

        var leave = device.ExitConfigModeAsync().WaitAsync(Limit);
        await s.HearAsync("exit configuration-mode\r");
        await s.SayAsync("exit configuration-mode\r\nExit with uncommitted changes? [yes,no] (yes) ");
        Assert.EndsWith("yes\r", await s.HearAsync("yes\r"), StringComparison.Ordinal);
        await s.SayAsync("yes\r\nExiting configuration mode\r\n\r\nlab@mx1> ");
        await leave;
        Assert.Equal("operational", device.Mode);
    }

    [Fact]
    public async Task AUserGraphStepAnswersItsOwnQuestionsWithTheEnablePassword()
    {
        const string yaml = """
            name: tokenos
            modes:
              user: { prompt: '^\w+> ?$' }
              privileged:
                prompt: '^\w+# ?$'
                from:
                  user:
                    send: elevate
                    answer:
                      - { prompt: 'Token:\s*$', credential: enable_password }
                      - { prompt: 'Sure\? \[y/n\]\s*$', text: 'y' }
            """;
        var options = new ProtocolOptions { DriverCatalog = DriverCatalog.Builtin.WithYaml(yaml, "tokenos.yaml") };
        await using var s = await ScriptedSession.OpenAsync("tokenos", options);
        var login = s.Protocol.LoginAsync(new Account("ops", "pw", "t0ken")).WaitAsync(Limit);
        await s.SayAsync("box> ");
        await s.HearAsync("elevate\r");
        await s.SayAsync("elevate\r\nSure? [y/n] ");
        await s.HearAsync("y\r");
        await s.SayAsync("y\r\nToken: ");
        Assert.EndsWith("t0ken\r", await s.HearAsync("t0ken\r"), StringComparison.Ordinal);
        await s.SayAsync("\r\nbox# ");
        await login;
        Assert.True(s.Protocol.IsAppAuthorized);
        Assert.Equal("privileged", s.Protocol.CurrentMode?.Name);
    }

    [Fact]
    public async Task AStepThatEndsInTheWrongModeFailsWithThePrompt()
    {
        await using var s = await ScriptedSession.OpenAsync("ios_xr", new ProtocolOptions { Authorization = AuthorizationMode.Never });
        var login = s.Protocol.LoginAsync(new Account("lab", "pw")).WaitAsync(Limit);
        await s.SayAsync("RP/0/RSP0/CPU0:pe1#");
        await login;
        var go = s.Protocol.GoToModeAsync("admin").WaitAsync(Limit);
        await s.HearAsync("admin\r");
        await s.SayAsync("admin\r\n% Permission denied for the role\r\nRP/0/RSP0/CPU0:pe1#");
        var ex = await Assert.ThrowsAsync<ModeChangeFailedException>(() => go);
        Assert.Contains("mode 'privileged'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Permission denied", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XrAdminIsReachedAndLeft()
    {
        await using var s = await ScriptedSession.OpenAsync("ios_xr", new ProtocolOptions { Authorization = AuthorizationMode.Never });
        var login = s.Protocol.LoginAsync(new Account("lab", "pw")).WaitAsync(Limit);
        await s.SayAsync("RP/0/RSP0/CPU0:pe1#");
        await login;
        var go = s.Protocol.GoToModeAsync("admin").WaitAsync(Limit);
        await s.HearAsync("admin\r");
        await s.SayAsync("admin\r\nRP/0/RSP0/CPU0:pe1(admin)#");
        await go;
        Assert.Equal("admin", s.Protocol.CurrentMode?.Name);
        var back = s.Protocol.GoToModeAsync("privileged").WaitAsync(Limit);
        await s.HearAsync("exit\r");
        await s.SayAsync("exit\r\nRP/0/RSP0/CPU0:pe1#");
        await back;
        Assert.Equal("privileged", s.Protocol.CurrentMode?.Name);
    }

    [Fact]
    public async Task RequiredEnableWithTheGenericDriverFailsAndSaysWhy()
    {
        await using var s = await ScriptedSession.OpenAsync("generic", new ProtocolOptions { Authorization = AuthorizationMode.Required });
        var login = s.Protocol.LoginAsync(new Account("admin", "pw")).WaitAsync(Limit);
        await s.SayAsync("router>");
        var ex = await Assert.ThrowsAsync<ModeChangeFailedException>(() => login);
        Assert.Contains("driver 'generic'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--driver", ex.Message, StringComparison.Ordinal);
        Assert.False(s.Protocol.IsAppAuthorized);
        Assert.DoesNotContain("enable", s.Device.SentSoFar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoEnableWithTheGenericDriverSendsNothing()
    {
        await using var s = await ScriptedSession.OpenAsync("generic");
        var login = s.Protocol.LoginAsync(new Account("admin", "pw")).WaitAsync(Limit);
        await s.SayAsync("router>");
        await login;
        Assert.False(s.Protocol.IsAppAuthorized);
        Assert.Equal("", s.Device.SentSoFar);
    }
}
