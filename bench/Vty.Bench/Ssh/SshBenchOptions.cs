namespace Vty.Bench.Ssh;

/// <summary>Arguments of <c>Vty.Bench ssh</c>: the local sshd to measure against and how much to run.</summary>
internal sealed record SshBenchOptions(string Host, int Port, string User, string KeyPath, string BulkFile, int Runs, int BulkRuns)
{
    /// <summary>known_hosts holding the server's key: both clients then check it strictly (null: no check, as before).</summary>
    public string? KnownHostsPath { get; init; }

    /// <summary>The post-quantum kex measured beside curve25519-sha256: the one this sshd and ssh pick by default.</summary>
    public string PqKex { get; init; } = "sntrup761x25519-sha512";

    /// <summary>Unmeasured connections before Vty's CPU per connection is measured (JIT, tiering).</summary>
    public int CpuWarmup { get; init; } = 100;

    /// <summary>Measured connections for Vty's CPU per connection.</summary>
    public int CpuRuns { get; init; } = 300;

    public static SshBenchOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2)
            map[args[i].TrimStart('-')] = args[i + 1];
        string Need(string name) => map.TryGetValue(name, out string? v) ? v
            : throw new ArgumentException($"missing --{name} (usage: ssh --port P --user U --key FILE --file BULKFILE [--runs 20] [--bulk-runs 3] [--known-hosts FILE] [--pq-kex K] [--cpu-warmup 100] [--cpu-runs 300])");
        return new SshBenchOptions(map.GetValueOrDefault("host", "127.0.0.1"), int.Parse(Need("port")), Need("user"), Need("key"),
            Need("file"), int.Parse(map.GetValueOrDefault("runs", "20")), int.Parse(map.GetValueOrDefault("bulk-runs", "3")))
        {
            KnownHostsPath = map.GetValueOrDefault("known-hosts"),
            PqKex = map.GetValueOrDefault("pq-kex", "sntrup761x25519-sha512"),
            CpuWarmup = int.Parse(map.GetValueOrDefault("cpu-warmup", "100")),
            CpuRuns = int.Parse(map.GetValueOrDefault("cpu-runs", "300")),
        };
    }
}
