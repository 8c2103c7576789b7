using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Vty.Nats.Contracts;
using Vty.Nats.Tests.Support;
using Vty.TestSupport;
using static Vty.Nats.Tests.Support.RunChecks;
using VtyCli = Vty.Nats.Tests.Support.Vty;

namespace Vty.Nats.Tests;

/// <summary>
/// Distributed runs end to end with real parts: Debian's nats-server (JetStream, file store on a
/// claimed loopback port), real `vty worker` and `vty run|config|results` processes, and 300 lab
/// devices served over Telnet. Jobs are one short command; the slow-link relays make hosts take
/// about a second where a test needs workers to be mid-host.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class DistributedRunTests(LabFleet fleet) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vty-nats-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Three_workers_run_300_devices_and_every_host_is_reported_exactly_once()
    {
        await using NatsServer nats = await NatsServer.StartAsync();
        await using ManagedProcess w1 = VtyCli.StartWorker(nats, "w1", fleet.WorkerEnvironment);
        await using ManagedProcess w2 = VtyCli.StartWorker(nats, "w2", fleet.WorkerEnvironment);
        await using ManagedProcess w3 = VtyCli.StartWorker(nats, "w3", fleet.WorkerEnvironment);
        await WaitReadyAsync(w1, w2, w3);
        string inventory = fleet.WriteInventory(_dir);
        string output = Path.Combine(_dir, "out");

        (int exit, string stdout, string stderr) = await VtyCli.RunAsync(null, RunTimeout,
            "run", "--inventory", inventory, "-c", "show clock", "--nats", nats.Url, "--run-id", "all300", "--json", "-O", output);
        stdout = File.ReadAllText(Path.Combine(output, "results.jsonl"));

        List<JsonElement> lines = VtyCli.JsonLines(stdout);
        Assert.True(exit == 0, $"exit {exit}\n{stderr}\n{w1.Output}");
        Assert.Equal(LabFleet.DeviceCount, lines.Count);
        Assert.Equal(LabFleet.DeviceCount, lines.Select(l => l.GetProperty("host").GetString()).Distinct().Count());
        Assert.All(lines, l => Assert.True(l.GetProperty("ok").GetBoolean(), l.ToString()));
        Assert.All(lines, l => Assert.Contains("UTC", l.GetProperty("results")[0].GetProperty("output").GetString()));
        Assert.Equal(LabFleet.DeviceCount, File.ReadAllLines(Path.Combine(output, "results.jsonl")).Length);
        string[] transcripts = Directory.GetFiles(Path.Combine(output, "transcripts"));
        Assert.Equal(LabFleet.DeviceCount, transcripts.Length);
        Assert.Contains("show clock", await File.ReadAllTextAsync(transcripts[0]));

        List<HostResultMessage> stored = await StoredResultsAsync(nats, "all300");
        Assert.Equal(LabFleet.DeviceCount, stored.Count);
        Assert.Equal(LabFleet.DeviceCount, stored.Select(m => m.Index).Distinct().Count());
        // Only the workers ran hosts (how many each took is up to JetStream's pull order).
        Assert.Subset(new HashSet<string> { "w1", "w2", "w3" }, stored.Select(m => m.Worker).ToHashSet());
        await AssertNoSecretAsync(nats);
    }

    [Fact]
    public async Task Secrets_never_travel_jobs_carry_only_the_variable_names()
    {
        await using NatsServer nats = await NatsServer.StartAsync();
        string inventory = fleet.WriteInventory(_dir, count: 10, zoneOf: _ => "vault");
        // A configuration run (claims, enable) submitted before any worker of its zone exists, so
        // the jobs can be read from the work queue as they wait.
        await using ManagedProcess submitter = VtyCli.Start(null,
            "config", "--inventory", inventory, "--enable", "-c", "interface Loopback9", "-c", "description from-vty-over-nats", "--nats", nats.Url, "--zone-timeout", "120", "--json", "--run-id", "secrets", "-O", Out("secrets"));
        List<NatsStreamDump.Stored> jobs = [];
        await VtyCli.WaitForAsync(() =>
        {
            jobs = NatsStreamDump.ReadAllAsync(nats.Url, "VTY_JOBS").GetAwaiter().GetResult();
            return jobs.Count == 10;
        }, TimeSpan.FromSeconds(60), "the 10 jobs in the work queue");
        string jobText = string.Join("\n", jobs.Select(j => Encoding.UTF8.GetString(j.Data)));
        Assert.Contains(LabFleet.PasswordVariable, jobText);
        Assert.Contains("description from-vty-over-nats", jobText);
        Assert.DoesNotContain(fleet.Secret, jobText);

        await using ManagedProcess worker = VtyCli.StartWorker(nats, "vault-1", fleet.WorkerEnvironment, "--zone", "vault", "--ack-wait", "60");
        int submitterExit = await WaitExitAsync(submitter);

        List<JsonElement> lines = Results("secrets");
        Assert.True(submitterExit == 0, submitter.Output + worker.Output);
        Assert.Equal(10, lines.Count);
        Assert.All(lines, l => Assert.True(l.GetProperty("ok").GetBoolean(), l.ToString()));
        Assert.Equal(10, (await NatsStreamDump.ReadAllAsync(nats.Url, "VTY_RESULTS")).Count(m => m.Subject.StartsWith("vty.claims.secrets.", StringComparison.Ordinal)));
        await AssertNoSecretAsync(nats);
    }

    [Fact]
    public async Task A_worker_killed_mid_run_has_its_hosts_redelivered_none_lost_none_duplicated()
    {
        await using NatsServer nats = await NatsServer.StartAsync();
        // w1 alone first, so the jobs pending acknowledgement are its own when it is killed.
        await using ManagedProcess w1 = VtyCli.StartWorker(nats, "w1", fleet.WorkerEnvironment, "--parallel", "10");
        await WaitReadyAsync(w1);
        string inventory = fleet.WriteInventory(_dir, slow: true);

        await using ManagedProcess submitter = VtyCli.Start(null, "run", "--inventory", inventory, "-c", "show clock", "--nats", nats.Url, "--run-id", "kill", "--json", "-O", Out("kill"));
        await VtyCli.WaitForAsync(() => OkLines(w1) >= 10, RunTimeout, "worker w1 to finish 10 hosts");
        await VtyCli.WaitForAsync(() => AckPendingAsync(nats).GetAwaiter().GetResult() >= 5, RunTimeout, "w1 to hold 5 hosts in flight");
        VtyCli.Signal(w1, 9);
        await using ManagedProcess w2 = VtyCli.StartWorker(nats, "w2", fleet.WorkerEnvironment, "--parallel", "10");
        await using ManagedProcess w3 = VtyCli.StartWorker(nats, "w3", fleet.WorkerEnvironment, "--parallel", "10");
        int submitterExit = await WaitExitAsync(submitter, w2, w3);

        List<JsonElement> lines = Results("kill");
        Assert.True(submitterExit == 0, submitter.Output + w2.Output);
        Assert.Equal(LabFleet.DeviceCount, lines.Select(l => l.GetProperty("host").GetString()).Distinct().Count());
        Assert.Equal(LabFleet.DeviceCount, lines.Count);
        Assert.All(lines, l => Assert.True(l.GetProperty("ok").GetBoolean(), l.ToString()));
        List<HostResultMessage> stored = await StoredResultsAsync(nats, "kill");
        Assert.Equal(LabFleet.DeviceCount, stored.Select(m => m.Index).Distinct().Count());
        Assert.Equal(LabFleet.DeviceCount, stored.Count);
        // w1 died with hosts in flight: they were delivered again and finished by the others.
        Assert.Contains(stored, m => m.Delivery > 1 && m.Worker != "w1");
    }

    [Fact]
    public async Task A_killed_submitter_is_replaced_by_vty_results_which_collects_every_host()
    {
        await using NatsServer nats = await NatsServer.StartAsync();
        await using ManagedProcess w1 = VtyCli.StartWorker(nats, "w1", fleet.WorkerEnvironment);
        await using ManagedProcess w2 = VtyCli.StartWorker(nats, "w2", fleet.WorkerEnvironment);
        await WaitReadyAsync(w1, w2);
        string inventory = fleet.WriteInventory(_dir, slow: true);

        await using (ManagedProcess submitter = VtyCli.Start(null, "run", "--inventory", inventory, "-c", "show clock", "--nats", nats.Url, "--run-id", "orphan", "--json", "-O", Out("orphan")))
        {
            await VtyCli.WaitForAsync(() => Results("orphan").Count >= 20, RunTimeout, "the first 20 results");
            VtyCli.Signal(submitter, 9);
        }
        var (exit, _, stderr) = await VtyCli.RunAsync(null, RunTimeout, "results", "--nats", nats.Url, "orphan", "--json", "-O", Out("recollected"));
        string stdout = File.ReadAllText(Path.Combine(Out("recollected"), "results.jsonl"));
        var (unknownExit, _, unknownErr) = await VtyCli.RunAsync(null, TimeSpan.FromMinutes(1), "results", "--nats", nats.Url, "never-submitted");

        List<JsonElement> lines = VtyCli.JsonLines(stdout);
        Assert.True(exit == 0, stderr);
        Assert.Equal(LabFleet.DeviceCount, lines.Count);
        Assert.Equal(LabFleet.DeviceCount, lines.Select(l => l.GetProperty("host").GetString()).Distinct().Count());
        Assert.All(lines, l => Assert.True(l.GetProperty("ok").GetBoolean(), l.ToString()));
        Assert.Equal(1, unknownExit);
        Assert.Contains("no run 'never-submitted'", unknownErr);
    }

    [Fact]
    public async Task Zones_route_each_host_to_its_own_workers_and_an_unserved_zone_is_reported()
    {
        await using NatsServer nats = await NatsServer.StartAsync();
        await using ManagedProcess east = VtyCli.StartWorker(nats, "east-1", fleet.WorkerEnvironment, "--zone", "east");
        await using ManagedProcess west = VtyCli.StartWorker(nats, "west-1", fleet.WorkerEnvironment, "--zone", "west");
        await using ManagedProcess plain = VtyCli.StartWorker(nats, "default-1", fleet.WorkerEnvironment);
        await WaitReadyAsync(east, west, plain);
        static string? ZoneOf(int i) => (i / 15) switch { 0 => "east", 1 => "west", 2 => null, _ => "mars" };
        string inventory = fleet.WriteInventory(_dir, count: 60, zoneOf: ZoneOf);

        var (exit, stdout, stderr) = await VtyCli.RunAsync(null, RunTimeout,
            "run", "--inventory", inventory, "-c", "show clock", "--nats", nats.Url, "--run-id", "zones", "--zone-timeout", "3", "--json");

        List<JsonElement> lines = VtyCli.JsonLines(stdout);
        Assert.Equal(15, exit);   // the 15 hosts of zone mars, which no worker serves
        Assert.Equal(60, lines.Count);
        Assert.Contains("no worker serves zone 'mars'", stderr);
        foreach (JsonElement line in lines)
        {
            int index = int.Parse(line.GetProperty("host").GetString()![1..], System.Globalization.CultureInfo.InvariantCulture);
            if (ZoneOf(index) == "mars")
                Assert.Contains("no worker serves zone 'mars'", line.GetProperty("error").GetString());
            else
                Assert.True(line.GetProperty("ok").GetBoolean(), line.ToString());
        }
        foreach (HostResultMessage stored in await StoredResultsAsync(nats, "zones"))
        {
            string expected = ZoneOf(stored.Index) switch { "east" => "east-1", "west" => "west-1", null => "default-1", _ => "submitter" };
            Assert.Equal(expected, stored.Worker);
        }
    }

    [Fact]
    public async Task A_nats_server_restarted_mid_run_is_reconnected_to_and_the_run_completes()
    {
        await using NatsServer nats = await NatsServer.StartAsync();
        await using ManagedProcess w1 = VtyCli.StartWorker(nats, "w1", fleet.WorkerEnvironment);
        await using ManagedProcess w2 = VtyCli.StartWorker(nats, "w2", fleet.WorkerEnvironment);
        await using ManagedProcess w3 = VtyCli.StartWorker(nats, "w3", fleet.WorkerEnvironment);
        await WaitReadyAsync(w1, w2, w3);
        string inventory = fleet.WriteInventory(_dir, slow: true);

        await using ManagedProcess submitter = VtyCli.Start(null, "run", "--inventory", inventory, "-c", "show clock", "--nats", nats.Url, "--run-id", "restart", "--json", "-O", Out("restart"));
        await VtyCli.WaitForAsync(() => Results("restart").Count >= 30, RunTimeout, "the first 30 results");
        await nats.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await nats.StartAgainAsync();
        int submitterExit = await WaitExitAsync(submitter, w1, w2, w3);

        List<JsonElement> lines = Results("restart");
        Assert.True(submitterExit == 0, submitter.Output + w1.Output);
        Assert.Equal(LabFleet.DeviceCount, lines.Count);
        Assert.Equal(LabFleet.DeviceCount, lines.Select(l => l.GetProperty("host").GetString()).Distinct().Count());
        Assert.All(lines, l => Assert.True(l.GetProperty("ok").GetBoolean(), l.ToString()));
        Assert.False(w1.HasExited || w2.HasExited || w3.HasExited, "a worker died with the server");
    }

    [Fact]
    public async Task Sigterm_drains_a_worker_it_finishes_its_hosts_in_flight_and_takes_no_new_ones()
    {
        await using NatsServer nats = await NatsServer.StartAsync();
        await using ManagedProcess first = VtyCli.StartWorker(nats, "first", fleet.WorkerEnvironment, "--parallel", "10");
        await WaitReadyAsync(first);
        string inventory = fleet.WriteInventory(_dir, count: 60, slow: true);

        await using ManagedProcess submitter = VtyCli.Start(null, "run", "--inventory", inventory, "-c", "show clock", "--nats", nats.Url, "--run-id", "drain", "--json", "-O", Out("drain"));
        await VtyCli.WaitForAsync(() => OkLines(first) >= 5, RunTimeout, "the first worker's first 5 hosts");
        VtyCli.Signal(first, 15);
        int firstExit = await WaitExitAsync(first);
        await using ManagedProcess second = VtyCli.StartWorker(nats, "second", fleet.WorkerEnvironment, "--parallel", "10");
        int submitterExit = await WaitExitAsync(submitter);

        string firstLog = first.StandardError;
        string afterStop = firstLog[firstLog.IndexOf("stopping", StringComparison.Ordinal)..];
        Assert.Equal(0, firstExit);
        Assert.Contains(": ok", afterStop);   // hosts in flight at SIGTERM were finished, not dropped
        List<JsonElement> lines = Results("drain");
        Assert.True(submitterExit == 0, submitter.Output + second.Output);
        Assert.Equal(60, lines.Select(l => l.GetProperty("host").GetString()).Distinct().Count());
        Assert.Equal(60, lines.Count);
        List<HostResultMessage> stored = await StoredResultsAsync(nats, "drain");
        Assert.Contains(stored, m => m.Worker == "second");
        Assert.Equal(60, stored.Count);
        Assert.DoesNotContain("left unacknowledged", firstLog);   // every job it took was finished or handed back
    }

    [Fact]
    public async Task A_change_is_never_sent_twice_when_its_worker_dies_and_deliveries_are_bounded()
    {
        await using NatsServer nats = await NatsServer.StartAsync();
        string inventory = fleet.WriteInventory(_dir, count: 5, slow: true);
        await using ManagedProcess doomed = VtyCli.StartWorker(nats, "doomed", fleet.WorkerEnvironment, "--parallel", "10");
        await WaitReadyAsync(doomed);

        // A configuration run: the worker claims each host before touching it, then dies.
        await using ManagedProcess config = VtyCli.Start(null, "config", "--inventory", inventory, "-c", "interface Loopback8", "--enable",
            "--nats", nats.Url, "--run-id", "change", "--json", "-O", Out("change"));
        await VtyCli.WaitForAsync(() => NatsStreamDump.ReadAllAsync(nats.Url, "VTY_RESULTS").GetAwaiter().GetResult()
            .Count(m => m.Subject.StartsWith("vty.claims.change.", StringComparison.Ordinal)) == 5, RunTimeout, "the 5 claims");
        VtyCli.Signal(doomed, 9);
        // A read-only run allowed one delivery: its hosts are given up when their worker dies.
        await using ManagedProcess survivor = VtyCli.StartWorker(nats, "survivor", fleet.WorkerEnvironment, "--parallel", "10");
        int configExit = await WaitExitAsync(config);

        List<JsonElement> changed = Results("change");
        Assert.Equal(5, configExit);
        Assert.Equal(5, changed.Count);
        Assert.All(changed, l => Assert.Contains("not run again: worker doomed started this host", l.GetProperty("error").GetString()));

        await using ManagedProcess doomed2 = VtyCli.StartWorker(nats, "doomed2", fleet.WorkerEnvironment, "--parallel", "10");
        await survivor.DisposeAsync();
        await WaitReadyAsync(doomed2);
        await using ManagedProcess run = VtyCli.Start(null, "run", "--inventory", inventory, "-c", "show clock", "--max-deliveries", "1",
            "--nats", nats.Url, "--run-id", "bounded", "--json", "-O", Out("bounded"));
        await VtyCli.WaitForAsync(() => AckPendingAsync(nats).GetAwaiter().GetResult() == 5, RunTimeout, "5 jobs in flight on doomed2");
        VtyCli.Signal(doomed2, 9);
        await using ManagedProcess last = VtyCli.StartWorker(nats, "last", fleet.WorkerEnvironment, "--parallel", "10");
        int runExit = await WaitExitAsync(run);

        List<JsonElement> bounded = Results("bounded");
        Assert.Equal(5, runExit);
        Assert.Equal(5, bounded.Count);
        Assert.All(bounded, l => Assert.Contains("given up after 1 deliveries", l.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task A_result_larger_than_one_nats_message_travels_through_the_object_store()
    {
        // A server that takes at most 64 KiB per message; ten `show interfaces` are about 84 KB.
        string config = Path.Combine(_dir, "small.conf");
        await File.WriteAllTextAsync(config, "max_payload: 65536\n");
        await using NatsServer nats = await NatsServer.StartAsync("-c", config);
        await using ManagedProcess worker = VtyCli.StartWorker(nats, "big-1", fleet.WorkerEnvironment);
        await WaitReadyAsync(worker);
        string inventory = fleet.WriteInventory(_dir, count: 3);
        string[] commands = [.. Enumerable.Repeat(new[] { "-c", "show interfaces" }, 10).SelectMany(c => c)];

        var (exit, _, stderr) = await VtyCli.RunAsync(null, RunTimeout,
            ["run", "--inventory", inventory, .. commands, "--nats", nats.Url, "--run-id", "big", "--json", "-O", Out("big")]);

        List<JsonElement> lines = Results("big");
        Assert.True(exit == 0, stderr + worker.Output);
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Equal(10, l.GetProperty("results").GetArrayLength()));
        Assert.All(lines, l => Assert.True(l.GetProperty("results").EnumerateArray().Sum(r => r.GetProperty("output").GetString()!.Length) > 65536));
        List<NatsStreamDump.Stored> stored = [.. (await NatsStreamDump.ReadAllAsync(nats.Url, "VTY_RESULTS")).Where(m => m.Subject.StartsWith("vty.results.big.", StringComparison.Ordinal))];
        Assert.Equal(3, stored.Count);
        Assert.All(stored, m => Assert.Contains("bodyObject", Encoding.UTF8.GetString(m.Data)));
        Assert.Equal(3, Directory.GetFiles(Path.Combine(Out("big"), "transcripts")).Length);
    }

    private string Out(string runId) => Path.Combine(_dir, "out-" + runId);

    private List<JsonElement> Results(string runId) => ResultsFile(Out(runId));

    private Task AssertNoSecretAsync(NatsServer nats) => RunChecks.AssertNoSecretAsync(nats, fleet.Secret);
}
