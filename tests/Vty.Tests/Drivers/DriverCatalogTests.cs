using System.Text.Json;
using Vty.Drivers;
using Vty.Tests.Text;

namespace Vty.Tests.Drivers;

public sealed class DriverCatalogTests
{
    private static readonly DriverCatalog Catalog = DriverCatalog.Builtin;

    private static JsonElement ExscriptCatalog() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(FixturePaths.ExscriptExtracted, "driver_catalog.json"))).RootElement.GetProperty("drivers");

    [Fact]
    public void HasAtLeast45PlatformsWithDescriptions()
    {
        Assert.True(Catalog.Names.Count >= 45, $"only {Catalog.Names.Count} drivers");
        Assert.All(Catalog.Drivers, d => Assert.False(string.IsNullOrWhiteSpace(d.Description), d.Name));
        Assert.All(Catalog.Drivers, d => Assert.StartsWith("builtin:", d.Source));
    }

    [Fact]
    public void HasEveryExscriptDriverUnderItsExscriptName()
    {
        foreach (JsonProperty entry in ExscriptCatalog().EnumerateObject())
        {
            Driver driver = Catalog.Get(entry.Name);
            string expected = entry.Value.TryGetProperty("alias_of", out JsonElement alias) ? alias.GetString()! : entry.Name;
            Assert.Equal(expected, driver.Name);
        }
    }

    [Theory]
    [InlineData("ios", "ios")]
    [InlineData("iosxe", "ios_xe")]
    [InlineData("ios-xe", "ios_xe")]
    [InlineData("iosxr", "ios_xr")]
    [InlineData("ios-xr", "ios_xr")]
    [InlineData("nxos", "nxos")]
    [InlineData("nx-os", "nxos")]
    [InlineData("junos", "junos")]
    [InlineData("eos", "eos")]
    [InlineData("vrp", "vrp")]
    [InlineData("linux", "shell")]
    [InlineData("unknown", "generic")]
    [InlineData("cisco_xr", "ios_xr")]
    [InlineData("arista_eos", "eos")]
    [InlineData("mikrotik", "routeros")]
    [InlineData("IOS", "ios")]
    [InlineData(" Junos ", "junos")]
    public void ResolvesNamesAndAliases(string name, string expected)
    {
        Assert.Equal(expected, Catalog.Get(name).Name);
        Assert.True(Catalog.TryGet(name, out Driver? d));
        Assert.Equal(expected, d!.Name);
    }

    [Fact]
    public void UnknownNameThrowsATypedErrorListingTheKnownOnes()
    {
        var e = Assert.Throws<UnknownDriverException>(() => Catalog.Get("no-such-os"));
        Assert.Equal("no-such-os", e.Name);
        Assert.Contains("ios_xr", e.Message);
        Assert.False(Catalog.TryGet("no-such-os", out _));
    }

    [Fact]
    public void GenericIsTheFallback()
    {
        Assert.Equal("generic", Catalog.Generic.Name);
        Assert.Empty(Catalog.Generic.GuessSignals);
    }

    [Fact]
    public void ExscriptExamplePromptsMatchTheirDriver()
    {
        int checkedCount = 0;
        foreach (JsonProperty entry in ExscriptCatalog().EnumerateObject())
        {
            if (!entry.Value.TryGetProperty("example_prompts", out JsonElement examples))
                continue;
            Driver driver = Catalog.Get(entry.Name);
            foreach (JsonElement example in examples.EnumerateArray())
            {
                string line = PromptLines.LastLine("\r\n" + example.GetString());

                // Exscript lets zte/zyxel take a bare "Password:" for a prompt (its enable hack);
                // in Vty that is the password prompt's job.
                if (driver.PasswordPrompt.IsMatch(line))
                    continue;
                Assert.True(driver.IsPrompt(line), $"{driver.Name}: example prompt '{example.GetString()}' (cleaned '{line}') does not match");
                checkedCount++;
            }
        }

        Assert.True(checkedCount > 80, $"only {checkedCount} examples checked");
    }

    [Theory]
    [InlineData("ios", "router>", "user")]
    [InlineData("ios", "router#", "privileged")]
    [InlineData("ios", "router(config-if)#", "config")]
    [InlineData("ios_xr", "RP/0/RSP0/CPU0:r1(config)#", "config")]
    [InlineData("junos", "lab@vmx1# ", "config")]
    [InlineData("junos", "lab@vmx1> ", "operational")]
    [InlineData("eos", "leaf1(config-if-Et1)#", "config")]
    [InlineData("vrp", "[~HUAWEI-GigabitEthernet0/0/1]", "config")]
    [InlineData("vrp", "<HUAWEI>", "user")]
    public void FindsTheMode(string driver, string prompt, string mode)
    {
        Driver d = Catalog.Get(driver);
        Assert.True(d.IsPrompt(prompt));
        Assert.Equal(mode, d.FindMode(prompt));
    }

    public static TheoryData<string> OutputLinesThatAreNotPrompts() =>
    [
        "Building configuration...",
        "Current configuration : 1234 bytes",
        " description uplink to core-router>",
        "interface GigabitEthernet0/1",
        "% Invalid input detected at '^' marker.",
        "Password:",
        "Password: ",
        "Username: ",
        "hostname login: ",
        " --More-- ",
        "2026/05/25 17:08:24   ONU Port Los   PON 0/3 ONU 50 LINK DOWN",
        "Last login: Mon Feb 13 09:24:24 2017 from 192.168.57.1",
        "Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 12.2(55)SE",
        "  ip address 10.0.0.1 255.255.255.0",
        "Press any key to continue",
        "",
        "   ",
        "one two",
    ];

    [Theory]
    [MemberData(nameof(OutputLinesThatAreNotPrompts))]
    public void NoDriverTakesAnOrdinaryOutputLineForAPrompt(string line)
    {
        foreach (Driver driver in Catalog.Drivers)
            Assert.False(driver.IsPrompt(line), $"{driver.Name} takes '{line}' for a prompt");
    }

    [Theory]
    [InlineData("ios", "% Invalid input detected at '^' marker.")]
    [InlineData("ios", "% Incomplete command.")]
    [InlineData("nxos", "% Invalid command at '^' marker.")]
    [InlineData("junos", "syntax error.")]
    [InlineData("junos", "syntax error, expecting <command>.")]
    [InlineData("junos", "unknown command.")]
    [InlineData("junos", "'sh' is ambiguous.")]
    [InlineData("nxos", "% Incomplete command at '^' marker.")]
    [InlineData("eos", "% Invalid input (at token 1: 'foo')")]
    [InlineData("vrp", "Error: Incomplete command found at '^' position.")]
    [InlineData("ios", "% Ambiguous command:  \"sh\"")]
    [InlineData("junos", "error: configuration check-out failed")]
    [InlineData("eos", "% Invalid input")]
    [InlineData("vrp", "Error: Unrecognized command found at '^' position.")]
    [InlineData("shell", "sh: foo: command not found")]
    [InlineData("generic", "% Unknown command")]
    public void RecognisesErrorLines(string driver, string line) =>
        Assert.NotNull(Catalog.Get(driver).FindError(line));

    [Theory]
    [InlineData("ios", "Building configuration...")]
    [InlineData("ios", "Cisco IOS Software, Version 15.2")]
    [InlineData("junos", "interfaces {")]
    [InlineData("eos", "Arista DCS-7050SX3-48YC8")]
    public void OrdinaryOutputIsNotAnError(string driver, string line) =>
        Assert.Null(Catalog.Get(driver).FindError(line));

    [Theory]
    [InlineData("ios", "Username: ")]
    [InlineData("ios", "*** TACACs down - use last resort Username:")]
    [InlineData("shell", "myhost login: ")]
    [InlineData("aix", "Authorized Login: ")]
    [InlineData("brocade", "Please Enter Login Name: ")]
    [InlineData("vxworks", ">>User name:")]
    [InlineData("generic", "User Name:")]
    public void RecognisesUsernamePrompts(string driver, string line) =>
        Assert.Matches(Catalog.Get(driver).UsernamePrompt, line);

    [Theory]
    [InlineData("ios", "Password: ")]
    [InlineData("ios", "last resort password:")]
    [InlineData("shell", "[sudo] password for cumulus: ")]
    [InlineData("junos_erx", "Telnet password: ")]
    [InlineData("vxworks", ">>User password:")]
    [InlineData("smart_edge_os", "Enter S/Key secret password: ")]
    [InlineData("generic", "test's Password: ")]
    public void RecognisesPasswordPrompts(string driver, string line) =>
        Assert.Matches(Catalog.Get(driver).PasswordPrompt, line);

    [Theory]
    [InlineData("fortios", "--More-- ")]
    [InlineData("tnsr", "interface loopback systemvi--More--")]
    [InlineData("onyx", "lines 1-23 ")]
    [InlineData("ios", " --More-- ")]
    public void RecognisesPagers(string driver, string line) =>
        Assert.True(Catalog.Get(driver).IsPager(line));

    [Fact]
    public void EveryPatternHasAMatchTimeout()
    {
        foreach (Driver d in Catalog.Drivers)
        {
            Assert.All(d.PromptPatterns, p => Assert.NotEqual(System.Text.RegularExpressions.Regex.InfiniteMatchTimeout, p.MatchTimeout));
            Assert.All(d.GuessSignals, s => Assert.NotEqual(System.Text.RegularExpressions.Regex.InfiniteMatchTimeout, s.Pattern.MatchTimeout));
            Assert.NotEqual(System.Text.RegularExpressions.Regex.InfiniteMatchTimeout, d.UsernamePrompt.MatchTimeout);
        }
    }
}
