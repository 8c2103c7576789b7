using System.Globalization;
using Vty.Lab;
using Vty.TestSupport;

namespace Vty.Cli.Tests.History;

/// <summary>
/// The built <c>vty backup</c> as a child process, stopped by SIGTERM: in the middle of a run (some hosts
/// still hanging) and between runs of <c>--every</c>. The repository keeps only whole files and passes git fsck.
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

    private static string[] HostFiles(HistoryLab lab) =>
        Directory.Exists(lab.Repo) ? Directory.GetFiles(lab.Repo).Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".vty-tmp", StringComparison.Ordinal)).ToArray() : [];

    private static async Task Signal(int pid, string signal)
    {
        var (code, output) = await ManagedProcess.RunAsync("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(code == 0, output);
    }
}
