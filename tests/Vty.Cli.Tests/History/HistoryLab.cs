using System.Diagnostics;
using Vty.Lab;
using Vty.Lab.Serving;

namespace Vty.Cli.Tests.History;

/// <summary>A served lab (clocks running, as `vty lab` serves it), its inventory and a backup repository folder, for the history commands' tests.</summary>
internal sealed class HistoryLab : IAsyncDisposable
{
    private HistoryLab(LabHost lab, string dir)
    {
        Lab = lab;
        Dir = dir;
    }

    public LabHost Lab { get; }

    public string Dir { get; }

    public string Inventory => Path.Combine(Dir, "lab.yaml");

    public string Repo => Path.Combine(Dir, "repo");

    /// <summary>Connection options: host keys accepted into a file of the test's own.</summary>
    public string[] Connection => ["-o", "StrictHostKeyChecking=accept-new", "-o", $"UserKnownHostsFile={Path.Combine(Dir, "known_hosts")}"];

    public static async Task<HistoryLab> StartAsync(string[] profiles, Action<int, LabDeviceOptions>? configure = null)
    {
        LabHost lab = await LabHost.StartAsync(new LabHostOptions
        {
            Devices = profiles.Length,
            Profiles = profiles,
            Telnet = false,
            ConfigureDevice = (i, d) =>
            {
                d.ClockRuns = true;
                configure?.Invoke(i, d);
            },
        }).WaitAsync(CliRunner.TestTimeout);
        var history = new HistoryLab(lab, CliRunner.TempDir());
        await lab.WriteInventoryAsync(history.Inventory);
        return history;
    }

    public LabDeviceState State(int index) => Lab.Devices[index].Device.State;

    public string HostName(int index) => Lab.Devices[index].Name + "-ssh";

    public Task<CliRunner.Outcome> BackupAsync(params string[] extra) =>
        CliRunner.RunAsync(["backup", "--inventory", Dir + "/lab.yaml", "--repo", Repo, .. Connection, .. extra]);

    public Task<CliRunner.Outcome> CliAsync(params string[] args) => CliRunner.RunAsync([.. args, "--inventory", Inventory, .. Connection]);

    /// <summary>Runs git in the repository and returns its output; a failure fails the test.</summary>
    public async Task<string> GitAsync(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Repo, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
            start.ArgumentList.Add(a);
        using Process git = Process.Start(start)!;
        Task<string> stdout = git.StandardOutput.ReadToEndAsync();
        string stderr = await git.StandardError.ReadToEndAsync();
        await git.WaitForExitAsync().WaitAsync(CliRunner.TestTimeout);
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)}: {stderr}");
        return await stdout;
    }

    public async Task<int> CommitCountAsync() => int.Parse((await GitAsync("rev-list", "--count", "HEAD")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Lab.DisposeAsync();
        Directory.Delete(Dir, recursive: true);
    }
}
