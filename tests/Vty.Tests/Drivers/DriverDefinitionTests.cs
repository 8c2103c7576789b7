using Vty.Drivers;

namespace Vty.Tests.Drivers;

public sealed class DriverDefinitionTests
{
    private const string Minimal = """
        name: acme
        description: ACME router OS
        aliases: [acme_os]
        prompts:
          any: ['^[\w.-]+[>#] ?$']
        """;

    [Fact]
    public void LoadsAUserDriverWithDefaultsFilledIn()
    {
        DriverCatalog catalog = DriverCatalog.Builtin.WithYaml(Minimal, "acme.yaml");
        Driver acme = catalog.Get("acme_os");
        Assert.Equal("acme", acme.Name);
        Assert.Equal("acme.yaml", acme.Source);
        Assert.True(acme.IsPrompt("r1#"));
        Assert.Matches(acme.UsernamePrompt, "Username: ");
        Assert.Matches(acme.PasswordPrompt, "Password: ");
        Assert.Equal(DriverDefinitionReader.DefaultMatchTimeout, acme.PromptPatterns[0].MatchTimeout);
        Assert.Contains("acme", catalog.Names);
        Assert.DoesNotContain("acme", DriverCatalog.Builtin.Names);
    }

    [Fact]
    public void ReadsEveryField()
    {
        const string yaml = """
            name: full
            description: Everything set
            regex_options: [ignore_case]
            match_timeout: 1s
            prompts:
              any: ['^full[>#]$']
              modes:
                user: '^full>$'
                privileged: '^full#$'
            username_prompt: 'login:\s*$'
            password_prompt: 'secret:\s*$'
            errors: ['^% oops']
            login_errors: ['^denied$']
            autoinit: [no paging, width 0]
            enable: su
            disable: unsu
            pager: { pattern: '--MORE--', answer: "q" }
            config: { enter: conf, exit: end, commit: commit, save: save }
            guess:
              - pattern: 'FULL OS'
                confidence: 77
              - pattern: '^SSH-2.0-Full'
                confidence: 60
                source: remote_version
            """;
        Driver d = DriverCatalog.Builtin.WithYaml(yaml, "full.yaml").Get("full");
        Assert.True(d.IsPrompt("FULL#"));
        Assert.Equal("privileged", d.FindMode("full#"));
        Assert.Equal(TimeSpan.FromSeconds(1), d.PromptPatterns[0].MatchTimeout);
        Assert.Matches(d.UsernamePrompt, "LOGIN: ");
        Assert.Matches(d.PasswordPrompt, "secret: ");
        Assert.NotNull(d.FindError("% oops, no"));
        Assert.NotNull(d.FindLoginError("denied"));
        Assert.Equal(["no paging", "width 0"], d.AutoInitCommands);
        Assert.Equal("su", d.EnableCommand);
        Assert.Equal("unsu", d.DisableCommand);
        Assert.True(d.IsPager("--more--"));
        Assert.Equal("q", d.PagerAnswer);
        Assert.Equal(("conf", "end", "commit", "save"), (d.ConfigEnterCommand, d.ConfigExitCommand, d.CommitCommand, d.SaveCommand));
        Assert.Equal(2, d.GuessSignals.Count);
        Assert.Equal(77, d.GuessSignals[0].Confidence);
        Assert.Equal(OsGuessSource.RemoteVersion, d.GuessSignals[1].Source);
    }

    [Fact]
    public void ExtendsInheritsEverythingButGuessSignalsAndCanClearFields()
    {
        const string yaml = """
            name: my_ios
            extends: ios
            enable: null
            autoinit: [terminal length 0]
            """;
        Driver d = DriverCatalog.Builtin.WithYaml(yaml, "my.yaml").Get("my_ios");
        Driver ios = DriverCatalog.Builtin.Get("ios");
        Assert.Equal("ios", d.Extends);
        Assert.Same(ios.PromptPatterns, d.PromptPatterns);
        Assert.Equal(ios.Description, d.Description);
        Assert.Null(d.EnableCommand);
        Assert.Equal(["terminal length 0"], d.AutoInitCommands);
        Assert.Empty(d.GuessSignals);
        Assert.Equal(ios.ConfigEnterCommand, d.ConfigEnterCommand);
    }

    [Fact]
    public void AUserDriverWithABuiltinNameReplacesIt()
    {
        DriverCatalog catalog = DriverCatalog.Builtin.WithYaml("name: ios\ndescription: my own IOS\nprompts: { any: ['^x#$'] }", "ios.yaml");
        Assert.Equal("my own IOS", catalog.Get("ios").Description);
        Assert.Equal("my own IOS", catalog.Get("cisco_ios").Description);
        Assert.Equal(DriverCatalog.Builtin.Names.Count, catalog.Names.Count);
    }

    [Fact]
    public void AFileMayHoldSeveralDrivers()
    {
        const string yaml = """
            drivers:
              - name: one
                prompts: { any: ['^one>$'] }
              - name: two
                extends: one
            """;
        DriverCatalog catalog = DriverCatalog.Builtin.WithYaml(yaml, "many.yaml");
        Assert.True(catalog.Get("two").IsPrompt("one>"));
    }

    [Fact]
    public void LoadsFilesAndDirectories()
    {
        string dir = Directory.CreateTempSubdirectory("vty-drivers-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.yaml"), Minimal);
            File.WriteAllText(Path.Combine(dir, "b.yml"), "name: bee\nextends: acme\n");
            File.WriteAllText(Path.Combine(dir, "notes.txt"), "not a driver");
            DriverCatalog catalog = DriverCatalog.Builtin.LoadDirectory(dir);
            Assert.Equal("acme", catalog.Get("bee").Extends);
            Assert.Equal(Path.Combine(dir, "b.yml"), catalog.Get("bee").Source);
            Assert.Equal("acme", DriverCatalog.Builtin.LoadFile(Path.Combine(dir, "a.yaml")).Get("acme").Name);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("name: [x", null, null, "not valid YAML")]
    [InlineData("description: no name\nprompts: { any: ['x'] }", null, "name", "is required")]
    [InlineData("name: Bad Name\nprompts: { any: ['x'] }", "Bad Name", "name", "lower-case")]
    [InlineData("name: x\nprompt: ['x']", "x", "prompt", "unknown field")]
    [InlineData("name: x\nprompts: { any: ['(unclosed'] }", "x", "prompts.any[0]", "invalid regular expression")]
    [InlineData("name: x", "x", "prompts.any", "at least one prompt pattern")]
    [InlineData("name: x\nextends: nothing-like-it", "x", "extends", "no driver named 'nothing-like-it'")]
    [InlineData("name: x\nprompts: { any: ['x'] }\nguess: [{ pattern: 'x', confidence: 101 }]", "x", "guess[0].confidence", "between 1 and 100")]
    [InlineData("name: x\nprompts: { any: ['x'] }\nguess: [{ pattern: 'x', confidence: high }]", "x", "guess[0].confidence", "whole number")]
    [InlineData("name: x\nprompts: { any: ['x'] }\nguess: [{ pattern: 'x', confidence: 5, source: banner }]", "x", "guess[0].source", "transcript")]
    [InlineData("name: x\nprompts: { any: ['x'] }\nregex_options: [fast]", "x", "regex_options[0]", "unknown option")]
    [InlineData("name: x\nprompts: { any: ['x'] }\nmatch_timeout: forever", "x", "match_timeout", "duration")]
    [InlineData("name: x\nprompts: { any: ['x'] }\npager: { answer: ' ' }", "x", "pager.pattern", "is required")]
    [InlineData("name: x\nprompts: { any: ['x'] }\nconfig: { enter: conf, leave: end }", "x", "config.leave", "unknown field")]
    [InlineData("name: x\nprompts: { any: ['x'] }\naliases: [ios]", "x", "aliases", "already the name of a driver")]
    [InlineData("name: x\nprompts: { any: ['x'] }\naliases: [iosxr]", "x", "aliases", "already used by driver 'ios_xr'")]
    [InlineData("name: x\nprompts: { any: ['x'] }\nerrors: ['']", "x", "errors[0]", "non-empty string")]
    [InlineData("", null, null, "no driver definitions")]
    public void InvalidDefinitionsSayWhereAndWhat(string yaml, string? driver, string? field, string problem)
    {
        var e = Assert.Throws<DriverDefinitionException>(() => DriverCatalog.Builtin.WithYaml(yaml, "user.yaml"));
        Assert.Equal("user.yaml", e.Source);
        Assert.Equal(driver, e.DriverName);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Problem);
        Assert.StartsWith("user.yaml", e.Message);
    }

    [Fact]
    public void AMissingFileOrDirectoryIsADefinitionError()
    {
        Assert.Throws<DriverDefinitionException>(() => DriverCatalog.Builtin.LoadFile("/nonexistent/vty/driver.yaml"));
        Assert.Throws<DriverDefinitionException>(() => DriverCatalog.Builtin.LoadDirectory("/nonexistent/vty/drivers"));
    }
}
