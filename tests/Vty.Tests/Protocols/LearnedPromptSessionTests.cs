using Vty.Accounts;
using Vty.Protocols;

namespace Vty.Tests.Protocols;

/// <summary>
/// A prompt-shaped line of output that ends a chunk (the device's write boundary) does not end the
/// command: only a prompt of the host learned at login does. Each scripted device sends the output
/// up to and including the foreign line, pauses (long enough for the client to scan that chunk on
/// its own), then sends the rest.
/// </summary>
public sealed class LearnedPromptSessionTests
{
    private static readonly TimeSpan Limit = ScriptedSession.Limit;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(300);

    private static async Task<ScriptedSession> LoggedInAsync(string driver, string prompt, ProtocolOptions? options = null)
    {
        var s = await ScriptedSession.OpenAsync(driver, options ?? new ProtocolOptions { Authorization = AuthorizationMode.Never });
        var login = s.Protocol.LoginAsync(new Account("admin", "pw")).WaitAsync(Limit);
        await s.SayAsync(prompt);
        await login;
        return s;
    }

    // The second half goes out after a pause; the result must not have been decided on the first.
    private static async Task<CommandResult> SplitAsync(ScriptedSession s, Task<CommandResult> run, string command, string first, string rest)
    {
        await s.HearAsync(command + "\r");
        await s.SayAsync(first);
        await Task.WhenAny(run, Task.Delay(Pause));
        await s.SayAsync(rest);
        return await run;
    }

    [Fact]
    public async Task AnotherRoutersPromptInsideAConfigurationDoesNotEndTheCommand()
    {
        await using var s = await LoggedInAsync("ios", "router1#");
        Assert.Equal("router1#", s.Protocol.LearnedPrompt);
        var run = s.Protocol.ExecuteAsync("show running-config").WaitAsync(Limit);
        CommandResult result = await SplitAsync(s, run, "show running-config",
            "show running-config\r\nBuilding configuration...\r\n!\r\nbanner exec ^C\r\nlog in to the core as:\r\nrouter2#",
            "\r\n^C\r\n!\r\nend\r\n\r\nrouter1#");
        Assert.Equal("router1#", result.Prompt);
        Assert.EndsWith("\nend", result.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("router2#", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherHostsShellPromptInsideAFileDoesNotEndTheCommand()
    {
        await using var s = await LoggedInAsync("shell", "lab@web1:~$ ");
        var run = s.Protocol.ExecuteAsync("cat notes.txt").WaitAsync(Limit);
        CommandResult result = await SplitAsync(s, run, "cat notes.txt",
            "cat notes.txt\r\nsteps on the other box:\r\nlab@web2:~$ ",
            "sudo systemctl restart nginx\r\nlab@web1:~$ ");
        Assert.Equal("lab@web1:~$ ", result.Prompt);
        Assert.EndsWith("sudo systemctl restart nginx", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameHostInAnotherModeStillEndsTheCommand()
    {
        await using var s = await LoggedInAsync("ios", "router1#");
        var run = s.Protocol.ExecuteAsync("configure terminal").WaitAsync(Limit);
        await s.HearAsync("configure terminal\r");
        await s.SayAsync("configure terminal\r\nEnter configuration commands, one per line.  End with CNTL/Z.\r\nrouter1(config)#");
        CommandResult result = await run;
        Assert.Equal("router1(config)#", result.Prompt);
    }

    [Fact]
    public async Task AHostnameCommandIsFollowedAndTheOldNameIsThenOutput()
    {
        await using var s = await LoggedInAsync("ios", "router1(config)#");
        var rename = s.Protocol.ExecuteAsync("hostname core2").WaitAsync(Limit);
        await s.HearAsync("hostname core2\r");
        await s.SayAsync("hostname core2\r\ncore2(config)#");
        Assert.Equal("core2(config)#", (await rename).Prompt);
        Assert.Equal("core2(config)#", s.Protocol.LearnedPrompt);

        var run = s.Protocol.ExecuteAsync("do show archive log config all").WaitAsync(Limit);
        CommandResult result = await SplitAsync(s, run, "do show archive log config all",
            "do show archive log config all\r\n idx   sess  user@line   Logged command\r\nrouter1(config)#",
            "hostname core2\r\ncore2(config)#");
        Assert.Equal("core2(config)#", result.Prompt);
        Assert.EndsWith("hostname core2", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJunosHostNameTakesEffectAtCommitAndIsFollowed()
    {
        await using var s = await LoggedInAsync("junos", "lab@mx1# ");
        var set = s.Protocol.ExecuteAsync("set system host-name mx9").WaitAsync(Limit);
        await s.HearAsync("set system host-name mx9\r");
        await s.SayAsync("set system host-name mx9\r\n\r\n[edit]\r\nlab@mx1# ");
        await set;

        var commit = s.Protocol.ExecuteAsync("commit").WaitAsync(Limit);
        await s.HearAsync("commit\r");
        await s.SayAsync("commit\r\ncommit complete\r\n\r\n[edit]\r\nlab@mx9# ");
        Assert.Equal("lab@mx9# ", (await commit).Prompt);
        Assert.Equal("lab@mx9#", s.Protocol.LearnedPrompt);
    }

    [Fact]
    public async Task AForeignPromptThatStaysIsATimeoutThatSaysWhy()
    {
        await using var s = await LoggedInAsync("ios", "router1#");
        var run = s.Protocol.ExecuteAsync("telnet 10.0.0.2", TimeSpan.FromSeconds(1)).WaitAsync(Limit);
        await s.HearAsync("telnet 10.0.0.2\r");
        await s.SayAsync("telnet 10.0.0.2\r\nTrying 10.0.0.2 ... Open\r\n\r\nrouter2#");
        var ex = await Assert.ThrowsAsync<ExpectTimeoutException>(() => run);
        Assert.Contains("'router2#'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not like this device's prompt 'router1#'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithLearningOffAnyPromptShapedLineEndsTheCommand()
    {
        await using var s = await LoggedInAsync("ios", "router1#", new ProtocolOptions { Authorization = AuthorizationMode.Never, LearnPrompt = false });
        Assert.Null(s.Protocol.LearnedPrompt);
        var run = s.Protocol.ExecuteAsync("telnet 10.0.0.2").WaitAsync(Limit);
        await s.HearAsync("telnet 10.0.0.2\r");
        await s.SayAsync("telnet 10.0.0.2\r\nTrying 10.0.0.2 ... Open\r\n\r\nrouter2#");
        Assert.Equal("router2#", (await run).Prompt);
    }
}
