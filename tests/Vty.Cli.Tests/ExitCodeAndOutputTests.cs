using System.Globalization;
using Vty.TestSupport;

namespace Vty.Cli.Tests;

/// <summary>
/// The built <c>vty</c> as a child process: exit codes (0, failed hosts capped at 100, 2 for every
/// usage error, 130 on SIGINT, 255 from exec) and output discipline (a pipe gets only results; the
/// table and notes go to stderr; a terminal, made by util-linux <c>script</c>, gets the table).
/// </summary>
public sealed class ExitCodeAndOutputTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    private static string Vty => Path.Combine(AppContext.BaseDirectory, "Vty.Cli");

    private static Task<(int ExitCode, string StandardOutput, string StandardError, string Output)> RunVtyAsync(params string[] args) =>
        ManagedProcess.RunCapturedAsync(Vty, args, new Dictionary<string, string> { ["NO_COLOR"] = "1" }, Wait);

    [Theory]
    [InlineData("run", "dummy://lab:lab@r1?profile=ios")]                                          // missing -c
    [InlineData("run", "dummy://lab:lab@r1?profile=ios", "-c")]                                    // -c without its value
    [InlineData("run", "dummy://lab:lab@r1?profile=ios", "-c", "show clock", "--no-such-option")] // unknown option
    [InlineData("run", "dummy://lab:lab@r1?profile=ios", "-c", "show clock", "--parallel", "many")] // a value of the wrong type
    [InlineData("run", "dummy://lab:lab@r1?profile=ios", "-c", "show clock", "--parallel", "0")]    // a value out of range
    [InlineData("run", "dummy://lab:lab@r1?profile=ios", "-c", "show clock", "--timeout", "-1")]
    [InlineData("run", "foo://r1", "-c", "show clock")]                                            // a URL vty cannot use
    [InlineData("config", "dummy://lab:lab@r1?profile=ios")]
    [InlineData("frobnicate")]                                                                     // unknown command
    [InlineData("exec")]
    public async Task Every_usage_error_exits_2_with_a_message_on_stderr_only(params string[] args)
    {
        var (exit, stdout, stderr, _) = await RunVtyAsync(args);

        Assert.True(exit == 2, $"exit {exit}\nstdout: {stdout}\nstderr: {stderr}");
        Assert.Equal("", stdout);
        Assert.StartsWith("vty: ", stderr);
    }

    [Fact]
    public async Task A_pipe_gets_only_the_results_and_the_table_goes_to_stderr()
    {
        var (exit, stdout, stderr, _) = await RunVtyAsync("run", "dummy://lab:lab@r1?profile=ios", "dummy://lab:lab@r2?profile=eos", "-c", "show clock");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("==> r1 (ios) ok <==", stdout);
        Assert.Contains("> show clock", stdout);
        // No table, no summary, no full-width rule in the pipe.
        Assert.DoesNotContain("hosts:", stdout);
        Assert.DoesNotContain("──", stdout);
        Assert.DoesNotContain("\u001b[", stdout);
        Assert.Contains("2 hosts: 2 ok, 0 failed", stderr);
        Assert.Contains("│ r2 ", stderr);
    }

    [Fact]
    public async Task Json_in_a_pipe_is_nothing_but_result_lines()
    {
        string dir = CliRunner.TempDir();
        try
        {
            var (exit, stdout, stderr, _) = await RunVtyAsync("run", "dummy://lab:lab@r1?profile=ios", "dummy://lab:lab@r2?profile=ios&fault=reject-login",
                "-c", "show clock", "--json", "--output", Path.Combine(dir, "out"));

            Assert.Equal(1, exit);
            Assert.Equal(2, ResultSchema.ValidLines(stdout).Length);
            Assert.Contains("results: ", stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_terminal_gets_the_outputs_under_rules_and_the_table()
    {
        string command = $"NO_COLOR=1 '{Vty}' run 'dummy://lab:lab@r1?profile=ios' 'dummy://lab:lab@r2?profile=eos' -c 'show clock'";

        // script(1) runs the command on a new pseudo-terminal and copies what it shows to its stdout.
        var (exit, raw, _, _) = await ManagedProcess.RunCapturedAsync("script", ["-qec", command, "/dev/null"], null, Wait);
        string shown = System.Text.RegularExpressions.Regex.Replace(raw, @"\u001b(\[[0-9;?]*[A-Za-z]|[=>])", "");

        Assert.True(exit == 0, shown);
        Assert.Contains("2 hosts: 2 ok, 0 failed", shown);
        Assert.Contains("──", shown);          // the rule over each host's outputs
        Assert.Contains("╭", shown);           // the table's border
        Assert.DoesNotContain("==> r1", shown);
    }

    [Fact]
    public async Task The_exit_code_counts_failed_hosts_and_stops_at_100()
    {
        string[] three = ["dummy://lab:lab@ok1?profile=ios", "dummy://lab:lab@bad1?profile=ios&fault=reject-login", "dummy://lab:lab@bad2?profile=nosuchprofile"];
        string[] many = [.. Enumerable.Range(1, 101).Select(i => $"dummy://lab:lab@bad{i}?profile=nosuchprofile")];

        var (two, _, twoErr, _) = await RunVtyAsync(["run", .. three, "-c", "show clock"]);
        var (capped, _, cappedErr, _) = await RunVtyAsync(["run", .. many, "-c", "show clock", "--parallel", "50"]);

        Assert.True(two == 2, twoErr);
        Assert.True(capped == 100, cappedErr);
        Assert.Contains("101 hosts: 0 ok, 101 failed", cappedErr);
    }

    [Fact]
    public async Task Exec_keeps_ssh_s_255_for_a_connection_failure()
    {
        int closed = FreePort.Next();

        var (exit, _, stderr, _) = await RunVtyAsync("exec", $"ssh://nobody@127.0.0.1:{closed}", "true");

        Assert.True(exit == 255, stderr);
    }

    [Fact]
    public async Task Sigint_exits_130_and_the_hosts_never_started_are_reported()
    {
        await using ManagedProcess vty = ManagedProcess.Start(Vty, ["run", "--json", "--parallel", "1", "--timeout", "120",
            "dummy://lab:lab@first?profile=ios", "dummy://lab:lab@stuck?profile=ios&fault=hang-after-login", "dummy://lab:lab@never?profile=ios", "-c", "show clock"]);
        await vty.WaitForOutputAsync("\"host\":\"first\"", Wait);

        var (killed, killOutput) = await ManagedProcess.RunAsync("kill", ["-INT", vty.Id.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(killed == 0, killOutput);
        int exit = await vty.WaitForExitAsync(Wait);

        Assert.True(exit == 130, vty.Output);
        Dictionary<string, System.Text.Json.JsonElement> byHost = ResultSchema.ByHost(vty.StandardOutput);
        Assert.Equal("ok", byHost["first"].GetProperty("status").GetString());
        Assert.Equal("cancelled", byHost["stuck"].GetProperty("status").GetString());
        Assert.Equal("not-started", byHost["never"].GetProperty("status").GetString());
    }
}
