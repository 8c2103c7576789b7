namespace Vty.Cli.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task DemoRunsAcrossTheLabAndPrintsTheSummary()
    {
        // Captured output is not a terminal: the demo's table and notes go to stderr.
        CliRunner.Outcome run = await CliRunner.RunAsync("demo");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("20 hosts: 20 ok, 0 failed", run.Stderr);
        Assert.Contains("Cisco IOS Software", run.Stderr);
        Assert.Contains("10 over SSH, 10 over Telnet", run.Stderr);
        foreach (string driver in new[] { "ios", "junos", "eos", "nxos", "shell", "fortios", "panos", "routeros", "vyos", "hp_pro_curve", "aoscx", "comware", "sros", "exos", "brocade" })
            Assert.Contains($" {driver} ", run.Stderr);
    }

    [Fact]
    public async Task DemoInMemoryNeedsNoSockets()
    {
        CliRunner.Outcome run = await CliRunner.RunAsync("demo", "--devices", "5", "--in-memory");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("in-memory sessions", run.Stderr);
        Assert.Contains("5 hosts: 5 ok, 0 failed", run.Stderr);
    }

    [Fact]
    public async Task DemoJsonHasOneLinePerDevice()
    {
        CliRunner.Outcome run = await CliRunner.RunAsync("demo", "--devices", "7", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(7, run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
