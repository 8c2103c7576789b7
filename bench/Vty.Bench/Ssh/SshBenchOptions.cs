namespace Vty.Bench.Ssh;

/// <summary>Arguments of <c>Vty.Bench ssh</c>: the local sshd to measure against and how much to run.</summary>
internal sealed record SshBenchOptions(string Host, int Port, string User, string KeyPath, string BulkFile, int Runs, int BulkRuns)
{
    public static SshBenchOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2)
            map[args[i].TrimStart('-')] = args[i + 1];
        string Need(string name) => map.TryGetValue(name, out string? v) ? v
            : throw new ArgumentException($"missing --{name} (usage: ssh --port P --user U --key FILE --file BULKFILE [--runs 20] [--bulk-runs 3])");
        return new SshBenchOptions(map.GetValueOrDefault("host", "127.0.0.1"), int.Parse(Need("port")), Need("user"), Need("key"),
            Need("file"), int.Parse(map.GetValueOrDefault("runs", "20")), int.Parse(map.GetValueOrDefault("bulk-runs", "3")));
    }
}
