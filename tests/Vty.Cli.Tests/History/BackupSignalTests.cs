using System.Globalization;
using Vty.Lab;
using Vty.TestSupport;

namespace Vty.Cli.Tests.History;

/// <summary>
/// The built <c>vty backup</c> as a child process, stopped by SIGTERM: in the middle of a run (some hosts
/// still hanging), between runs of <c>--every</c>, and during a run of <c>--every</c> (which drains:
/// the run finishes within the drain time). The repository keeps only whole files and passes git fsck.
/// </summary>
public sealed class BackupSignalTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static string Vty => Path.Combine(AppContext.BaseDirectory, "Vty.Cli");

    [Fact]
    public async Task Sigterm_during_a_run_commits_the_finished_hosts_and_leaves_no_partial_file()
    {
        // Devices 0-3 answer; 4-7 hang after login, so the run is still going when the signal comes.
        await using HistoryLab lab = await HistoryLab.StartAsync(["ios", "junos", "ios", "junos", "ios", "junos", "ios", "junos"],
            (i, d) => d.Fault = i >= 4 ? LabFault.HangAfterLogin : LabFault.None);
        await using ManagedProcess backup = ManagedProcess.Start(Vty, ["backup", "--inventory", lab.Inventory, "--repo", lab.Repo, "--timeout", "120", .. lab.Connection]);

        for (int i = 0; i < 600 && HostFiles(lab).Length < 4 && !backup.HasExited; i++)
            await Task.Delay(50);
        Assert.True(HostFiles(lab).Length == 4, backup.Output);
        await Signal(backup.Id, "TERM");
        int exit = await backup.WaitForExitAsync(Wait);

        Assert.True(exit == 130, backup.Output);
        Assert.Empty(Directory.GetFiles(lab.Repo, "*.vty-tmp"));
        Assert.Equal(1, await lab.CommitCountAsync());
        string[] committed = (await lab.GitAsync("ls-files")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 4).Select(lab.HostName).Order(StringComparer.Ordinal), committed.Order(StringComparer.Ordinal));
        await lab.GitAsync("fsck", "--no-progress", "--strict");
    }

    [Fact]
    public async Task Every_keeps_backing_up_until_sigterm_between_runs()
    {
        await using HistoryLab lab = await HistoryLab.StartAsync(["ios", "junos"]);
        await using ManagedProcess backup = ManagedProcess.Start(Vty, ["backup", "--inventory", lab.Inventory, "--repo", lab.Repo, "--every", "1h", .. lab.Connection]);
        await backup.WaitForOutputAsync("next backup at", Wait);
        await Signal(backup.Id, "TERM");
        int exit = await backup.WaitForExitAsync(Wait);

        Assert.True(exit == 130, backup.Output);
        Assert.Equal(1, await lab.CommitCountAsync());
        Assert.Contains("2 changed", backup.Output);
    }

    [Theory]
    [InlineData("100", "6", "timeout")]   // the run in flight ends on its own: the hanging hosts time out
    [InlineData("2", "120", "cancelled")] // the drain time is up first: the hanging hosts are cancelled
    public async Task Every_lets_the_backup_in_flight_finish_on_sigterm_within_the_drain_time(string drain, string hostTimeout, string hangingStatus)
    {
        // Devices 0-1 answer; 2-3 hang after login, so the run is in flight when the signal comes.
        await using HistoryLab lab = await HistoryLab.StartAsync(["ios", "junos", "ios", "junos"],
            (i, d) => d.Fault = i >= 2 ? LabFault.HangAfterLogin : LabFault.None);
        await using ManagedProcess backup = ManagedProcess.Start(Vty, ["backup", "--inventory", lab.Inventory, "--repo", lab.Repo, "--every", "1h",
            "--drain-timeout", drain, "--timeout", hostTimeout, "--json", .. lab.Connection]);

        for (int i = 0; i < 600 && HostFiles(lab).Length < 2 && !backup.HasExited; i++)
            await Task.Delay(50);
        Assert.True(HostFiles(lab).Length == 2, backup.Output);
        await Signal(backup.Id, "TERM");
        int exit = await backup.WaitForExitAsync(Wait);

        Assert.True(exit == 130, backup.Output);
        Assert.Contains("finishing the work in flight", backup.StandardError);
        Assert.DoesNotContain("next backup at", backup.StandardError);
        var status = backup.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .ToDictionary(r => r.GetProperty("host").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal(4, status.Count);
        Assert.Equal(["ok", "ok", hangingStatus, hangingStatus], Enumerable.Range(0, 4).Select(i => status[lab.HostName(i)]));
        Assert.Equal(1, await lab.CommitCountAsync());
        Assert.Empty(Directory.GetFiles(lab.Repo, "*.vty-tmp"));
    }

    private static string[] HostFiles(HistoryLab lab) =>
        Directory.Exists(lab.Repo) ? Directory.GetFiles(lab.Repo).Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".vty-tmp", StringComparison.Ordinal)).ToArray() : [];

    private static async Task Signal(int pid, string signal)
    {
        var (code, output) = await ManagedProcess.RunAsync("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(code == 0, output);
    }
}
