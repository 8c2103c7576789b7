using System.Text.Json;
using Vty.Lab;
using Vty.Lab.Serving;

namespace Vty.Cli.Tests;

/// <summary>
/// <c>--retries</c> against a lab device served over our Telnet server that drops the session right
/// after the first configuration line: the failure is reported, never retried, so the device
/// receives the block once.
/// </summary>
public sealed class RetryTests
{
    [Fact]
    public async Task Config_with_retries_delivers_the_block_once_when_the_session_breaks_after_the_first_line()
    {
        await using LabHost lab = await LabHost.StartAsync(new LabHostOptions
        {
            Ssh = false,
            Profiles = ["ios"],
            ConfigureDevice = (_, device) => device.Fault = LabFault.DropAfterConfigLine,
        }).WaitAsync(CliRunner.TestTimeout);
        LabHostDevice device = lab.Devices[0];

        CliRunner.Outcome run = await CliRunner.RunAsync("config", $"telnet://lab:lab@127.0.0.1:{device.TelnetPort}", "--driver", "ios",
            "--enable", "--retries", "2", "-c", "vlan 10", "-c", "name users", "--json");

        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        JsonElement host = JsonDocument.Parse(run.Stdout.Trim()).RootElement;
        Assert.False(host.GetProperty("ok").GetBoolean());
        Assert.Equal(1, host.GetProperty("attempts").GetInt32());
        Assert.Contains("not retried", host.GetProperty("error").GetString());
        // What was delivered: the line that went out, without an answer.
        JsonElement sent = Assert.Single(host.GetProperty("results").EnumerateArray());
        Assert.Equal("vlan 10", sent.GetProperty("command").GetString());
        Assert.Contains("no answer", sent.GetProperty("error").GetString());
        Assert.False(sent.GetProperty("ok").GetBoolean());

        IReadOnlyList<string> log = device.Device.State.CommandLog;
        Assert.Equal(1, log.Count(line => line == "vlan 10"));
        Assert.DoesNotContain("name users", log);
        Assert.Equal(1, log.Count(line => line.StartsWith("conf", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_failure_before_anything_was_sent_is_still_retried()
    {
        // Nothing listens on the port: connecting fails every time, nothing was delivered, so each retry is made.
        int closed = Vty.TestSupport.FreePort.Next();

        CliRunner.Outcome run = await CliRunner.RunAsync("config", $"telnet://lab:lab@127.0.0.1:{closed}", "--driver", "ios",
            "--retries", "2", "-c", "vlan 10", "--json");

        JsonElement host = JsonDocument.Parse(run.Stdout.Trim()).RootElement;
        Assert.False(host.GetProperty("ok").GetBoolean());
        Assert.True(host.GetProperty("attempts").GetInt32() == 3, run.Stdout);
        Assert.DoesNotContain("not retried", host.GetProperty("error").GetString());
        Assert.Empty(host.GetProperty("results").EnumerateArray());
    }
}
