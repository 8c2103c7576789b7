using System.Diagnostics;
using System.Globalization;
using Vty.Ssh;
using Vty.Ssh.Keys;

namespace Vty.Bench.Ssh;

/// <summary>
/// <c>ssh-connect-cpu --port P --user U --key FILE [--known-hosts FILE] [--kex K] [--warmup 100] [--runs 300] [--exception-sites]</c>:
/// what one connect + key auth + exec <c>true</c> + close costs the client in a warm process, the
/// figure set against one <c>ssh</c> process. Runs <c>warmup</c> connections first (JIT, tiering),
/// then <c>runs</c> connections one at a time. Each connection reads and parses the key file and,
/// with <c>--known-hosts</c>, checks the host key strictly against that file, as <c>ssh</c> does.
/// <c>--exception-sites</c> prints where the exceptions per connection are thrown (a stack walk per
/// throw: a profiling aid, not for measured runs).
/// </summary>
internal static class ConnectCpuBench
{
    private const string Usage = "usage: ssh-connect-cpu --port P --user U --key FILE [--known-hosts FILE] [--kex K] [--warmup 100] [--runs 300] [--exception-sites]";

    public static async Task<int> RunAsync(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
        string Need(string name) => map.TryGetValue(name, out string? v) ? v : throw new ArgumentException($"missing --{name} ({Usage})");
        var target = new ConnectTarget("127.0.0.1", int.Parse(Need("port"), CultureInfo.InvariantCulture), Need("user"), Need("key"),
            map.GetValueOrDefault("known-hosts"), map.GetValueOrDefault("kex", "curve25519-sha256"));
        ConnectCpu result = await MeasureAsync(target, int.Parse(map.GetValueOrDefault("warmup", "100"), CultureInfo.InvariantCulture),
            int.Parse(map.GetValueOrDefault("runs", "300"), CultureInfo.InvariantCulture), args.Contains("--exception-sites"));
        Console.WriteLine(result);
        return 0;
    }

    /// <summary>
    /// The process's CPU (user+sys, every thread: I/O completions, GC, background JIT), managed bytes
    /// allocated and thread-pool work items, each per connection, over <paramref name="runs"/>
    /// sequential connections after <paramref name="warmup"/> unmeasured ones.
    /// </summary>
    public static async Task<ConnectCpu> MeasureAsync(ConnectTarget target, int warmup, int runs, bool sites = false)
    {
        var phases = new long[3];
        for (int i = 0; i < warmup; i++) await OnceAsync(target, phases);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Array.Clear(phases);
        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        TimeSpan cpu = self.TotalProcessorTime, user = self.UserProcessorTime;
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        long items = ThreadPool.CompletedWorkItemCount;
        using var exceptions = new Fleet.ExceptionCounter(sites);
        var switches = ProcessSwitches.Now();
        var wall = Stopwatch.StartNew();
        for (int i = 0; i < runs; i++) await OnceAsync(target, phases);
        wall.Stop();
        var switchesAfter = ProcessSwitches.Now();
        self.Refresh();
        foreach (var (site, n) in exceptions.TopSites(10)) Console.Error.WriteLine($"{n / (double)runs:0.0} per connection: {site}");
        return new ConnectCpu(target.Kex, runs, warmup,
            (self.TotalProcessorTime - cpu).TotalMilliseconds / runs, (self.UserProcessorTime - user).TotalMilliseconds / runs,
            wall.Elapsed.TotalMilliseconds / runs, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / runs,
            (ThreadPool.CompletedWorkItemCount - items) / (double)runs,
            phases[0] / (double)runs, phases[1] / (double)runs, phases[2] / (double)runs, exceptions.Count / (double)runs,
            (switchesAfter.Voluntary - switches.Voluntary) / (double)runs, (switchesAfter.Involuntary - switches.Involuntary) / (double)runs);
    }

    // phases: thread-pool work items during connect, exec and close.
    private static async Task OnceAsync(ConnectTarget target, long[] phases)
    {
        long items = ThreadPool.CompletedWorkItemCount;
        using SshPrivateKey key = SshPrivateKey.FromFile(target.KeyPath);
        SshClient client = await SshClient.ConnectAsync(new SshClientOptions
        {
            Host = target.Host,
            Port = target.Port,
            Username = target.User,
            PrivateKeys = [key],
            HostKeyPolicy = target.KnownHostsPath is null ? HostKeyPolicy.Off : HostKeyPolicy.Strict,
            KnownHostsPath = target.KnownHostsPath,
            KexAlgorithms = [target.Kex],
            HostKeyAlgorithms = ["ssh-ed25519"],
        }, CancellationToken.None);
        try
        {
            phases[0] += ThreadPool.CompletedWorkItemCount - items;
            items = ThreadPool.CompletedWorkItemCount;
            SshExecResult result = await client.ExecuteAsync("true", CancellationToken.None);
            if (result.ExitStatus != 0) throw new InvalidOperationException($"remote `true` exited {result.ExitStatus}");
            phases[1] += ThreadPool.CompletedWorkItemCount - items;
            items = ThreadPool.CompletedWorkItemCount;
        }
        finally
        {
            await client.DisposeAsync();
        }
        phases[2] += ThreadPool.CompletedWorkItemCount - items;
    }
}

/// <summary>The sshd to connect to and how: the key file, the known_hosts file (null: no host key check) and the one kex offered.</summary>
internal sealed record ConnectTarget(string Host, int Port, string User, string KeyPath, string? KnownHostsPath, string Kex);

/// <summary>Per-connection figures of <see cref="ConnectCpuBench.MeasureAsync"/>.</summary>
internal sealed record ConnectCpu(string Kex, int Runs, int Warmup, double CpuMs, double UserMs, double WallMs, double AllocatedKb,
    double WorkItems, double ConnectItems, double ExecItems, double CloseItems, double Exceptions, double VoluntarySwitches, double InvoluntarySwitches)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"kex={Kex} runs={Runs} warmup={Warmup} cpu_ms={CpuMs:0.00} user_ms={UserMs:0.00} sys_ms={CpuMs - UserMs:0.00} wall_ms={WallMs:0.00} " +
        $"alloc_kb={AllocatedKb:0.0} workitems={WorkItems:0.0} (connect {ConnectItems:0.0}, exec {ExecItems:0.0}, close {CloseItems:0.0}) exceptions={Exceptions:0.0} vcsw={VoluntarySwitches:0.0} ivcsw={InvoluntarySwitches:0.0}");
}
