using System.Diagnostics;
using System.Globalization;
using Vty.Ssh;
using Vty.Ssh.Keys;

namespace Vty.Bench.Ssh;

/// <summary>
/// Vty's SSH client against OpenSSH's <c>ssh</c> on the same local sshd: connect + key auth +
/// exec <c>true</c> (median wall time and client CPU per connection), and bulk <c>cat</c> of a
/// file with aes128-gcm and chacha20-poly1305 (MB/s). Prints a Markdown table.
/// </summary>
internal static class SshBench
{
    private const string Kex = "curve25519-sha256";

    public static async Task<int> RunAsync(string[] args)
    {
        SshBenchOptions o = SshBenchOptions.Parse(args);
        long fileBytes = new FileInfo(o.BulkFile).Length;
        using SshPrivateKey key = SshPrivateKey.FromFile(o.KeyPath);
        var rows = new List<string>();

        // Warm up both (JIT, sshd caches) before measuring.
        await VtyConnectAsync(o, key);
        await OpenSshAsync(o, ["true"], null);

        var vty = new List<(double Ms, double CpuMs)>();
        for (int i = 0; i < o.Runs; i++) vty.Add(await VtyConnectAsync(o, key));
        var ssh = new List<(double Ms, double CpuMs)>();
        for (int i = 0; i < o.Runs; i++) ssh.Add(await OpenSshAsync(o, ["true"], null));
        rows.Add(Row($"connect + auth + exec `true` (median of {o.Runs})", "ms", Median(vty.Select(v => v.Ms)), Median(ssh.Select(v => v.Ms))));
        // CPU per connection: Vty over many connections in one warm process (what a connection costs
        // a program that makes many), ssh as whole processes (what a connection costs with ssh).
        foreach (string kex in new[] { Kex, o.PqKex })
        {
            var target = new ConnectTarget(o.Host, o.Port, o.User, o.KeyPath, o.KnownHostsPath, kex);
            ConnectCpu warm = await ConnectCpuBench.MeasureAsync(target, o.CpuWarmup, o.CpuRuns);
            rows.Add(Row($"client CPU per connection, {kex} (mean of {o.CpuRuns}, user+sys)", "ms", warm.CpuMs, await OpenSshCpuPerConnectionAsync(o, kex)));
        }

        foreach (string cipher in new[] { "aes128-gcm@openssh.com", "chacha20-poly1305@openssh.com" })
        {
            var vtyRates = new List<double>();
            var sshRates = new List<double>();
            for (int i = 0; i < o.BulkRuns; i++)
            {
                vtyRates.Add(fileBytes / 1e6 / await VtyBulkAsync(o, key, cipher, fileBytes));
                var (ms, _) = await OpenSshAsync(o, ["cat", o.BulkFile], cipher);
                sshRates.Add(fileBytes / 1e6 / (ms / 1000));
            }
            rows.Add(Row($"bulk `cat` {fileBytes >> 20} MiB, {cipher} (median of {o.BulkRuns})", "MB/s", Median(vtyRates), Median(sshRates)));
        }

        Console.WriteLine("| measurement | unit | Vty | OpenSSH ssh | Vty / OpenSSH |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (string row in rows) Console.WriteLine(row);
        return 0;
    }

    private static SshClientOptions Options(SshBenchOptions o, SshPrivateKey key, string? cipher) => new()
    {
        Host = o.Host,
        Port = o.Port,
        Username = o.User,
        PrivateKeys = [key],
        HostKeyPolicy = o.KnownHostsPath is null ? HostKeyPolicy.Off : HostKeyPolicy.Strict,
        KnownHostsPath = o.KnownHostsPath,
        KexAlgorithms = [Kex],
        HostKeyAlgorithms = ["ssh-ed25519"],
        Ciphers = cipher == null ? null : [cipher],
    };

    private static async Task<(double Ms, double CpuMs)> VtyConnectAsync(SshBenchOptions o, SshPrivateKey key)
    {
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await using (SshClient client = await SshClient.ConnectAsync(Options(o, key, null), CancellationToken.None))
        {
            SshExecResult result = await client.ExecuteAsync("true", CancellationToken.None);
            if (result.ExitStatus != 0) throw new InvalidOperationException("remote `true` failed");
        }
        double ms = watch.Elapsed.TotalMilliseconds;
        return (ms, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
    }

    private static async Task<double> VtyBulkAsync(SshBenchOptions o, SshPrivateKey key, string cipher, long expected)
    {
        await using SshClient client = await SshClient.ConnectAsync(Options(o, key, cipher), CancellationToken.None);
        var watch = Stopwatch.StartNew();
        await using SshExecSession session = await client.StartExecAsync($"cat {o.BulkFile}", CancellationToken.None);
        await session.CloseInputAsync(CancellationToken.None);
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        int n;
        while ((n = await session.StandardOutput.ReadAsync(buffer)) > 0) total += n;
        double seconds = watch.Elapsed.TotalSeconds;
        if (total != expected) throw new InvalidOperationException($"read {total} bytes, expected {expected}");
        return seconds;
    }

    /// <summary>Runs OpenSSH's ssh (through /usr/bin/time for its CPU); stdout is discarded by ssh itself.</summary>
    private static async Task<(double Ms, double CpuMs)> OpenSshAsync(SshBenchOptions o, string[] command, string? cipher)
    {
        var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-f");
        info.ArgumentList.Add("VTYCPU %U %S");
        foreach (string a in SshCommand(o, Kex)) info.ArgumentList.Add(a);
        if (cipher != null)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(cipher);
        }
        info.ArgumentList.Add($"{o.User}@{o.Host}");
        foreach (string c in command) info.ArgumentList.Add(c);
        var watch = Stopwatch.StartNew();
        using Process p = Process.Start(info)!;
        Task drain = p.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        await drain;
        double ms = watch.Elapsed.TotalMilliseconds;
        string err = await stderr;
        if (p.ExitCode != 0) throw new InvalidOperationException($"ssh exited {p.ExitCode}: {err}");
        string[] cpu = err.Split('\n').First(l => l.StartsWith("VTYCPU", StringComparison.Ordinal)).Split(' ');
        double cpuMs = (double.Parse(cpu[1], CultureInfo.InvariantCulture) + double.Parse(cpu[2], CultureInfo.InvariantCulture)) * 1000;
        return (ms, cpuMs);
    }

    /// <summary>
    /// CPU of ssh per connection: /usr/bin/time has only 10 ms resolution, so run all the
    /// connections in one bash loop and read the children's user+sys time from bash's <c>times</c>.
    /// </summary>
    private static async Task<double> OpenSshCpuPerConnectionAsync(SshBenchOptions o, string kex)
    {
        string ssh = string.Join(' ', SshCommand(o, kex).Select(a => $"'{a}'")) + $" '{o.User}@{o.Host}' true";
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"for i in $(seq {o.Runs}); do {ssh} || exit 1; done; times");
        using Process p = Process.Start(info)!;
        string output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"ssh loop failed: {output}");
        // Second line of `times`: children's user and system time, e.g. "0m0.052s 0m0.031s".
        string[] children = output.Trim().Split('\n')[^1].Split(' ');
        static double Seconds(string t)
        {
            int m = t.IndexOf('m');
            return int.Parse(t[..m], CultureInfo.InvariantCulture) * 60 + double.Parse(t[(m + 1)..].TrimEnd('s'), CultureInfo.InvariantCulture);
        }
        return (Seconds(children[0]) + Seconds(children[1])) * 1000 / o.Runs;
    }

    /// <summary>ssh with the same choices as Vty: one kex, ed25519 host key, the key file only, and the known_hosts file when given (strict).</summary>
    private static string[] SshCommand(SshBenchOptions o, string kex) =>
    [
        "ssh", "-F", "none", "-q", "-i", o.KeyPath, "-o", "BatchMode=yes",
        .. o.KnownHostsPath is null
            ? (string[])["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"]
            : ["-o", "StrictHostKeyChecking=yes", "-o", $"UserKnownHostsFile={o.KnownHostsPath}", "-o", "GlobalKnownHostsFile=/dev/null"],
        "-o", $"KexAlgorithms={kex}", "-o", "HostKeyAlgorithms=ssh-ed25519", "-o", "IdentitiesOnly=yes",
        "-p", o.Port.ToString(CultureInfo.InvariantCulture),
    ];

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Row(string name, string unit, double vty, double ssh)
    {
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {unit} | {vty:0.0} | {ssh:0.0} | {vty / ssh:0.00} |");
    }
}
