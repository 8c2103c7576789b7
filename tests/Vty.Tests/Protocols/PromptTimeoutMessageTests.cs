using Vty.Accounts;
using Vty.Protocols;

namespace Vty.Tests.Protocols;

/// <summary>A command without a prompt at its end fails with a message that says what to do.</summary>
public sealed class PromptTimeoutMessageTests
{
    [Theory]
    [InlineData("generic", "name the platform with --driver")]
    [InlineData("ios", "check that 'ios' is this platform's driver, or try --driver auto")]
    public async Task SaysTheLastLineTheDriverAndWhatToTry(string driver, string hint)
    {
        var options = new ProtocolOptions { Authorization = AuthorizationMode.Never, CommandTimeout = TimeSpan.FromSeconds(1) };
        await using var s = await ScriptedSession.OpenAsync(driver, options);
        var login = s.Protocol.LoginAsync(new Account("a", "b")).WaitAsync(ScriptedSession.Limit);
        await s.SayAsync("edge1>");
        await login;
        var run = s.Protocol.ExecuteAsync("reload").WaitAsync(ScriptedSession.Limit);
        await s.HearAsync("reload\r");
        await s.SayAsync("reload\r\nSystem configuration has been modified.\r\nProceed with reload? [yes/no]: ");
        var ex = await Assert.ThrowsAsync<ExpectTimeoutException>(() => run);
        Assert.Contains("No prompt after 1 s for 'reload'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("last line 'Proceed with reload? [yes/no]:'", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"the driver is '{driver}' (named)", ex.Message, StringComparison.Ordinal);
        Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
        // The raw patterns stay out of the message (they are logged at debug level) but on the exception.
        Assert.DoesNotContain(@"[\w", ex.Message, StringComparison.Ordinal);
        Assert.NotEmpty(ex.Patterns);
    }
}
