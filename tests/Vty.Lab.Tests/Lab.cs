namespace Vty.Lab.Tests;

/// <summary>Shared test steps.</summary>
internal static class Lab
{
    /// <summary>Logs in with the default credentials through the profile's dialog and waits for the first prompt.</summary>
    public static async Task<TestTerminal> LoginAsync(string profile, string firstPrompt, LabDeviceOptions? options = null)
    {
        DeviceProfile p = DeviceProfiles.Get(profile);
        TestTerminal t = TestTerminal.Start(profile, options);
        string host = string.IsNullOrEmpty(options?.Hostname) ? p.DefaultHostname : options!.Hostname;
        await t.ExpectAsync(p.Login.UsernamePrompt.Replace("{host}", host));
        await t.SendAsync("lab\r");
        await t.ExpectAsync(p.Login.PasswordPrompt);
        await t.SendAsync("lab\r");
        await t.ExpectAsync(firstPrompt);
        return t;
    }

    /// <summary>A pre-authenticated session (as over SSH) at its first prompt.</summary>
    public static async Task<TestTerminal> OpenAsync(string profile, string firstPrompt, LabDeviceOptions? options = null, EmulatedDevice? device = null)
    {
        TestTerminal t = TestTerminal.Start(profile, options, new LabSessionStart(PreAuthenticated: true), device);
        await t.ExpectAsync(firstPrompt);
        return t;
    }

    /// <summary>An IOS session in privileged mode with paging off.</summary>
    public static async Task<TestTerminal> IosPrivilegedAsync(string profile = "ios", string host = "Router", EmulatedDevice? device = null)
    {
        TestTerminal t = await OpenAsync(profile, host + ">", new LabDeviceOptions { EnablePassword = null }, device);
        await t.RunAsync("enable", host + "#");
        await t.RunAsync("terminal length 0", host + "#");
        return t;
    }

    /// <summary>Output of a command: without the echoed command line and the trailing prompt.</summary>
    public static string Body(string transcript, string command, string prompt)
    {
        string echo = command + "\r\n";
        Assert.StartsWith(echo, transcript);
        Assert.EndsWith(prompt, transcript);
        return transcript[echo.Length..^prompt.Length];
    }
}
