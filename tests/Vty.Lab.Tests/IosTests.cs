namespace Vty.Lab.Tests;

public class IosTests
{
    private static async Task<TestTerminal> LoginAsync(LabDeviceOptions? options = null)
    {
        TestTerminal t = TestTerminal.Start("ios", options);
        await t.ExpectAsync("Username: ");
        await t.SendAsync("lab\r");
        await t.ExpectAsync("Password: ");
        await t.SendAsync("lab\r");
        await t.ExpectAsync("Router>");
        return t;
    }

    [Fact]
    public async Task LoginEnableAndShowVersion()
    {
        await using TestTerminal t = await LoginAsync();
        Assert.Contains("User Access Verification", t.All);
        await t.SendAsync("enable\r");
        await t.ExpectAsync("Password: ");
        await t.SendAsync("lab\r");
        await t.ExpectAsync("Router#");
        await t.RunAsync("terminal length 0", "Router#");
        string output = await t.RunAsync("sh ver", "Router#");
        Assert.StartsWith("sh ver\r\nCisco IOS Software, C1900 Software", output);
    }

    [Fact]
    public async Task InvalidInputPutsTheCaretUnderTheBadWord()
    {
        await using TestTerminal t = await LoginAsync(new LabDeviceOptions { EnablePassword = null });
        await t.RunAsync("enable", "Router#");
        string output = await t.RunAsync("show foo", "Router#");
        Assert.Equal("show foo\r\n            ^\r\n% Invalid input detected at '^' marker.\r\n\r\nRouter#", output);
    }
}
