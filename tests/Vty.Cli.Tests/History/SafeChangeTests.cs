using System.Text.Json;
using Vty.Lab;

namespace Vty.Cli.Tests.History;

/// <summary>`vty config` on commit-model lab devices (Junos, IOS-XR): no silent uncommitted change, commit confirmed, dry run, diff; `vty rollback`.</summary>
public sealed class SafeChangeTests
{
    [Theory]
    [InlineData("junos", "set system host-name renamed")]
    [InlineData("iosxr", "hostname renamed")]
    public async Task Config_without_commit_fails_and_leaves_nothing_committed(string profile, string line)
    {
        await using HistoryLab lab = await HistoryLab.StartAsync([profile]);
        LabDeviceState state = lab.State(0);
        string hostname = state.Hostname;

        CliRunner.Outcome run = await lab.CliAsync("config", "-g", lab.HostName(0), "-c", line, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("changes not committed; pass --commit", run.Stdout);
        Assert.Empty(state.Commits);
        Assert.Null(state.Candidate);
        Assert.Equal(hostname, state.Hostname);
    }

    [Theory]
    [InlineData("junos", "set system host-name renamed")]
    [InlineData("iosxr", "hostname renamed")]
    public async Task Commit_confirmed_is_committed_then_confirmed(string profile, string line)
    {
        await using HistoryLab lab = await HistoryLab.StartAsync([profile]);
        LabDeviceState state = lab.State(0);

        CliRunner.Outcome run = await lab.CliAsync("config", "-g", lab.HostName(0), "-c", line, "--commit", "--confirm", "1", "--comment", "by-test");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal("renamed", state.Hostname);
        Assert.Equal(2, state.Commits.Count);
        Assert.True(state.Commits[0].Confirmed);
        Assert.Equal("by-test", state.Commits[0].Comment);
        Assert.False(state.Commits[1].Confirmed);
        Assert.Null(state.PendingConfirm);      // confirmed: no rollback pending
    }

    [Fact]
    public async Task A_commit_confirmed_that_is_never_confirmed_rolls_back_on_the_device()
    {
        // One "minute" of the device's confirm timer lasts 0.3 s here.
        await using HistoryLab lab = await HistoryLab.StartAsync(["junos"], (_, d) => d.ConfirmTimeScale = 0.005);
        LabDeviceState state = lab.State(0);
        string hostname = state.Hostname;
        string url = lab.Lab.Devices[0].SshUrl!;
        var options = new Vty.Devices.DeviceConnectOptions { ConfigureSsh = (_, ssh) => { ssh.HostKeyPolicy = Vty.Ssh.HostKeyPolicy.Off; } };
        var host = Vty.Inventory.InventoryHost.FromUrl(url, new Vty.Inventory.HostSettings { Username = "lab", Driver = "junos" });
        await using (Vty.Devices.DeviceSession device = await Vty.Devices.DeviceConnector.ConnectAsync(host, new Vty.Inventory.HostCredentials { Username = "lab", Password = "lab" }, options, TextWriter.Null, CancellationToken.None))
        {
            await device.SendConfigSetAsync(["set system host-name unconfirmed"], new Vty.Devices.ConfigSetOptions { ExitConfigMode = false });
            await device.CommitAsync(new Vty.Devices.CommitOptions { ConfirmMinutes = 1 });
            Assert.Equal("unconfirmed", state.Hostname);
        }

        // Wait (bounded) for the device's own timer; the assertion is on the outcome, not on the time.
        for (int i = 0; i < 200 && state.Hostname != hostname; i++)
            await Task.Delay(50);
        Assert.Equal(hostname, state.Hostname);
        Assert.Contains(state.Commits, c => c.Comment?.Contains("automatic rollback", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Dry_run_shows_the_candidate_diff_and_commits_nothing_and_ios_refuses_it_plainly()
    {
        await using HistoryLab lab = await HistoryLab.StartAsync(["junos", "ios"]);
        CliRunner.Outcome dry = await lab.CliAsync("config", "-g", lab.HostName(0), "-c", "set system host-name dry", "--dry-run", "--json");
        Assert.True(dry.ExitCode == 0, dry.Stdout + dry.Stderr);
        Assert.Contains("+   host-name dry;", dry.Stdout);
        Assert.Empty(lab.State(0).Commits);
        Assert.NotEqual("dry", lab.State(0).Hostname);

        CliRunner.Outcome ios = await lab.CliAsync("config", "-g", lab.HostName(1), "-c", "hostname dry", "--dry-run", "--json");
        Assert.Equal(1, ios.ExitCode);
        Assert.Contains("dry run is not possible on 'ios'", ios.Stdout);
        Assert.NotEqual("dry", lab.State(1).Hostname);
    }

    [Fact]
    public async Task Diff_shows_exactly_what_the_change_did_and_save_writes_memory()
    {
        await using HistoryLab lab = await HistoryLab.StartAsync(["ios"]);
        CliRunner.Outcome run = await lab.CliAsync("config", "-g", lab.HostName(0), "--enable", "-c", "ip domain-name changed.example", "--diff", "--save", "--json");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        using JsonDocument doc = JsonDocument.Parse(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]);
        JsonElement diff = doc.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("command").GetString() == "diff");
        string[] changes = diff.GetProperty("output").GetString()!.Split('\n')
            .Where(l => l.Length > 0 && (l[0] is '+' or '-') && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["-ip domain-name lab.example", "+ip domain-name changed.example"], changes);
        Assert.NotNull(lab.State(0).Startup);
    }

    [Fact]
    public async Task Rollback_restores_a_stored_revision_exactly_with_its_secrets()
    {
        await using HistoryLab lab = await HistoryLab.StartAsync(["junos"]);
        string host = lab.HostName(0);
        Assert.Equal(0, (await lab.CliAsync("config", "-g", host, "--commit", "-c", "set snmp community KeepMeS3cret authorization read-only")).ExitCode);
        Assert.Equal(0, (await lab.BackupAsync()).ExitCode);
        string stored = await File.ReadAllTextAsync(Path.Combine(lab.Repo, host));
        Assert.Contains("<removed>", stored);

        Assert.Equal(0, (await lab.CliAsync("config", "-g", host, "--commit", "-c", "set system host-name drifted", "-c", "set system location somewhere")).ExitCode);
        Assert.Equal(0, (await lab.BackupAsync()).ExitCode);
        Assert.Equal(2, await lab.CommitCountAsync());

        CliRunner.Outcome withoutCommit = await lab.CliAsync("rollback", "-g", host, "--repo", lab.Repo, "--to", "HEAD~1");
        Assert.Equal(1, withoutCommit.ExitCode);
        Assert.Equal("drifted", lab.State(0).Hostname);

        CliRunner.Outcome rollback = await lab.CliAsync("rollback", "-g", host, "--repo", lab.Repo, "--to", "HEAD~1", "--commit", "--json");
        Assert.True(rollback.ExitCode == 0, rollback.Stdout + rollback.Stderr);
        Assert.DoesNotContain("KeepMeS3cret", rollback.Stdout);
        Assert.NotEqual("drifted", lab.State(0).Hostname);

        // A new backup equals the restored revision, and the device kept its real community (not "<removed>").
        Assert.Equal(0, (await lab.BackupAsync()).ExitCode);
        Assert.Equal(stored, await File.ReadAllTextAsync(Path.Combine(lab.Repo, host)));
        CliRunner.Outcome show = await lab.CliAsync("run", "-g", host, "-c", "show configuration snmp");
        Assert.Contains("KeepMeS3cret", show.Stdout);
    }

    [Theory]
    [InlineData("iosxr", "harddisk:", true)]
    [InlineData("eos", "flash:", false)]
    public async Task Rollback_replaces_the_whole_configuration_from_a_file_with_commit_confirm(string profile, string disk, bool commitModel)
    {
        await using HistoryLab lab = await HistoryLab.StartAsync([profile]);
        LabDeviceState state = lab.State(0);
        string host = lab.HostName(0);
        string original = state.Hostname;
        Assert.Equal(0, (await lab.BackupAsync()).ExitCode);
        string stored = await File.ReadAllTextAsync(Path.Combine(lab.Repo, host));
        Assert.Contains("<removed>", stored);

        string[] drift = ["-c", "hostname drifted", "-c", "interface Loopback7", "-c", "description drift"];
        CliRunner.Outcome change = await lab.CliAsync(["config", "-g", host, .. drift, .. (commitModel ? new[] { "--commit" } : [])]);
        Assert.True(change.ExitCode == 0, change.Stdout + change.Stderr);
        Assert.Equal(0, (await lab.BackupAsync()).ExitCode);
        Assert.Equal(2, await lab.CommitCountAsync());
        Assert.Equal("drifted", state.Hostname);

        CliRunner.Outcome dryRun = await lab.CliAsync("rollback", "-g", host, "--repo", lab.Repo, "--to", "HEAD~1", "--dry-run", "--json");
        Assert.True(dryRun.ExitCode == 0, dryRun.Stdout + dryRun.Stderr);
        Assert.Contains("-hostname drifted", dryRun.Stdout);
        Assert.Contains("+hostname " + original, dryRun.Stdout);
        Assert.Equal("drifted", state.Hostname);

        CliRunner.Outcome withoutCommit = await lab.CliAsync("rollback", "-g", host, "--repo", lab.Repo, "--to", "HEAD~1");
        Assert.Equal(1, withoutCommit.ExitCode);
        Assert.Equal("drifted", state.Hostname);

        CliRunner.Outcome rollback = await lab.CliAsync("rollback", "-g", host, "--repo", lab.Repo, "--to", "HEAD~1", "--commit", "--confirm", "1", "--json");
        Assert.True(rollback.ExitCode == 0, rollback.Stdout + rollback.Stderr);
        Assert.Equal(original, state.Hostname);
        Assert.Null(state.PendingConfirm);                       // the confirming commit stopped the timer
        Assert.DoesNotContain("LABLAB", rollback.Stdout);         // the device's secrets went back, but not into the result
        Assert.Null(Vty.Lab.Files.LabFlash.ReadText(state, "vty-rollback.cfg", disk));  // no configuration file left on the device

        // A new backup equals the restored revision exactly, secrets and all (they were restored, not "<removed>").
        Assert.Equal(0, (await lab.BackupAsync("--keep-secrets")).ExitCode);
        string restored = await File.ReadAllTextAsync(Path.Combine(lab.Repo, host));
        Assert.Contains("LABLAB", restored);
        Assert.Equal(0, (await lab.BackupAsync()).ExitCode);
        Assert.Equal(stored, await File.ReadAllTextAsync(Path.Combine(lab.Repo, host)));
    }

    [Fact]
    public async Task Rollback_refuses_a_platform_that_cannot_replace_its_configuration()
    {
        await using HistoryLab lab = await HistoryLab.StartAsync(["ios"]);
        Assert.Equal(0, (await lab.BackupAsync()).ExitCode);
        CliRunner.Outcome rollback = await lab.CliAsync("rollback", "-g", lab.HostName(0), "--repo", lab.Repo, "--to", "HEAD", "--commit", "--json");
        Assert.Equal(1, rollback.ExitCode);
        Assert.Contains("rollback is not possible on 'ios'", rollback.Stdout);
    }
}
