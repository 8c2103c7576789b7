using Vty.Drivers;
using Vty.Lab;

namespace Vty.Tests.Drivers;

/// <summary>Every emulated device profile of the lab is recognised by the driver of the same name.</summary>
public sealed class LabProfileDriverTests
{
    public static TheoryData<string> Profiles() => new(DeviceProfiles.Names);

    [Fact]
    public void TheLabHasProfiles() => Assert.NotEmpty(DeviceProfiles.Names);

    [Theory]
    [MemberData(nameof(Profiles))]
    public void EveryModePromptMatchesTheDriver(string name)
    {
        DeviceProfile profile = DeviceProfiles.Get(name);
        Driver driver = DriverCatalog.Builtin.Get(name);
        foreach (LabMode mode in profile.Modes)
        {
            foreach (string host in new[] { profile.DefaultHostname, "lab-r1", "core1.example.net" })
            {
                foreach (string path in new[] { "", " interfaces ge-0/0/0" })
                {
                    foreach ((string user, string sigil) in new[] { ("lab", "$"), ("root", "#") })
                    {
                        string rendered = mode.Render(host, user, "~", "GigabitEthernet0/1", path).Replace("{sigil}", sigil, StringComparison.Ordinal);
                        string line = PromptLines.LastLine(rendered);
                        Assert.True(driver.IsPrompt(line), $"{driver.Name}: lab mode '{mode.Name}' prompt '{rendered}' is not matched");
                        if (driver.ModePrompts.ContainsKey("config"))
                            Assert.Equal(mode.IsConfig, driver.FindMode(line) == "config");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void LoginAndEnableDialogsMatchTheDriver(string name)
    {
        DeviceProfile profile = DeviceProfiles.Get(name);
        Driver driver = DriverCatalog.Builtin.Get(name);
        string host = profile.DefaultHostname;
        Assert.Matches(driver.UsernamePrompt, PromptLines.LastLine(profile.Login.UsernamePrompt.Replace("{host}", host)));
        Assert.Matches(driver.PasswordPrompt, PromptLines.LastLine(profile.Login.PasswordPrompt.Replace("{host}", host)));
        if (profile.Enable is not null)
        {
            Assert.Matches(driver.PasswordPrompt, PromptLines.LastLine(profile.Enable.PasswordPrompt));
            Assert.NotNull(driver.EnableCommand);
            AssertLoginErrors(driver, profile.Enable.FinalFailureMessage);
        }

        AssertLoginErrors(driver, profile.Login.FailureMessage);
        AssertLoginErrors(driver, profile.Login.PasswordOnlyFinalFailureMessage);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ThePagerPromptMatchesTheDriver(string name)
    {
        DeviceProfile profile = DeviceProfiles.Get(name);
        Driver driver = DriverCatalog.Builtin.Get(name);
        if (profile.Pager is null)
            return;
        string shown = PromptLines.LastLine("line before\n" + profile.Pager.Prompt);
        Assert.True(driver.IsPager(shown), $"{driver.Name}: lab pager '{profile.Pager.Prompt}' is not matched");
        Assert.False(driver.IsPrompt(shown));
        string erased = PromptLines.LastLine("line before\n" + profile.Pager.Prompt + profile.Pager.Erase);
        Assert.False(driver.IsPager(erased), "after the erase sequence the pager prompt must be gone");
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TheLoginTranscriptIsGuessedAsThisPlatform(string name)
    {
        DeviceProfile profile = DeviceProfiles.Get(name);
        Driver expected = DriverCatalog.Builtin.Get(name);
        string host = profile.DefaultHostname;
        LabMode login = profile.GetMode(profile.LoginMode);
        string transcript = string.Concat(
            profile.Login.Banner,
            profile.Login.DialogIntro,
            profile.Login.UsernamePrompt, "lab\n",
            profile.Login.PasswordPrompt, "\n",
            profile.Login.Motd,
            login.Render(host, "lab", "~", null, "").Replace("{sigil}", "$", StringComparison.Ordinal)).Replace("{host}", host, StringComparison.Ordinal);
        var guesser = new OsGuesser();
        guesser.Feed(Vty.Text.TerminalCleaner.Clean(transcript.Replace("\n", "\r\n", StringComparison.Ordinal)));
        Driver guessed = guesser.Best.Driver;

        // A derived driver (ios_xe extends ios) behaves like its base, so guessing the base is right too.
        Assert.True(guessed.Name == expected.Name || guessed.Name == expected.Extends,
            $"lab '{name}' transcript guessed as '{guessed.Name}' ({guesser.Best.Confidence}); expected '{expected.Name}':\n{transcript}");
    }

    private static void AssertLoginErrors(Driver driver, string message)
    {
        foreach (string line in message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Assert.True(driver.FindLoginError(line) is not null, $"{driver.Name}: login error '{line}' is not recognised");
    }
}
