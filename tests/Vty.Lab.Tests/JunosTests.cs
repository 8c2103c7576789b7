namespace Vty.Lab.Tests;

public class JunosTests
{
    private const string Op = "lab@router> ";
    private const string Edit = "[edit]\r\nlab@router# ";

    private static async Task<TestTerminal> OpenAsync()
    {
        TestTerminal t = await Lab.OpenAsync("junos", Op);
        Assert.Equal("set cli screen-length 0\r\nScreen length set to 0\r\n\r\n" + Op, await t.RunAsync("set cli screen-length 0", Op));
        return t;
    }

    [Fact]
    public async Task ErrorsCarryACaretUnderTheBadWord()
    {
        await using TestTerminal t = await OpenAsync();
        Assert.Equal("show foo\r\n                 ^\r\nsyntax error, expecting <command>.\r\n\r\n" + Op, await t.RunAsync("show foo", Op));
        Assert.Equal("foo\r\n            ^\r\nunknown command.\r\n\r\n" + Op, await t.RunAsync("foo", Op));
    }

    [Fact]
    public async Task SetThenCommitChangesTheConfigurationAndThePrompt()
    {
        await using TestTerminal t = await OpenAsync();
        Assert.Equal("configure\r\nEntering configuration mode\r\n\r\n" + Edit, await t.RunAsync("configure", Edit));
        await t.RunAsync("set system host-name core1", Edit);
        await t.RunAsync("set interfaces ge-0/0/1 description \"to core\"", Edit);
        await t.RunAsync("set interfaces ge-0/0/1 unit 0 family inet address 198.51.100.1/30", Edit);
        await t.RunAsync("delete interfaces ge-0/0/3", Edit);

        string notYet = await t.RunAsync("run show configuration system", Edit);
        Assert.Contains("host-name router;", notYet);

        string compare = Lab.Body(await t.RunAsync("show | compare", Edit), "show | compare", "\r\n" + Edit);
        Assert.Equal(
            "[edit system]\r\n-   host-name router;\r\n+   host-name core1;\r\n" +
            "[edit interfaces ge-0/0/3]\r\n-   disable;\r\n" +
            "[edit interfaces ge-0/0/1 unit 0 family inet]\r\n+   address 198.51.100.1/30;\r\n" +
            "[edit interfaces ge-0/0/1]\r\n+   description \"to core\";\r\n", compare);

        Assert.Contains("commit complete\r\n\r\n[edit]\r\nlab@core1# ", await t.RunAsync("commit comment \"uplink\"", "lab@core1# "));
        Assert.Contains("Exiting configuration mode\r\n\r\nlab@core1> ", await t.RunAsync("exit", "lab@core1> "));

        string config = await t.RunAsync("show configuration interfaces ge-0/0/1", "lab@core1> ");
        Assert.Equal("show configuration interfaces ge-0/0/1\r\nunit 0 {\r\n    family inet {\r\n        address 198.51.100.1/30;\r\n    }\r\n}\r\ndescription \"to core\";\r\n\r\nlab@core1> ", config);
        string sets = await t.RunAsync("show configuration | display set | match ge-0/0/1", "lab@core1> ");
        Assert.Contains("set interfaces ge-0/0/1 description \"to core\"\r\n", sets);
        Assert.Contains("set interfaces ge-0/0/1 unit 0 family inet address 198.51.100.1/30\r\n", sets);
        Assert.Contains("0   2025-03-14 09:26:53 UTC by lab via cli\r\n    uplink\r\n", await t.RunAsync("show system commit", "lab@core1> "));
    }

    [Fact]
    public async Task EditUpTopAndTheEditLine()
    {
        await using TestTerminal t = await OpenAsync();
        await t.RunAsync("configure", Edit);
        await t.RunAsync("edit interfaces ge-0/0/2", "[edit interfaces ge-0/0/2]\r\nlab@router# ");
        await t.RunAsync("set description spare", "[edit interfaces ge-0/0/2]\r\nlab@router# ");
        Assert.Contains("description spare;\r\n", await t.RunAsync("show", "[edit interfaces ge-0/0/2]\r\nlab@router# "));
        await t.RunAsync("up", "[edit interfaces]\r\nlab@router# ");
        await t.RunAsync("top", Edit);
        Assert.Contains("warning: statement not found", await t.RunAsync("delete interfaces ge-0/0/9", Edit));
    }

    [Fact]
    public async Task ExitWithUncommittedChangesAsks()
    {
        await using TestTerminal t = await OpenAsync();
        await t.RunAsync("configure", Edit);
        await t.RunAsync("set system host-name r9", Edit);
        await t.SendAsync("exit\r");
        await t.ExpectAsync("The configuration has been changed but not committed\r\nExit with uncommitted changes? [yes,no] (yes) ");
        await t.SendAsync("no\r");
        await t.ExpectAsync(Edit);
        await t.SendAsync("exit\r");
        await t.ExpectAsync("(yes) ");
        await t.SendAsync("yes\r");
        await t.ExpectAsync("Exiting configuration mode\r\n\r\n" + Op);
        Assert.Contains("The configuration has been changed but not committed", await t.RunAsync("configure", Edit));
    }

    [Fact]
    public async Task CommitConfirmedWaitsForConfirmationAndRollbackRestores()
    {
        await using TestTerminal t = await OpenAsync();
        await t.RunAsync("configure", Edit);
        await t.RunAsync("set system host-name r2", Edit);
        string confirmed = await t.RunAsync("commit confirmed 5", "lab@r2# ");
        Assert.Contains("commit confirmed will be automatically rolled back in 5 minutes unless confirmed\r\ncommit complete\r\n", confirmed);
        Assert.NotNull(t.Device.State.PendingConfirm);
        await t.RunAsync("commit", "lab@r2# ");
        Assert.Null(t.Device.State.PendingConfirm);
        Assert.Contains("load complete", await t.RunAsync("rollback 2", "lab@r2# "));
        await t.RunAsync("commit and-quit", "lab@router> ");
        Assert.Contains("configuration check succeeds", await t.RunAsync("configure", Edit) + await t.RunAsync("commit check", Edit));
    }

    [Fact]
    public async Task ThePagerIsJunosOwn()
    {
        await using TestTerminal t = await Lab.OpenAsync("junos", Op, new LabDeviceOptions { PagerLines = 5 });
        await t.SendAsync("show configuration\r");
        await t.ExpectAsync("---(more)---");
        await t.SendAsync("q");
        await t.ExpectAsync(Op);
        string all = await t.RunAsync("show configuration | no-more", Op);
        Assert.DoesNotContain("---(more)---", all);
    }
}

public class CommitEngineTests
{
    [Fact]
    public async Task AnUnconfirmedCommitRollsItselfBack()
    {
        var device = new EmulatedDevice(DeviceProfiles.Get("junos"), new LabDeviceOptions());
        LabDeviceState state = device.State;
        lock (state.Sync)
        {
            state.Candidate = state.Running.Clone();
            Vty.Lab.Profiles.Junos.JunosConfig.Set(state.Candidate, ["system", "host-name r7"]);
            Assert.True(Vty.Lab.Profiles.Common.CommitEngine.Commit(state, "lab", null, TimeSpan.FromMilliseconds(50), null));
            Assert.Contains("host-name r7;", Vty.Lab.Profiles.Junos.JunosConfig.RenderText(state.Running));
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            lock (state.Sync)
            {
                if (state.PendingConfirm is null)
                    break;
            }
            await Task.Delay(20, cts.Token);
        }
        lock (state.Sync)
        {
            Assert.Contains("host-name router;", Vty.Lab.Profiles.Junos.JunosConfig.RenderText(state.Running));
            Assert.Equal("automatic rollback: commit confirmed timed out", state.Commits[^1].Comment);
        }
    }
}
