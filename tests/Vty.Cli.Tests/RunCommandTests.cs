using System.Text.Json;

namespace Vty.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public async Task RunPrintsEachHostsOutputAndExitsZero()
    {
        CliRunner.Outcome run = await CliRunner.RunAsync("run", "dummy://lab:lab@r1?profile=ios", "dummy://lab:lab@r2?profile=ios", "-c", "show version", "-c", "show clock");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("> show version", run.Stdout);
        Assert.Contains("Cisco IOS Software", run.Stdout);
        // Captured output is not a terminal: the summary table goes to stderr, stdout keeps the results.
        Assert.Contains("2 hosts: 2 ok, 0 failed", run.Stderr);
        Assert.DoesNotContain("hosts:", run.Stdout);
    }

    [Fact]
    public async Task JsonPrintsOneObjectPerHostPerLine()
    {
        CliRunner.Outcome run = await CliRunner.RunAsync("run", "dummy://lab:lab@r1?profile=ios", "dummy://lab:lab@r2?profile=ios&fault=reject-login", "-c", "show clock", "--json");

        string[] lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var byHost = lines.Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("host").GetString()!);
        JsonElement ok = byHost["r1"];
        Assert.True(ok.GetProperty("ok").GetBoolean());
        Assert.Equal("ios", ok.GetProperty("driver").GetString());
        Assert.Equal("show clock", ok.GetProperty("results")[0].GetProperty("command").GetString());
        Assert.True(ok.GetProperty("elapsedMs").GetInt64() >= 0);
        JsonElement refused = byHost["r2"];
        Assert.False(refused.GetProperty("ok").GetBoolean());
        Assert.False(string.IsNullOrEmpty(refused.GetProperty("error").GetString()));
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task TheExitCodeCountsFailedHostsAndTheTableSaysWhy()
    {
        CliRunner.Outcome run = await CliRunner.RunAsync("run",
            "dummy://lab:lab@ok1?profile=ios", "dummy://lab:lab@bad1?profile=ios&fault=reject-login", "dummy://lab:lab@bad2?profile=nosuchprofile",
            "-c", "show clock");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("login failed", run.Stderr);
        Assert.Contains("nosuchprofile", run.Stderr);
        Assert.Contains("3 hosts: 1 ok, 2 failed", run.Stderr);
    }

    [Fact]
    public async Task ABadUrlOnTheCommandLineGetsAUrlHintNotAnInventoryOne()
    {
        CliRunner.Outcome run = await CliRunner.RunAsync("run", "foo://r1", "-c", "show clock");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown protocol 'foo'", run.Stderr);
        Assert.Contains("hint: write hosts as ssh://", run.Stderr);
        Assert.DoesNotContain("inventory", run.Stderr);
    }

    [Fact]
    public async Task NoHostsIsAUsageErrorWithAHint()
    {
        CliRunner.Outcome run = await CliRunner.RunAsync("run", "-c", "show clock");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("vty: no hosts to run on", run.Stderr);
        Assert.Contains("hint:", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task InventoryAndGroupSelectTheHostsAndOutputFolderKeepsResults()
    {
        string dir = CliRunner.TempDir();
        try
        {
            string inventory = Path.Combine(dir, "fleet.yaml");
            await File.WriteAllTextAsync(inventory, """
                defaults: { username: lab, password: lab, driver: ios }
                groups:
                  core: {}
                  edge: {}
                hosts:
                  c1: { url: "dummy://c1?profile=ios", groups: [core] }
                  c2: { url: "dummy://c2?profile=ios", groups: [core] }
                  e1: { url: "dummy://e1?profile=ios", groups: [edge] }
                """);
            string output = Path.Combine(dir, "out");

            CliRunner.Outcome run = await CliRunner.RunAsync("run", "--inventory", inventory, "--group", "core", "-c", "show clock", "--output", output);

            Assert.Equal(0, run.ExitCode);
            string[] lines = await File.ReadAllLinesAsync(Path.Combine(output, "results.jsonl"));
            Assert.Equal(["c1", "c2"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("host").GetString()).Order());
            string transcript = await File.ReadAllTextAsync(Path.Combine(output, "transcripts", "c1.log"));
            Assert.Contains("show clock", transcript);
            Assert.DoesNotContain("│ e1 ", run.Stderr);
            Assert.Contains("│ c1 ", run.Stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task AnInvalidInventoryIsOneLineWithTheFileAndLine()
    {
        string dir = CliRunner.TempDir();
        try
        {
            string inventory = Path.Combine(dir, "bad.yaml");
            await File.WriteAllTextAsync(inventory, "hosts:\n  r1: { pasword: x }\n");

            CliRunner.Outcome run = await CliRunner.RunAsync("run", "--inventory", inventory, "-c", "show clock");

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("bad.yaml line 2: unknown key 'pasword'", run.Stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task ConfigSendsTheLinesAsASetAndReportsARejectedOne()
    {
        CliRunner.Outcome ok = await CliRunner.RunAsync("config", "dummy://lab:lab@r1?profile=ios", "--enable", "-c", "interface Loopback1", "-c", "description from vty", "--json");
        CliRunner.Outcome bad = await CliRunner.RunAsync("config", "dummy://lab:lab@r1?profile=ios", "--enable", "-c", "interface Loopback1", "-c", "no such config line", "--json");

        Assert.Equal(0, ok.ExitCode);
        JsonElement okResult = JsonDocument.Parse(ok.Stdout).RootElement;
        Assert.Equal(["interface Loopback1", "description from vty"], okResult.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("command").GetString()));
        Assert.Equal(1, bad.ExitCode);
        JsonElement badResult = JsonDocument.Parse(bad.Stdout).RootElement;
        Assert.Contains("no such config line", badResult.GetProperty("error").GetString());
    }
}
