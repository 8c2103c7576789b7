using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Vty.Cli.Tests.History;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Cli.Tests;

/// <summary>
/// Every command's JSON lines against the published schema (docs/schema/result-1.json, checked
/// by JsonSchema.Net): run, config, task, backup and an interrupted run, one status of each kind.
/// </summary>
public sealed class ResultSchemaTests
{
    [Fact]
    public async Task Run_lines_validate_for_ok_login_failed_timeout_and_unreachable_hosts()
    {
        int closedPort = FreePort.Next();
        CliRunner.Outcome run = await CliRunner.RunAsync("run",
            "dummy://lab:lab@r1?profile=ios", "dummy://lab:lab@r2?profile=ios&fault=reject-login",
            "dummy://lab:lab@r3?profile=ios&fault=hang-after-login", $"telnet://127.0.0.1:{closedPort}",
            "-c", "show clock", "--json", "--timeout", "3");

        Dictionary<string, JsonElement> byHost = ResultSchema.ByHost(run.Stdout);
        Assert.Equal(3, run.ExitCode);
        Assert.Equal("ok", byHost["r1"].GetProperty("status").GetString());
        Assert.Equal("login-failed", byHost["r2"].GetProperty("status").GetString());
        Assert.Equal("timeout", byHost["r3"].GetProperty("status").GetString());
        // A URL's port is part of its name, never a "#2" suffix.
        Assert.Equal("unreachable", byHost[$"127.0.0.1:{closedPort}"].GetProperty("status").GetString());
        JsonElement ok = byHost["r1"];
        Assert.Equal(HostResultJsonSchemaId, ok.GetProperty("schema").GetString());
        Assert.Equal("dummy://lab:***@r1?profile=ios", ok.GetProperty("url").GetString());
        Assert.Equal("ios", ok.GetProperty("driver").GetString());
        Assert.Contains(ok.GetProperty("driverMethod").GetString(), new[] { "guessed", "probed" });
        Assert.False(string.IsNullOrEmpty(ok.GetProperty("driverReason").GetString()));
        Assert.Equal(1, ok.GetProperty("attempts").GetInt32());
        Assert.True(DateTimeOffset.Parse(ok.GetProperty("startedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddHours(-1));
        JsonElement command = ok.GetProperty("results")[0];
        Assert.True(command.GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.Null, command.GetProperty("error").ValueKind);
        Assert.DoesNotContain("lab:lab", run.Stdout);
    }

    private const string HostResultJsonSchemaId = "vty.result/1";

    [Fact]
    public async Task A_rejected_command_is_command_error_with_the_failing_command_marked()
    {
        CliRunner.Outcome run = await CliRunner.RunAsync("run", "dummy://lab:lab@r1?profile=ios", "dummy://lab:lab@r1?profile=eos",
            "-c", "show clock", "-c", "show no-such-thing", "--json");

        Dictionary<string, JsonElement> byHost = ResultSchema.ByHost(run.Stdout);
        Assert.Equal(2, run.ExitCode);
        // The same name twice: the second is told apart by its scheme, never by "#2".
        Assert.Equal(["dummy://r1", "r1"], byHost.Keys.Order(StringComparer.Ordinal));
        foreach (JsonElement host in byHost.Values)
        {
            Assert.Equal("command-error", host.GetProperty("status").GetString());
            JsonElement[] commands = [.. host.GetProperty("results").EnumerateArray()];
            Assert.True(commands[0].GetProperty("ok").GetBoolean());
            Assert.False(commands[1].GetProperty("ok").GetBoolean());
            Assert.Contains("show no-such-thing", commands[1].GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task Config_lines_validate_and_a_rejected_line_carries_its_error()
    {
        CliRunner.Outcome ok = await CliRunner.RunAsync("config", "dummy://lab:lab@r1?profile=ios", "--enable",
            "-c", "interface Loopback1", "-c", "description from vty", "--json");
        CliRunner.Outcome bad = await CliRunner.RunAsync("config", "dummy://lab:lab@r1?profile=ios", "--enable",
            "-c", "interface Loopback1", "-c", "no such config line", "--json");

        JsonElement okLine = Assert.Single(ResultSchema.ValidLines(ok.Stdout));
        JsonElement badLine = Assert.Single(ResultSchema.ValidLines(bad.Stdout));
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("ok", okLine.GetProperty("status").GetString());
        Assert.All(okLine.GetProperty("results").EnumerateArray(), r => Assert.True(r.GetProperty("ok").GetBoolean()));
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal("command-error", badLine.GetProperty("status").GetString());
        JsonElement rejected = badLine.GetProperty("results").EnumerateArray().Single(r => !r.GetProperty("ok").GetBoolean());
        Assert.Equal("no such config line", rejected.GetProperty("command").GetString());
        Assert.False(string.IsNullOrWhiteSpace(rejected.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Task_lines_validate_with_an_ignored_step_and_a_failing_one()
    {
        using var dir = new TempDirectory();
        string tasks = Path.Combine(dir.Path, "tasks.yaml");
        await File.WriteAllTextAsync(tasks, """
            tasks:
              check:
                steps:
                  - command: show clock
                  - command: show no-such-thing
                    ignore_errors: true
                  - command: show version
              broken:
                steps:
                  - command: show clock
                  - command: show no-such-thing
            """);

        CliRunner.Outcome check = await CliRunner.RunAsync("task", "check", "--tasks", tasks, "dummy://lab:lab@r1?profile=ios", "--json");
        CliRunner.Outcome broken = await CliRunner.RunAsync("task", "broken", "--tasks", tasks, "dummy://lab:lab@r1?profile=ios", "--json");

        JsonElement checkLine = Assert.Single(ResultSchema.ValidLines(check.Stdout));
        JsonElement brokenLine = Assert.Single(ResultSchema.ValidLines(broken.Stdout));
        Assert.Equal(0, check.ExitCode);
        JsonElement[] steps = [.. checkLine.GetProperty("results").EnumerateArray()];
        Assert.Equal([true, false, true], steps.Select(s => s.GetProperty("ok").GetBoolean()));
        Assert.StartsWith("ignored:", steps[1].GetProperty("error").GetString());
        Assert.True(checkLine.GetProperty("ok").GetBoolean());
        Assert.Equal(1, broken.ExitCode);
        Assert.Equal("command-error", brokenLine.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Backup_lines_validate()
    {
        await using HistoryLab lab = await HistoryLab.StartAsync(["ios", "junos"]);

        CliRunner.Outcome backup = await lab.BackupAsync("--json");

        Assert.True(backup.ExitCode == 0, backup.Stdout + backup.Stderr);
        JsonElement[] lines = ResultSchema.ValidLines(backup.Stdout);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Equal("ok", l.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task An_interrupted_run_writes_a_not_started_line_for_every_host_it_never_began()
    {
        using var stop = new CancellationTokenSource();
        // Stop the run as soon as the first host's line is written: hosts after it never start.
        var stdout = new StopAfterFirstLine(stop);
        var stderr = new StringWriter();
        string[] urls = [.. Enumerable.Range(1, 6).Select(i => $"dummy://lab:lab@n{i}?profile=ios")];
        var parse = Program.BuildRootCommand().Parse(["run", .. urls, "-c", "show clock", "--json", "--parallel", "1"]);

        int exit = await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr }, stop.Token)
            .WaitAsync(CliRunner.TestTimeout);

        Assert.Equal(130, exit);
        Dictionary<string, JsonElement> byHost = ResultSchema.ByHost(stdout.ToString());
        Assert.Equal(6, byHost.Count);
        Assert.Equal("ok", byHost["n1"].GetProperty("status").GetString());
        string[] notStarted = [.. byHost.Values.Where(l => l.GetProperty("status").GetString() == "not-started").Select(l => l.GetProperty("host").GetString()!)];
        Assert.True(notStarted.Length >= 4, stdout.ToString());
        Assert.All(byHost.Values.Where(l => l.GetProperty("status").GetString() == "not-started"), l =>
        {
            Assert.Equal(0, l.GetProperty("attempts").GetInt32());
            Assert.Equal(JsonValueKind.Null, l.GetProperty("startedAt").ValueKind);
        });
    }

    [Fact]
    public async Task A_refused_host_key_is_status_host_key_not_unreachable()
    {
        await using OpenSshServer sshd = await OpenSshServer.StartAsync().WaitAsync(CliRunner.TestTimeout);
        using var dir = new TempDirectory();
        // known_hosts names this server with another key: the key the server shows is a change.
        string otherKey = Path.Combine(dir.Path, "other");
        using (Process keygen = Process.Start(new ProcessStartInfo("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", otherKey]) { RedirectStandardOutput = true })!)
            await keygen.WaitForExitAsync().WaitAsync(CliRunner.TestTimeout);
        string knownHosts = Path.Combine(dir.Path, "known_hosts");
        await File.WriteAllTextAsync(knownHosts, $"[127.0.0.1]:{sshd.Port} {await File.ReadAllTextAsync(otherKey + ".pub")}");

        CliRunner.Outcome run = await CliRunner.RunAsync("run", $"ssh://{SshTestUser.Name}:{SshTestUser.Password}@127.0.0.1:{sshd.Port}",
            "-c", "true", "--driver", "linux", "--json", "-o", "StrictHostKeyChecking=yes", "-o", $"UserKnownHostsFile={knownHosts}");

        JsonElement line = Assert.Single(ResultSchema.ValidLines(run.Stdout));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("host-key", line.GetProperty("status").GetString());
        Assert.Equal($"127.0.0.1:{sshd.Port}", line.GetProperty("host").GetString());
        Assert.DoesNotContain(SshTestUser.Password, run.Stdout);
    }

    /// <summary>Captures output and cancels the run once the first complete line arrived.</summary>
    private sealed class StopAfterFirstLine(CancellationTokenSource stop) : StringWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            base.Write(value);
            if (value == '\n')
                stop.Cancel();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            if (value?.Contains('\n') == true)
                stop.Cancel();
        }

        public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        {
            base.Write(buffer.Span);
            base.Write('\n');
            stop.Cancel();
            return Task.CompletedTask;
        }
    }
}
