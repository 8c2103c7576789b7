using System.Text.Json;
using Vty.Nats.Contracts;
using Vty.Nats.Tests.Support;
using Vty.TestSupport;
using static Vty.Nats.Tests.Support.RunChecks;
using VtyCli = Vty.Nats.Tests.Support.Vty;

namespace Vty.Nats.Tests;

/// <summary>
/// `vty backup --nats` with real parts: Debian's nats-server, real `vty worker` processes that fetch
/// and redact the configurations, and the submitting `vty backup` that stores and commits them in
/// its own git repository, compared with a local `vty backup` of the same lab devices.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class DistributedBackupTests(LabFleet fleet) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vty-nats-backup-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Workers_fetch_and_the_submitter_commits_the_same_repository_as_a_local_backup_with_no_secret_on_nats()
    {
        const int Hosts = 30;
        string community = $"Community-{Guid.NewGuid():N}";
        string inventory = fleet.WriteInventory(_dir, count: Hosts);
        // A secret in every device's configuration, which the backup must replace before it leaves the worker.
        var (configExit, _, configError) = await VtyCli.RunAsync(fleet.WorkerEnvironment, RunTimeout,
            "config", "--inventory", inventory, "--enable", "-c", $"snmp-server community {community} RO");
        Assert.True(configExit == 0, configError);
        await using NatsServer nats = await NatsServer.StartAsync();
        await using ManagedProcess w1 = VtyCli.StartWorker(nats, "w1", fleet.WorkerEnvironment);
        await using ManagedProcess w2 = VtyCli.StartWorker(nats, "w2", fleet.WorkerEnvironment);
        await WaitReadyAsync(w1, w2);
        string local = Path.Combine(_dir, "local"), distributed = Path.Combine(_dir, "distributed");

        var (localExit, localOut, localErr) = await VtyCli.RunAsync(fleet.WorkerEnvironment, RunTimeout,
            "backup", "--inventory", inventory, "--repo", local, "--json", "--message", "nightly");
        // The submitter holds no device secret: only the workers' environment does.
        var (exit, stdout, stderr) = await VtyCli.RunAsync(null, RunTimeout,
            "backup", "--inventory", inventory, "--repo", distributed, "--json", "--message", "nightly", "--nats", nats.Url, "--run-id", "backup1");
        var (againExit, _, againErr) = await VtyCli.RunAsync(null, RunTimeout,
            "backup", "--inventory", inventory, "--repo", distributed, "--nats", nats.Url, "--run-id", "backup2");

        Assert.True(localExit == 0, localErr);
        Assert.True(exit == 0, stderr + w1.Output + w2.Output);
        Assert.Contains($"backup: {Hosts} changed", stderr);
        string[] files = (await GitAsync(distributed, "ls-files")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Hosts, files.Length);
        Assert.Equal(await GitAsync(local, "ls-files"), await GitAsync(distributed, "ls-files"));
        foreach (string file in files)
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(local, file)), await File.ReadAllTextAsync(Path.Combine(distributed, file)));
        Assert.Equal(await GitAsync(local, "log", "--format=%B%n%an <%ae>"), await GitAsync(distributed, "log", "--format=%B%n%an <%ae>"));
        Assert.Contains("snmp-server community <removed> RO", await File.ReadAllTextAsync(Path.Combine(distributed, files[0])));
        // The JSON lines say what was stored, host by host, as the local backup's do.
        Assert.Equal(Outputs(localOut), Outputs(stdout));
        Assert.All(VtyCli.JsonLines(stdout), l => Assert.StartsWith("stored ", l.GetProperty("results")[0].GetProperty("output").GetString()));
        JsonElement status = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(distributed, ".vty-status.json"))).RootElement;
        string head = (await GitAsync(distributed, "rev-parse", "HEAD")).Trim();
        Assert.Equal(Hosts, status.GetProperty("hosts").EnumerateObject().Count(h => h.Value.GetProperty("lastCommit").GetString() == head));

        // Unchanged devices: the second distributed backup commits nothing.
        Assert.True(againExit == 0, againErr);
        Assert.Contains("nothing committed", againErr);
        Assert.Equal("1", (await GitAsync(distributed, "rev-list", "--count", "HEAD")).Trim());

        // The configurations did cross NATS (redacted), the device secrets and the community did not.
        string onNats = await AssertNoSecretAsync(nats, fleet.Secret, community);
        Assert.Contains("snmp-server community <removed> RO", onNats);
        Assert.Subset(new HashSet<string> { "w1", "w2" }, (await StoredResultsAsync(nats, "backup1")).Select(m => m.Worker).ToHashSet());
    }

    [Fact]
    public async Task A_worker_killed_mid_backup_still_gives_each_host_one_file_in_one_commit()
    {
        const int Hosts = 150;
        await using NatsServer nats = await NatsServer.StartAsync();
        // w1 alone first, so the jobs pending acknowledgement are its own when it is killed.
        await using ManagedProcess w1 = VtyCli.StartWorker(nats, "w1", fleet.WorkerEnvironment, "--parallel", "10");
        await WaitReadyAsync(w1);
        string inventory = fleet.WriteInventory(_dir, count: Hosts, slow: true);
        string repo = Path.Combine(_dir, "repo"), output = Path.Combine(_dir, "out");

        await using ManagedProcess submitter = VtyCli.Start(null, "backup", "--inventory", inventory, "--repo", repo, "--nats", nats.Url, "--run-id", "killed", "-O", output);
        await VtyCli.WaitForAsync(() => OkLines(w1) >= 10, RunTimeout, "worker w1 to back up 10 hosts");
        await VtyCli.WaitForAsync(() => AckPendingAsync(nats).GetAwaiter().GetResult() >= 5, RunTimeout, "w1 to hold 5 hosts in flight");
        VtyCli.Signal(w1, 9);
        await using ManagedProcess w2 = VtyCli.StartWorker(nats, "w2", fleet.WorkerEnvironment, "--parallel", "10");
        await using ManagedProcess w3 = VtyCli.StartWorker(nats, "w3", fleet.WorkerEnvironment, "--parallel", "10");
        int exit = await WaitExitAsync(submitter, w2, w3);

        Assert.True(exit == 0, submitter.Output + w2.Output);
        List<JsonElement> lines = ResultsFile(output);
        Assert.Equal(Hosts, lines.Count);
        Assert.Equal(Hosts, lines.Select(l => l.GetProperty("host").GetString()).Distinct().Count());
        Assert.Equal("1", (await GitAsync(repo, "rev-list", "--count", "HEAD")).Trim());
        Assert.Equal(Hosts, (await GitAsync(repo, "ls-files")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        string[] listed = (await GitAsync(repo, "log", "-1", "--format=%B")).Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(Hosts, listed.Length);
        Assert.Equal(Hosts, listed.Distinct().Count());
        Assert.Empty(Directory.GetFiles(repo, "*.vty-tmp"));
        // w1 died with hosts in flight: the others fetched them on a later delivery.
        List<HostResultMessage> stored = await StoredResultsAsync(nats, "killed");
        Assert.Equal(Hosts, stored.Count);
        Assert.Contains(stored, m => m.Delivery > 1 && m.Worker != "w1");
    }

    [Fact]
    public async Task Backup_every_over_nats_finishes_the_run_in_flight_on_sigterm_then_exits()
    {
        const int Hosts = 60;
        await using NatsServer nats = await NatsServer.StartAsync();
        await using ManagedProcess worker = VtyCli.StartWorker(nats, "w1", fleet.WorkerEnvironment, "--parallel", "10");
        await WaitReadyAsync(worker);
        string inventory = fleet.WriteInventory(_dir, count: Hosts, slow: true);
        string repo = Path.Combine(_dir, "every"), output = Path.Combine(_dir, "out-every");

        await using ManagedProcess backup = VtyCli.Start(null, "backup", "--every", "1h", "--inventory", inventory, "--repo", repo, "--nats", nats.Url, "-O", output);
        await VtyCli.WaitForAsync(() => ResultsFile(output).Count >= 5, RunTimeout, "the first 5 hosts");
        VtyCli.Signal(backup, 15);
        int exit = await WaitExitAsync(backup, worker);

        Assert.True(exit == 130, backup.Output);
        Assert.Contains("finishing the work in flight", backup.StandardError);
        Assert.DoesNotContain("next backup at", backup.StandardError);
        // The whole run was collected and committed after the signal, not cut short.
        List<JsonElement> lines = ResultsFile(output);
        Assert.Equal(Hosts, lines.Count);
        Assert.All(lines, l => Assert.True(l.GetProperty("ok").GetBoolean(), l.ToString()));
        Assert.Equal(Hosts, (await GitAsync(repo, "ls-files")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains($"backup: {Hosts} changed", backup.StandardError);
    }

    [Fact]
    public async Task Vty_results_commits_a_backup_run_whose_submitter_died()
    {
        const int Hosts = 40;
        await using NatsServer nats = await NatsServer.StartAsync();
        await using ManagedProcess worker = VtyCli.StartWorker(nats, "w1", fleet.WorkerEnvironment, "--parallel", "10");
        await WaitReadyAsync(worker);
        string inventory = fleet.WriteInventory(_dir, count: Hosts, slow: true);
        string dead = Path.Combine(_dir, "dead"), recovered = Path.Combine(_dir, "recovered");
        string hint;

        await using (ManagedProcess submitter = VtyCli.Start(null, "backup", "--inventory", inventory, "--repo", dead, "--nats", nats.Url, "--run-id", "orphan", "-O", Path.Combine(_dir, "out-dead")))
        {
            await VtyCli.WaitForAsync(() => ResultsFile(Path.Combine(_dir, "out-dead")).Count >= 5, RunTimeout, "the first 5 hosts");
            VtyCli.Signal(submitter, 9);
            hint = submitter.StandardError;
        }
        var (noRepo, _, noRepoErr) = await VtyCli.RunAsync(null, RunTimeout, "results", "--nats", nats.Url, "orphan");
        var (exit, stdout, stderr) = await VtyCli.RunAsync(null, RunTimeout, "results", "--nats", nats.Url, "orphan", "--repo", recovered, "--json");

        Assert.Contains($"vty results --nats {nats.Url} orphan --repo DIR", hint);
        Assert.Equal(2, noRepo);
        Assert.Contains("no configuration repository given", noRepoErr);
        Assert.True(exit == 0, stderr + worker.Output);
        Assert.Equal(Hosts, VtyCli.JsonLines(stdout).Count(l => l.GetProperty("ok").GetBoolean()));
        Assert.Equal(Hosts, (await GitAsync(recovered, "ls-files")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains($"backup: {Hosts} changed", stderr);
        Assert.DoesNotContain("hostname", stdout);   // the configurations went to the repository, not to the terminal
    }

    [Fact]
    public async Task Keep_secrets_and_run_id_with_every_are_refused_with_nats()
    {
        string inventory = fleet.WriteInventory(_dir, count: 2);
        var (keep, _, keepErr) = await VtyCli.RunAsync(null, RunTimeout,
            "backup", "--inventory", inventory, "--repo", Path.Combine(_dir, "r1"), "--keep-secrets", "--nats", "nats://127.0.0.1:1");
        var (every, _, everyErr) = await VtyCli.RunAsync(null, RunTimeout,
            "backup", "--inventory", inventory, "--repo", Path.Combine(_dir, "r2"), "--every", "1h", "--run-id", "fixed", "--nats", "nats://127.0.0.1:1");

        Assert.Equal(2, keep);
        Assert.Contains("--keep-secrets with --nats", keepErr);
        Assert.Equal(2, every);
        Assert.Contains("--run-id with --every", everyErr);
    }

    private static Dictionary<string, string?> Outputs(string jsonLines) =>
        VtyCli.JsonLines(jsonLines).ToDictionary(l => l.GetProperty("host").GetString()!, l => l.GetProperty("results")[0].GetProperty("output").GetString());

    private static async Task<string> GitAsync(string repo, params string[] args)
    {
        var (code, stdout, stderr, _) = await ManagedProcess.RunCapturedAsync("git", ["-C", repo, .. args], null, TimeSpan.FromSeconds(60));
        Assert.True(code == 0, $"git {string.Join(' ', args)}: {stderr}");
        return stdout;
    }
}
