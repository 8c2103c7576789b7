using System.Text.Json;
using Vty.Lab;

namespace Vty.Cli.Tests.History;

/// <summary>`vty backup` against a served lab: commits only on change, filters noise, scrubs secrets, keeps files of failing hosts.</summary>
public sealed class BackupCommandTests
{
    [Fact]
    public async Task Two_backups_without_change_make_one_commit_and_a_change_makes_exactly_one_more()
    {
        await using HistoryLab lab = await HistoryLab.StartAsync(["ios", "junos", "nxos"]);

        CliRunner.Outcome first = await lab.BackupAsync();
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        Assert.Equal(1, await lab.CommitCountAsync());
        Assert.Equal(3, (await lab.GitAsync("ls-files")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // Time passes on every device: uptime, clocks and "last done at" lines move, the configuration does not.
        for (int i = 0; i < 3; i++)
            lab.State(i).Options.Clock += new TimeSpan(3, 17, 42);
        CliRunner.Outcome second = await lab.BackupAsync();
        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Contains("nothing committed", second.Stderr);
        Assert.Equal(1, await lab.CommitCountAsync());

        // One change on the IOS device ("Last configuration change at" moves with it, and is noise).
        CliRunner.Outcome config = await lab.CliAsync("config", "-g", lab.HostName(0), "--enable", "-c", "interface Loopback7", "-c", "description changed-by-test");
        Assert.True(config.ExitCode == 0, config.Stdout + config.Stderr);
        CliRunner.Outcome third = await lab.BackupAsync();
        Assert.True(third.ExitCode == 0, third.Stdout + third.Stderr);
        Assert.Equal(2, await lab.CommitCountAsync());

        Assert.Equal(lab.HostName(0), (await lab.GitAsync("show", "--format=", "--name-only", "HEAD")).Trim());
        string[] changed = (await lab.GitAsync("show", "--format=", "-U0", "HEAD")).Split('\n')
            .Where(l => (l.StartsWith('+') || l.StartsWith('-')) && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal))
            .ToArray();
        Assert.Equal(new[] { "+ description changed-by-test", "+ no ip address", "+!", "+interface Loopback7" }, changed.Order(StringComparer.Ordinal));
        Assert.Contains(lab.HostName(0), await lab.GitAsync("log", "-1", "--format=%B"));
        await lab.GitAsync("fsck", "--no-progress");
    }

    [Fact]
    public async Task Secrets_configured_on_devices_never_reach_the_repository()
    {
        await using HistoryLab lab = await HistoryLab.StartAsync(["ios", "junos"]);
        string[] secrets = ["EnableS3cret", "CommunityS3cret", "TacacsS3cret", "UserS3cret", "JunosCommunityS3cret"];
        CliRunner.Outcome ios = await lab.CliAsync("config", "-g", lab.HostName(0), "--enable",
            "-c", $"enable secret {secrets[0]}", "-c", $"snmp-server community {secrets[1]} RO", "-c", $"tacacs-server key {secrets[2]}",
            "-c", $"username bob privilege 15 secret {secrets[3]}", "--json");
        CliRunner.Outcome junos = await lab.CliAsync("config", "-g", lab.HostName(1), "--commit",
            "-c", $"set snmp community {secrets[4]} authorization read-only", "--json");
        Assert.True(ios.ExitCode == 0, ios.Stdout + ios.Stderr);
        Assert.True(junos.ExitCode == 0, junos.Stdout + junos.Stderr);
        CliRunner.Outcome backup = await lab.BackupAsync("--json");
        Assert.True(backup.ExitCode == 0, backup.Stdout + backup.Stderr);

        string history = await lab.GitAsync("log", "-p", "--all");
        string files = string.Concat(Directory.GetFiles(lab.Repo).Select(File.ReadAllText));
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(secret, history);
            Assert.DoesNotContain(secret, files);
            Assert.DoesNotContain(secret, backup.Stdout);     // the JSON results say what was stored, never the text
            Assert.DoesNotContain(secret, junos.Stdout);      // the config results' echo of the lines is scrubbed too
        }
        Assert.Contains("snmp-server community <removed> RO", history);
        Assert.Contains("community <removed> {", history);

        // The same backup keeping secrets does store them: the assertions above could fail.
        CliRunner.Outcome kept = await CliRunner.RunAsync(["backup", "--inventory", lab.Inventory, "--repo", Path.Combine(lab.Dir, "kept"), "--keep-secrets", .. lab.Connection]);
        Assert.True(kept.ExitCode == 0, kept.Stdout + kept.Stderr);
        string keptText = string.Concat(Directory.GetFiles(Path.Combine(lab.Dir, "kept")).Select(File.ReadAllText));
        Assert.Contains(secrets[1], keptText);
        Assert.Contains(secrets[4], keptText);
    }

    [Fact]
    public async Task A_host_that_fails_keeps_its_previous_file_and_the_status_file_says_why()
    {
        await using HistoryLab lab = await HistoryLab.StartAsync(["ios", "junos"]);
        Assert.Equal(0, (await lab.BackupAsync()).ExitCode);
        string file = Path.Combine(lab.Repo, lab.HostName(1));
        string before = await File.ReadAllTextAsync(file);

        // The Junos device changes, then hangs after login: the backup times out on it.
        CliRunner.Outcome change = await lab.CliAsync("config", "-g", lab.HostName(1), "--commit", "-c", "set system host-name moved");
        Assert.Equal(0, change.ExitCode);
        lab.State(1).Options.Fault = LabFault.HangAfterLogin;
        CliRunner.Outcome failed = await lab.BackupAsync("--timeout", "4");

        Assert.Equal(1, failed.ExitCode);
        Assert.Equal(before, await File.ReadAllTextAsync(file));
        Assert.Equal(1, await lab.CommitCountAsync());
        Assert.Empty(Directory.GetFiles(lab.Repo, "*.vty-tmp"));
        using JsonDocument status = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(lab.Repo, ".vty-status.json")));
        JsonElement host = status.RootElement.GetProperty("hosts").GetProperty(lab.HostName(1));
        Assert.True(host.TryGetProperty("lastFailure", out _));
        Assert.False(string.IsNullOrEmpty(host.GetProperty("lastError").GetString()));
        Assert.True(status.RootElement.GetProperty("hosts").GetProperty(lab.HostName(0)).TryGetProperty("lastSuccess", out _));
        // The status file is never committed.
        Assert.DoesNotContain(".vty-status.json", await lab.GitAsync("ls-files"));
    }

    [Fact]
    public async Task A_device_that_stops_halfway_through_its_configuration_keeps_the_previous_file()
    {
        await using HistoryLab lab = await HistoryLab.StartAsync(["ios", "eos"]);
        Assert.Equal(0, (await lab.BackupAsync()).ExitCode);
        string file = Path.Combine(lab.Repo, lab.HostName(0));
        string before = await File.ReadAllTextAsync(file);

        // The IOS device changes, then sends only the first half of its running configuration and goes quiet.
        Assert.Equal(0, (await lab.CliAsync("config", "-g", lab.HostName(0), "-c", "ip domain-name halfway.example")).ExitCode);
        lab.State(0).Options.Fault = LabFault.StallMidOutput;
        CliRunner.Outcome failed = await lab.BackupAsync("--timeout", "4", "--json");

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("timeout", failed.Stdout, StringComparison.OrdinalIgnoreCase);
        // Neither the half nor an empty file replaced what was stored, and nothing was committed for it.
        Assert.Equal(before, await File.ReadAllTextAsync(file));
        Assert.DoesNotContain("halfway.example", await lab.GitAsync("log", "-p", "--all"));
        Assert.Equal(1, await lab.CommitCountAsync());
        Assert.Empty(Directory.GetFiles(lab.Repo, "*.vty-tmp"));
        await lab.GitAsync("fsck", "--no-progress");

        // Once the device answers whole again, the change lands as one commit.
        lab.State(0).Options.Fault = LabFault.None;
        Assert.Equal(0, (await lab.BackupAsync()).ExitCode);
        Assert.Equal(2, await lab.CommitCountAsync());
        Assert.Contains("ip domain-name halfway.example", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task On_change_hook_runs_per_changed_host_with_commit_and_diff()
    {
        await using HistoryLab lab = await HistoryLab.StartAsync(["ios", "junos"]);
        string log = Path.Combine(lab.Dir, "hook.log");
        string hook = $"echo \"$VTY_HOST $VTY_COMMIT $(grep -c '^+' \"$VTY_DIFF\")\" >> {log}";
        Assert.Equal(0, (await lab.BackupAsync("--on-change", hook)).ExitCode);
        string[] first = await File.ReadAllLinesAsync(log);
        Assert.Equal(2, first.Length);

        Assert.Equal(0, (await lab.CliAsync("config", "-g", lab.HostName(1), "--commit", "-c", "set system location building-9")).ExitCode);
        Assert.Equal(0, (await lab.BackupAsync("--on-change", hook)).ExitCode);
        string[] all = await File.ReadAllLinesAsync(log);
        Assert.Equal(3, all.Length);
        string head = (await lab.GitAsync("rev-parse", "HEAD")).Trim();
        Assert.StartsWith($"{lab.HostName(1)} {head} ", all[2]);
        Assert.NotEqual("0", all[2].Split(' ')[2]);
    }
}
