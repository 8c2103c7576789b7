using Vty.Drivers;

namespace Vty.Tests.Drivers;

/// <summary>
/// Each built-in definition carries samples of what its platform prints (<c>samples:</c>): its
/// prompt patterns must match the prompt lines, the OS guesser must attribute the banners to it,
/// and its error patterns must catch the error lines.
/// </summary>
public sealed class DriverSampleTests
{
    public static TheoryData<string> Drivers() =>
        new(DriverCatalog.Builtin.Drivers.Where(d => d.Name != "generic").Select(d => d.Name).Order(StringComparer.Ordinal));

    [Fact]
    public void TheCatalogueHasAtLeast150Platforms() =>
        Assert.True(DriverCatalog.Builtin.Drivers.Count >= 150, $"only {DriverCatalog.Builtin.Drivers.Count} built-in drivers");

    [Theory]
    [MemberData(nameof(Drivers))]
    public void EveryDefinitionHasAPromptOrBannerSample(string name)
    {
        DriverSamples samples = DriverCatalog.Builtin.Get(name).Samples;
        Assert.True(samples.Prompts.Count + samples.Banners.Count > 0, $"{name}: add 'samples:' with prompts or banners");
    }

    [Theory]
    [MemberData(nameof(Drivers))]
    public void PromptSamplesArePromptsOfTheirMode(string name)
    {
        Driver driver = DriverCatalog.Builtin.Get(name);
        foreach (string prompt in driver.Samples.Prompts)
        {
            Assert.True(driver.IsPrompt(prompt), $"{name}: prompt sample '{prompt}' is not matched by prompts.any");
            if (driver.ModePrompts.Count > 0)
                Assert.True(driver.FindMode(prompt) is not null, $"{name}: prompt sample '{prompt}' matches no mode");
            Assert.False(driver.IsPager(prompt), $"{name}: prompt sample '{prompt}' is taken for the pager");
        }
    }

    [Theory]
    [MemberData(nameof(Drivers))]
    public void BannerSamplesAreGuessedAsThisDriver(string name)
    {
        Driver driver = DriverCatalog.Builtin.Get(name);
        foreach (string banner in driver.Samples.Banners)
        {
            var guesser = new OsGuesser();
            guesser.Feed(banner.ReplaceLineEndings("\n"));
            (Driver best, int confidence) = guesser.Best;
            Assert.True(best.Name == name, $"{name}: banner sample guessed as {best.Name} ({confidence}):\n{banner}");
            if (driver.Samples.Prompts.Count > 0 || driver.ModePrompts.Count > 0)
            {
                string lastLine = banner[(banner.LastIndexOf('\n') + 1)..];
                Assert.True(driver.IsPrompt(lastLine), $"{name}: the banner sample should end on a prompt, ends on '{lastLine}'");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Drivers))]
    public void ErrorSamplesAreErrors(string name)
    {
        Driver driver = DriverCatalog.Builtin.Get(name);
        foreach (string error in driver.Samples.Errors)
            Assert.True(driver.FindError(error) is not null, $"{name}: error sample '{error}' is not matched by errors");
        foreach (string prompt in driver.Samples.Prompts)
            Assert.True(driver.FindError(prompt) is null, $"{name}: prompt sample '{prompt}' is taken for an error");
    }

    [Theory]
    [MemberData(nameof(Drivers))]
    public void NtcPlatformNamesAreWellFormed(string name)
    {
        string? ntc = DriverCatalog.Builtin.Get(name).NtcPlatform;
        if (ntc is not null)
            Assert.Matches("^[a-z][a-z0-9_]+$", ntc);
    }
}
