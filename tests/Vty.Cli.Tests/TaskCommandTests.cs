using System.Text.Json;
using Vty.TestSupport.Ssh;

namespace Vty.Cli.Tests;

public sealed class TaskCommandTests
{
    private const string Tasks = """
        vars:
          dirname: vty-task-test
        tasks:
          diskspace:
            description: Disk usage and a variable
            steps:
              - run: df -P /
              - run: echo made {{ dirname }} on {{ host }}
              - run: exit 3
                name: tolerated failure
                ok_exit_codes: [3]
          loopbacks:
            description: Two loopbacks then show them
            steps:
              - enable: true
              - config: ["interface Loopback{{ first }}", "description first", "interface Loopback2"]
              - command: show running-config
          broken:
            steps:
              - run: "ls /definitely/not/here"
        """;

    [Fact]
    public async Task RunStepsGoOverSshExecWithExitStatusAndVariables()
    {
        await using OpenSshServer sshd = await OpenSshServer.StartAsync().WaitAsync(CliRunner.TestTimeout);
        string dir = CliRunner.TempDir();
        try
        {
            string tasks = Path.Combine(dir, "tasks.yaml");
            string inventory = Path.Combine(dir, "inventory.yaml");
            await File.WriteAllTextAsync(tasks, Tasks);
            await File.WriteAllTextAsync(inventory, $$"""
                hosts:
                  web1: { url: "ssh://{{SshTestUser.Name}}@127.0.0.1:{{sshd.Port}}", password: {{SshTestUser.Password}}, driver: linux }
                """);

            CliRunner.Outcome ok = await CliRunner.RunAsync("task", "diskspace", "--tasks", tasks, "--inventory", inventory, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "--json");
            CliRunner.Outcome broken = await CliRunner.RunAsync("task", "broken", "--tasks", tasks, "--inventory", inventory, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "--json");

            Assert.True(ok.ExitCode == 0, ok.Stdout + ok.Stderr + sshd.Log);
            JsonElement result = JsonDocument.Parse(ok.Stdout).RootElement;
            JsonElement[] steps = [.. result.GetProperty("results").EnumerateArray()];
            Assert.Contains("Filesystem", steps[0].GetProperty("output").GetString());
            Assert.Equal("made vty-task-test on web1\n", steps[1].GetProperty("output").GetString());
            Assert.Equal("tolerated failure", steps[2].GetProperty("command").GetString());

            Assert.Equal(1, broken.ExitCode);
            string error = JsonDocument.Parse(broken.Stdout).RootElement.GetProperty("error").GetString()!;
            Assert.Contains("exit status 2", error);
            Assert.Contains("No such file or directory", error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task SessionStepsConfigureAndShowOnALabDevice()
    {
        string dir = CliRunner.TempDir();
        try
        {
            string tasks = Path.Combine(dir, "tasks.yaml");
            string inventory = Path.Combine(dir, "inventory.yaml");
            await File.WriteAllTextAsync(tasks, Tasks);
            await File.WriteAllTextAsync(inventory, """
                defaults: { username: lab, password: lab, driver: ios }
                hosts:
                  r1: { url: "dummy://r1?profile=ios", vars: { first: "1" } }
                  r2: { url: "dummy://r2?profile=ios", vars: { first: "5" } }
                """);

            CliRunner.Outcome run = await CliRunner.RunAsync("task", "loopbacks", "--tasks", tasks, "--inventory", inventory, "--json");

            Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
            var byHost = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("host").GetString()!);
            string r2Config = byHost["r2"].GetProperty("results").EnumerateArray().Last().GetProperty("output").GetString()!;
            Assert.Contains("interface Loopback5", r2Config);
            Assert.Contains("interface Loopback2", r2Config);
            Assert.DoesNotContain("interface Loopback1\n", r2Config);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task WithoutANameTheTasksAreListedAndAnUnknownNameSaysWhichExist()
    {
        string dir = CliRunner.TempDir();
        try
        {
            string tasks = Path.Combine(dir, "tasks.yaml");
            await File.WriteAllTextAsync(tasks, Tasks);

            CliRunner.Outcome list = await CliRunner.RunAsync("task", "--tasks", tasks);
            CliRunner.Outcome unknown = await CliRunner.RunAsync("task", "nope", "--tasks", tasks, "dummy://r1?profile=ios");

            Assert.Equal(0, list.ExitCode);
            Assert.Contains("diskspace", list.Stdout);
            Assert.Contains("Two loopbacks then show them", list.Stdout);
            Assert.Equal(2, unknown.ExitCode);
            Assert.Contains("no task named 'nope'", unknown.Stderr);
            Assert.Contains("diskspace, loopbacks, broken", unknown.Stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
