using Vty.Accounts;
using Vty.Drivers;
using Vty.Tests.Protocols;

namespace Vty.Tests.Drivers;

/// <summary>The generic driver answers the pager prompt of every built-in driver.</summary>
public sealed class GenericPagerTests
{
    // Pager prompts as the platforms print them (the built-in drivers' and a few more).
    private static readonly string[] Samples =
    [
        " --More-- ",
        "--More--",
        "interface Gi0/1--More--",
        "-- More --",
        "---(more)---",
        "---(more 42%)---",
        "---- More ----",
        "  ---- More ( Press 'Q' to break ) ----",
        "<--- More --->",
        "--More--, next page: Space, next line: Return key, quit: Control-c",
        "-- MORE --, next page: Space, next line: Enter, quit: q",
        "-- [Q quit|D dump|down]",
        ":",
        "Press <SPACE> to continue or <Q> to quit:",
        "Press any key to continue",
        "-- MORE --, next page: Space, next line: Enter, quit: Control-C",
        "Press any key to continue (Q to quit)",
        "Press <SPACE> to continue or <Q> to quit:",
        "lines 1-24",
        "lines 25-48/120",
        "--MORE--",
        "--More-- or (q)uit",
        "--More-- (q = quit)",
        "----More (q=Quit, space/return=Continue)----",
        "More: <space>,  Quit: q or CTRL+Z, One line: <return> ",
        "More: <space>,  Quit: q, One line: <return> ",
        "More? Enter - next line; Space - next page; Q - quit; R - show the rest.",
        "Press <space> to page down, <return> for next line, or 'q' to quit...",
        "-Press Any Key For More-",
        "CTRL+C ESC q Quit SPACE n Next Page ENTER Next Entry a All",
        "--- more ---",
        "--- More ---",
        "Press any key to continue (q to quit)",
    ];

    [Fact]
    public void MatchesEverySample()
    {
        Driver generic = DriverCatalog.Builtin.Generic;
        foreach (string sample in Samples)
            Assert.True(generic.IsPager(sample), $"generic does not see a pager in '{sample}'");
    }

    [Theory]
    [InlineData("router#")]
    [InlineData("Gi0/1 is up, line protocol is up")]
    [InlineData("description more-cables")]
    [InlineData("lines of text 1-24 here")]
    public void IgnoresOrdinaryLines(string line) => Assert.False(DriverCatalog.Builtin.Generic.IsPager(line));

    [Fact]
    public void EveryBuiltInPagerHasASampleTheGenericDriverAnswers()
    {
        foreach (Driver driver in DriverCatalog.Builtin.Drivers.Where(d => d.PagerPattern is not null))
            Assert.True(Samples.Any(s => driver.IsPager(s)), $"no sample for the pager of '{driver.Name}' ({driver.PagerPattern}); add one");
    }

    [Fact]
    public async Task ACommandThroughTwoPagersDoesNotTimeOut()
    {
        await using var s = await ScriptedSession.OpenAsync("generic", new Vty.Protocols.ProtocolOptions { Authorization = Vty.Protocols.AuthorizationMode.Never });
        var login = s.Protocol.LoginAsync(new Account("a", "b")).WaitAsync(ScriptedSession.Limit);
        await s.SayAsync("box> ");
        await login;
        var run = s.Protocol.ExecuteAsync("show stuff").WaitAsync(ScriptedSession.Limit);
        await s.HearAsync("show stuff\r");
        await s.SayAsync("show stuff\r\nline 1\r\n-- More --");
        await s.HearAsync(" ");
        await s.SayAsync("\r          \rline 2\r\n---(more 50%)---");
        await s.HearAsync(" ");
        await s.SayAsync("\r                \rline 3\r\nbox> ");
        var result = await run;
        Assert.Equal("line 1\nline 2\nline 3", result.Output.Trim());
    }
}
