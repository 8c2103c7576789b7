using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vty.Accounts;
using Vty.Drivers;
using Vty.Protocols;
using Vty.Tests.Support;

namespace Vty.Tests.Protocols;

/// <summary>Execute, Expect, WaitFor, monitors, timeouts and cancellation against a scripted device.</summary>
public sealed class ExecuteAndExpectTests
{
    private static readonly TimeSpan Limit = ScriptedSession.Limit;

    private static async Task<ScriptedSession> LoggedInAsync(string driver = "ios", ProtocolOptions? options = null, string prompt = "router#")
    {
        var s = await ScriptedSession.OpenAsync(driver, options);
        var login = s.Protocol.LoginAsync(new Account("admin", "pw")).WaitAsync(Limit);
        await s.SayAsync(prompt);
        await login;
        return s;
    }

    [Fact]
    public async Task ExecuteReturnsOutputWithoutEchoAndPrompt()
    {
        await using var s = await LoggedInAsync();
        var run = s.Protocol.ExecuteAsync("show clock").WaitAsync(Limit);
        await s.HearAsync("show clock\r");
        await s.SayAsync("show clock\r\n*09:26:53.000 UTC Fri Mar 14 2025\r\nrouter#");
        var result = await run;
        Assert.Equal("show clock", result.Command);
        Assert.Equal("*09:26:53.000 UTC Fri Mar 14 2025", result.Output);
        Assert.Equal("router#", result.Prompt);
        Assert.True(result.Match.Success);
        Assert.Equal("show clock\r\n*09:26:53.000 UTC Fri Mar 14 2025\r\nrouter#", Encoding.Latin1.GetString(result.RawBytes.Span));
        Assert.Equal(["*09:26:53.000 UTC Fri Mar 14 2025"], result.Lines);
    }

    [Fact]
    public async Task ExecuteRaisesTheDevicesOwnErrorMessage()
    {
        await using var s = await LoggedInAsync();
        var run = s.Protocol.ExecuteAsync("show foo").WaitAsync(Limit);
        await s.HearAsync("show foo\r");
        await s.SayAsync("show foo\r\n         ^\r\n% Invalid input detected at '^' marker.\r\n\r\nrouter#");
        var ex = await Assert.ThrowsAsync<CommandErrorException>(() => run);
        Assert.Equal("show foo", ex.Command);
        Assert.EndsWith("% Invalid input detected at '^' marker.", ex.DeviceMessage, StringComparison.Ordinal);
        Assert.Contains("^", ex.DeviceMessage, StringComparison.Ordinal);
        Assert.Equal("router#", ex.Result.Prompt);
    }

    [Theory]
    [InlineData("show foo\u001b[2J% Invalid input detected at '^' marker.\r\n\r\nrouter#")]
    [InlineData("show foo\r\n         ^\r\n% Invalid input detected at '^' marker.\u001b[2J\u001b[H\r\nrouter#")]
    [InlineData("show foo\r\n         ^\r\n% Invalid input detected at '^' marker.\u001b[H\u001b[Jrouter#")]
    [InlineData("show foo\r\n% Invalid input detected at '^' marker.\u001bcrouter#")]
    public async Task AScreenClearAroundTheErrorLineStillFailsTheCommand(string answer)
    {
        await using var s = await LoggedInAsync();
        var run = s.Protocol.ExecuteAsync("show foo").WaitAsync(Limit);
        await s.HearAsync("show foo\r");
        await s.SayAsync(answer);
        var ex = await Assert.ThrowsAsync<CommandErrorException>(() => run);
        Assert.Contains("% Invalid input detected at '^' marker.", ex.DeviceMessage, StringComparison.Ordinal);
        Assert.Contains("% Invalid input detected", ex.Result.Output, StringComparison.Ordinal);
        Assert.Equal("router#", ex.Result.Prompt);
    }

    [Fact]
    public async Task ErrorCheckCanBeTurnedOffPerCommand()
    {
        await using var s = await LoggedInAsync();
        var run = s.Protocol.ExecuteAsync("bogus", new ExecuteOptions { CheckErrors = false }).WaitAsync(Limit);
        await s.HearAsync("bogus\r");
        await s.SayAsync("bogus\r\n% Unknown command\r\nrouter#");
        var result = await run;
        Assert.Equal("% Unknown command", result.Output);
    }

    [Fact]
    public async Task PagerIsAnsweredAndErased()
    {
        await using var s = await LoggedInAsync();
        var run = s.Protocol.ExecuteAsync("show run").WaitAsync(Limit);
        await s.HearAsync("show run\r");
        await s.SayAsync("show run\r\nline 1\r\nline 2\r\n --More-- ");
        Assert.Equal(" ", await s.HearAsync(" "));
        await s.SayAsync("\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bline 3\r\n --More-- ");
        await s.HearAsync(" ");
        await s.SayAsync("\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bend\r\nrouter#");
        var result = await run;
        Assert.Equal("line 1\nline 2\nline 3\nend", result.Output);
    }

    [Fact]
    public async Task ExecuteDiscardsStaleOutputFirst()
    {
        await using var s = await LoggedInAsync();
        await s.SayAsync("\r\n%SYS-5-CONFIG_I: Configured from console\r\nrouter#");
        await s.Protocol.WaitForAsync("CONFIG_I").WaitAsync(Limit);
        var run = s.Protocol.ExecuteAsync("show users").WaitAsync(Limit);
        await s.HearAsync("show users\r");
        await s.SayAsync("show users\r\n*  2 vty 0     admin      idle                 00:00:00\r\nrouter#");
        var result = await run;
        Assert.StartsWith("*  2 vty 0", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrappedEchoIsRemoved()
    {
        await using var s = await LoggedInAsync();
        const string command = "show ip bgp neighbors 192.0.2.1 advertised-routes";
        var run = s.Protocol.ExecuteAsync(command).WaitAsync(Limit);
        await s.HearAsync(command + "\r");
        await s.SayAsync("show ip bgp neighbors 192.0.2.1 adver\r\ntised-routes\r\nTotal number of prefixes 0\r\nrouter#");
        var result = await run;
        Assert.Equal("Total number of prefixes 0", result.Output);
    }

    [Fact]
    public async Task ExecuteTimeoutCarriesTheTailAndPatterns()
    {
        await using var s = await LoggedInAsync();
        var run = s.Protocol.ExecuteAsync("reload", TimeSpan.FromSeconds(2)).WaitAsync(Limit);
        await s.HearAsync("reload\r");
        await s.SayAsync("reload\r\nProceed with reload? [confirm]");
        var ex = await Assert.ThrowsAsync<ExpectTimeoutException>(() => run);
        Assert.EndsWith("Proceed with reload? [confirm]", ex.ReceivedTail, StringComparison.Ordinal);
        Assert.Equal(s.Protocol.PromptPatterns.Select(p => p.ToString()).Concat([s.Protocol.Driver.PagerPattern!.ToString()]), ex.Patterns);
    }

    [Fact]
    public async Task ExecuteUntilAQuestion()
    {
        await using var s = await LoggedInAsync();
        var run = s.Protocol.ExecuteAsync("reload", new ExecuteOptions { Until = [new Regex(@"\[confirm\]$")] }).WaitAsync(Limit);
        await s.HearAsync("reload\r");
        await s.SayAsync("reload\r\nProceed with reload? [confirm]");
        var result = await run;
        Assert.Equal("[confirm]", result.Prompt);
        Assert.Equal("Proceed with reload? ", result.Output);
    }

    [Fact]
    public async Task CancellationStopsExecute()
    {
        await using var s = await LoggedInAsync();
        using var cts = new CancellationTokenSource();
        var run = s.Protocol.ExecuteAsync("show tech", cts.Token);
        await s.HearAsync("show tech\r");
        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<CancelledException>(() => run.WaitAsync(Limit));
        Assert.IsAssignableFrom<OperationCanceledException>(ex);
    }

    [Fact]
    public async Task CancelExpectFromTheDataEvent()
    {
        await using var s = await LoggedInAsync();
        s.Protocol.DataReceived += (_, e) =>
        {
            if (e.Text.Contains("%FATAL", StringComparison.Ordinal))
                s.Protocol.CancelExpect();
        };
        var run = s.Protocol.ExecuteAsync("debug all").WaitAsync(Limit);
        await s.HearAsync("debug all\r");
        await s.SayAsync("debug all\r\n%FATAL stop now\r\n");
        await Assert.ThrowsAsync<ExpectCancelledException>(() => run);
    }

    [Fact]
    public async Task WaitForDoesNotConsumeExpectDoes()
    {
        await using var s = await LoggedInAsync();
        await s.SayAsync("alpha beta gamma");
        var first = await s.Protocol.WaitForAsync("beta").WaitAsync(Limit);
        var second = await s.Protocol.WaitForAsync(new Regex("b(et)a")).WaitAsync(Limit);
        Assert.Equal("alpha ", first.Before);
        Assert.Equal("alpha ", second.Before);
        Assert.Equal("et", second.Match.Groups[1].Value);
        Assert.Equal("alpha beta gamma", s.Protocol.BufferedText);

        var expected = await s.Protocol.ExpectAsync([new Regex("gamma"), new Regex("beta")]).WaitAsync(Limit);
        Assert.Equal(1, expected.Index);
        Assert.Equal("beta", expected.Text);
        Assert.Equal(" gamma", s.Protocol.BufferedText);
        var rest = await s.Protocol.ExpectAsync("gamma").WaitAsync(Limit);
        Assert.Equal(" ", rest.Before);
        await Assert.ThrowsAsync<ExpectTimeoutException>(() => s.Protocol.ExpectAsync("gamma", TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task SendDoesNotWait()
    {
        await using var s = await LoggedInAsync();
        await s.Protocol.SendAsync("x").WaitAsync(Limit);
        await s.Protocol.SendLineAsync("show ver").WaitAsync(Limit);
        Assert.Equal("xshow ver\r", await s.HearAsync("ver\r"));
    }

    [Fact]
    public async Task ExpectPromptConsumesAndChecksErrors()
    {
        await using var s = await LoggedInAsync();
        await s.Protocol.SendLineAsync("show x");
        await s.SayAsync("show x\r\nfine\r\nrouter#");
        var ok = await s.Protocol.ExpectPromptAsync().WaitAsync(Limit);
        Assert.Equal("router#", ok.Text);
        await s.Protocol.SendLineAsync("show y");
        await s.SayAsync("show y\r\n% Incomplete command.\r\nrouter#");
        var ex = await Assert.ThrowsAsync<CommandErrorException>(() => s.Protocol.ExpectPromptAsync().WaitAsync(Limit));
        Assert.Equal("% Incomplete command.", ex.DeviceMessage);
    }

    [Fact]
    public async Task MonitorsSeeOutputIndependentlyOfExpect()
    {
        await using var s = await LoggedInAsync();
        var seen = new List<(string Interface, Protocol Protocol)>();
        var monitor = s.Protocol.AddMonitor(@"Interface (\S+), changed state to down", m => seen.Add((m.Match.Groups[1].Value, m.Protocol)));
        var run = s.Protocol.ExecuteAsync("show log").WaitAsync(Limit);
        await s.HearAsync("show log\r");
        await s.SayAsync("show log\r\n%LINK-3-UPDOWN: Interface Gi0/1, changed state to down\r\n%LINK-3-UPDOWN: Interface Gi0/2, changed state to down\r\nrouter#");
        await run;
        Assert.Equal(["Gi0/1", "Gi0/2"], seen.Select(x => x.Interface));
        Assert.All(seen, x => Assert.Same(s.Protocol, x.Protocol));

        monitor.Dispose();
        await s.SayAsync("\r\n%LINK-3-UPDOWN: Interface Gi0/3, changed state to down\r\n");
        await s.Protocol.WaitForAsync("Gi0/3").WaitAsync(Limit);
        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public async Task TenMegabytesReadToThePrompt()
    {
        await using var s = await LoggedInAsync();
        var run = s.Protocol.ExecuteAsync("show tech-support", TimeSpan.FromSeconds(60)).WaitAsync(TimeSpan.FromSeconds(90));
        await s.HearAsync("show tech-support\r");
        await s.SayAsync("show tech-support\r\n");
        byte[] block = Encoding.Latin1.GetBytes(string.Concat(Enumerable.Range(0, 1024).Select(i => $"line {i,6} {new string('.', 66)}\r\n")));
        int blocks = (10 * 1024 * 1024) / block.Length;
        for (int i = 0; i < blocks; i++)
            await s.Device.DeviceWriteAsync(block);
        await s.SayAsync("router#");
        var result = await run;
        Assert.Equal(blocks * 1024, result.Lines.Count);
        Assert.StartsWith("line      0 ", result.Output, StringComparison.Ordinal);
        Assert.Equal("router#", result.Prompt);
        Assert.True(result.RawBytes.Length >= 10 * 1024 * 1024);
    }

    [Fact]
    public async Task ClosedByDeviceWhileWaiting()
    {
        await using var s = await LoggedInAsync();
        var run = s.Protocol.ExecuteAsync("reload").WaitAsync(Limit);
        await s.HearAsync("reload\r");
        await s.SayAsync("reload\r\nConnection closed by foreign host.\r\n");
        s.Device.DeviceClose();
        var ex = await Assert.ThrowsAsync<ConnectionClosedException>(() => run);
        Assert.Contains("Connection closed by foreign host.", ex.ReceivedTail, StringComparison.Ordinal);
        Assert.False(s.Protocol.IsConnected);
    }

    [Fact]
    public async Task PromptPropertiesSetAndReset()
    {
        await using var s = await LoggedInAsync();
        var driverPrompts = s.Protocol.PromptPatterns;
        s.Protocol.PromptPatterns = [new Regex(@"^custom\$ $")];
        var run = s.Protocol.ExecuteAsync("sh").WaitAsync(Limit);
        await s.HearAsync("sh\r");
        await s.SayAsync("sh\r\nrouter#\r\ncustom$ ");
        var result = await run;
        Assert.Equal("router#", result.Output);
        s.Protocol.PromptPatterns = null;
        Assert.Same(driverPrompts, s.Protocol.PromptPatterns);

        s.Protocol.ErrorPatterns = [new Regex(".")];
        var failing = s.Protocol.ExecuteAsync("x").WaitAsync(Limit);
        await s.HearAsync("x\r");
        await s.SayAsync("x\r\nanything\r\nrouter#");
        await Assert.ThrowsAsync<CommandErrorException>(() => failing);
        s.Protocol.ErrorPatterns = null;
        Assert.Same(s.Protocol.Driver.ErrorPatterns, s.Protocol.ErrorPatterns);

        var username = s.Protocol.UsernamePrompt;
        s.Protocol.UsernamePrompt = new Regex("who are you\\?$");
        Assert.Equal("who are you\\?$", s.Protocol.UsernamePrompt.ToString());
        s.Protocol.UsernamePrompt = null;
        Assert.Same(username, s.Protocol.UsernamePrompt);
    }

    [Fact]
    public async Task DriverCanBeSetByNameAndReset()
    {
        await using var s = await ScriptedSession.OpenAsync("generic");
        Assert.False(s.Protocol.IsDriverAutomatic);
        Driver? changed = null;
        s.Protocol.DriverChanged += (_, d) => changed = d;
        s.Protocol.SetDriver("junos");
        Assert.Equal("junos", s.Protocol.Driver.Name);
        Assert.Equal("junos", changed?.Name);
        s.Protocol.SetDriver("auto");
        Assert.True(s.Protocol.IsDriverAutomatic);
        Assert.Throws<UnknownDriverException>(() => s.Protocol.SetDriver("no-such-os"));
    }

    public static TheoryData<string, bool> GenericPromptSamples()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(FixturePaths.Exscript("generic_prompt_samples.json")));
        var data = new TheoryData<string, bool>();
        foreach (var p in doc.RootElement.GetProperty("prompts").EnumerateArray())
            data.Add(p.GetString()!, true);
        foreach (var p in doc.RootElement.GetProperty("notprompts").EnumerateArray())
            data.Add(p.GetString()!, false);
        return data;
    }

    [Theory]
    [MemberData(nameof(GenericPromptSamples))]
    public async Task GenericPromptSamplesThroughTheSession(string sample, bool isPrompt)
    {
        // Each sample is fed the three ways the fixture describes, each in its own session.
        string[] contexts = isPrompt ? ["\n", "this is a test\r\n", "some text "] : ["", "\n"];
        string[] variants = isPrompt ? [sample] : [sample, sample + " "];
        var cases = from c in contexts from v in variants select (Text: c + v, Expected: isPrompt && c != "some text ");
        await Task.WhenAll(cases.Select(async x =>
        {
            await using var s = await ScriptedSession.OpenAsync("generic");
            await s.SayAsync(x.Text);
            if (x.Expected)
            {
                var hit = await s.Protocol.ExpectPromptAsync(TimeSpan.FromSeconds(5)).WaitAsync(Limit);
                Assert.Equal(sample, hit.Text);
            }
            else
            {
                await s.Protocol.WaitForAsync(Regex.Escape(x.Text.Trim()[^1..])).WaitAsync(Limit);
                var ex = await Record.ExceptionAsync(() => s.Protocol.ExpectPromptAsync(TimeSpan.FromMilliseconds(150)));
                Assert.IsType<ExpectTimeoutException>(ex);
            }
        }));
    }
}
