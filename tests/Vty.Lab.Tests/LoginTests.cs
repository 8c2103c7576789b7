namespace Vty.Lab.Tests;

public class LoginTests
{
    [Theory]
    [InlineData("ios", "Router>")]
    [InlineData("iosxe", "Switch>")]
    [InlineData("iosxr", "RP/0/RP0/CPU0:xr1#")]
    [InlineData("nxos", "switch# ")]
    [InlineData("eos", "switch>")]
    [InlineData("junos", "\r\nlab@router> ")]
    [InlineData("vrp", "<HUAWEI>")]
    [InlineData("linux", "lab@host:~$ ")]
    public async Task UserAndPasswordLeadToTheFirstPrompt(string profile, string prompt)
    {
        await using TestTerminal t = await Lab.LoginAsync(profile, prompt);
        Assert.DoesNotContain("lab\r\nlab", t.All);   // the password is not echoed
    }

    [Theory]
    [InlineData("ios", "% Login invalid\r\n\r\nUsername: ")]
    [InlineData("iosxe", "% Authentication failed\r\n\r\nUsername: ")]
    [InlineData("iosxr", "% Authentication failed\r\n\r\nUsername: ")]
    [InlineData("nxos", "Login incorrect\r\nswitch login: ")]
    [InlineData("eos", "\r\nLogin incorrect\r\nswitch login: ")]
    [InlineData("junos", "Login incorrect\r\nlogin: ")]
    [InlineData("vrp", "Error: Local authentication is rejected.\r\n\r\nUsername:")]
    [InlineData("linux", "\r\nLogin incorrect\r\nhost login: ")]
    public async Task WrongCredentialsShowTheOsFailureAndCloseAfterThreeAttempts(string profile, string failureThenPrompt)
    {
        DeviceProfile p = DeviceProfiles.Get(profile);
        await using TestTerminal t = TestTerminal.Start(profile);
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            if (attempt == 1)
                await t.ExpectAsync(p.Login.UsernamePrompt.Replace("{host}", p.DefaultHostname));
            await t.SendAsync("lab\r");
            await t.ExpectAsync(p.Login.PasswordPrompt);
            await t.SendAsync("wrong\r");
            if (attempt < 3)
                await t.ExpectAsync(failureThenPrompt);
        }
        string rest = await t.ReadToEndAsync();
        Assert.DoesNotContain(p.Login.UsernamePrompt.Replace("{host}", p.DefaultHostname), rest);
        Assert.Equal(1, await t.WaitSessionAsync());
    }

    [Theory]
    [InlineData("ios", "Router>")]
    [InlineData("junos", "lab@router> ")]
    [InlineData("linux", "lab@host:~$ ")]
    public async Task AnEmptyUsernameAsksAgainWithoutCostingAnAttempt(string profile, string firstPrompt)
    {
        // Netmiko's Telnet login sends Enter before anything else; the OS just asks for the name again.
        DeviceProfile p = DeviceProfiles.Get(profile);
        string usernamePrompt = p.Login.UsernamePrompt.Replace("{host}", p.DefaultHostname);
        await using TestTerminal t = TestTerminal.Start(profile, new LabDeviceOptions { MaxLoginAttempts = 1 });
        await t.ExpectAsync(usernamePrompt);
        await t.SendAsync("\r\n\r\n");
        await t.ExpectAsync(usernamePrompt);
        await t.ExpectAsync(usernamePrompt);
        Assert.DoesNotContain(p.Login.PasswordPrompt, t.All);
        await t.SendAsync("lab\r");
        await t.ExpectAsync(p.Login.PasswordPrompt);
        await t.SendAsync("lab\r");
        await t.ExpectAsync(firstPrompt);
    }

    [Fact]
    public async Task PasswordOnlyDialogRepromptsThenSaysBadPasswords()
    {
        await using TestTerminal t = TestTerminal.Start("ios", new LabDeviceOptions { LoginStyle = LabLoginStyle.PasswordOnly, Password = "pw1" });
        string head = await t.ExpectAsync("Password: ");
        Assert.Contains("User Access Verification", head);
        Assert.DoesNotContain("Username", head);
        await t.SendAsync("x\r");
        await t.ExpectAsync("Password: ");
        await t.SendAsync("y\r");
        await t.ExpectAsync("Password: ");
        await t.SendAsync("z\r");
        Assert.Contains("% Bad passwords", await t.ReadToEndAsync());
    }

    [Fact]
    public async Task PasswordOnlyDialogAcceptsThePassword()
    {
        await using TestTerminal t = TestTerminal.Start("ios", new LabDeviceOptions { LoginStyle = LabLoginStyle.PasswordOnly, Password = "pw1" });
        await t.ExpectAsync("Password: ");
        await t.SendAsync("pw1\r");
        await t.ExpectAsync("Router>");
    }

    [Fact]
    public async Task NoLoginDialogGoesStraightToThePrompt()
    {
        await using TestTerminal t = TestTerminal.Start("ios", new LabDeviceOptions { LoginStyle = LabLoginStyle.None });
        string head = await t.ExpectAsync("Router>");
        Assert.DoesNotContain("Username", head);
        Assert.DoesNotContain("Password", head);
    }

    [Fact]
    public async Task PreAuthenticatedSessionSkipsTheDialogAndUsesTheTransportUser()
    {
        await using TestTerminal t = TestTerminal.Start("linux", null, new LabSessionStart(PreAuthenticated: true, User: "ops"));
        string head = await t.ExpectAsync("ops@host:~$ ");
        Assert.DoesNotContain("host login:", head);
        Assert.Contains("Last login:", head);
        await t.RunAsync("touch notes", "ops@host:~$ ");
        Assert.Equal("ls -l\r\ntotal 4\r\n-rw-r--r-- 1 ops   ops       0 Mar 14 09:26 notes\r\nops@host:~$ ", await t.RunAsync("ls -l", "ops@host:~$ "));
    }

    [Fact]
    public async Task EnableAsksForThePasswordAndGivesUpWithBadSecrets()
    {
        await using TestTerminal t = await Lab.LoginAsync("ios", "Router>", new LabDeviceOptions { EnablePassword = "en" });
        await t.SendAsync("enable\r");
        for (int i = 0; i < 3; i++)
        {
            await t.ExpectAsync("Password: ");
            await t.SendAsync("nope\r");
        }
        string output = await t.ExpectAsync("Router>");
        Assert.Contains("% Bad secrets", output);
        await t.SendAsync("enable\r");
        await t.ExpectAsync("Password: ");
        await t.SendAsync("en\r");
        await t.ExpectAsync("Router#");
        Assert.Equal("disable\r\nRouter>", await t.RunAsync("disable", "Router>"));
    }

    [Fact]
    public async Task EnableWithoutAPasswordNeedsNoDialog()
    {
        await using TestTerminal t = await Lab.OpenAsync("eos", "switch>", new LabDeviceOptions { EnablePassword = null });
        Assert.Equal("enable\r\nswitch#", await t.RunAsync("enable", "switch#"));
    }

    [Fact]
    public async Task ExitEndsTheSession()
    {
        await using TestTerminal t = await Lab.OpenAsync("ios", "Router>");
        await t.SendAsync("exit\r");
        await t.ReadToEndAsync();
        Assert.Equal(0, await t.WaitSessionAsync());
    }
}
