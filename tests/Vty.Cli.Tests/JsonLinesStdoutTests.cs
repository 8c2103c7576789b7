using System.Text.Json;
using Vty.TestSupport;

namespace Vty.Cli.Tests;

/// <summary>
/// <c>vty run --json</c> as a process writing to a pipe: stdout carries only result lines, each a
/// whole JSON object, and each host's line is there while the run still goes on.
/// </summary>
public sealed class JsonLinesStdoutTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Each_result_reaches_the_pipe_as_its_host_finishes()
    {
        int closedPort = FreePort.Next();
        // The stuck host holds the run open until its timeout; the others finish at once.
        await using ManagedProcess vty = ManagedProcess.Start(VtyProcess.Path, ["run", "--json", "--parallel", "3", "--timeout", "15",
            "dummy://lab:lab@first?profile=ios", $"telnet://127.0.0.1:{closedPort}", "dummy://lab:lab@stuck?profile=ios&fault=hang-after-login",
            "-c", "show clock", "-c", "show version"],
            environment: new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "" });
        await vty.WaitForOutputAsync("\"host\":\"first\"", Wait);
        await vty.WaitForOutputAsync($"\"host\":\"127.0.0.1:{closedPort}\"", Wait);
        Assert.False(vty.HasExited, vty.Output);
        Assert.DoesNotContain("\"host\":\"stuck\"", vty.StandardOutput, StringComparison.Ordinal);

        int exit = await vty.WaitForExitAsync(Wait);

        Assert.True(exit == 2, vty.Output);
        string[] lines = vty.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var status = new Dictionary<string, string>();
        foreach (string line in lines)
        {
            using JsonDocument json = JsonDocument.Parse(line);
            status[json.RootElement.GetProperty("host").GetString()!] = json.RootElement.GetProperty("status").GetString()!;
        }
        Assert.Equal("ok", status["first"]);
        Assert.Equal("unreachable", status[$"127.0.0.1:{closedPort}"]);
        Assert.Equal("timeout", status["stuck"]);
    }
}
