using System.Diagnostics;
using System.Globalization;
using Vty.Ssh;
using Vty.Ssh.Keys;

namespace Vty.Bench.Ssh;

/// <summary>
/// Connect + key auth + exec <c>true</c> through one ProxyJump hop: Vty's client (jump host and
/// target in one process, the target's transport inside a direct-tcpip channel) against
/// <c>ssh -J</c> (which starts a second ssh for the hop). The same sshd is the bastion (as
/// 127.0.0.1) and the target (as localhost, reached from the bastion).
/// Prints a Markdown table row set.
/// </summary>
internal static class SshJumpBench
{
    private const string Kex = "curve25519-sha256";

    public static async Task<int> RunAsync(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
        string Need(string name) => map.TryGetValue(name, out string? v) ? v
            : throw new ArgumentException($"missing --{name} (usage: ssh-jump --port P --user U --key FILE [--runs 20])");
        int port = int.Parse(Need("port"), CultureInfo.InvariantCulture);
        string user = Need("user");
        string keyPath = Need("key");
        int runs = int.Parse(map.GetValueOrDefault("runs", "20"), CultureInfo.InvariantCulture);
        using SshPrivateKey key = SshPrivateKey.FromFile(keyPath);

        await VtyAsync(port, user, key);
        await OpenSshAsync(port, user, keyPath);
        var vty = new List<double>();
        for (int i = 0; i < runs; i++) vty.Add(await VtyAsync(port, user, key));
        var ssh = new List<double>();
        for (int i = 0; i < runs; i++) ssh.Add(await OpenSshAsync(port, user, keyPath));
        double v = Median(vty), s = Median(ssh);
        Console.WriteLine("| measurement | unit | Vty | OpenSSH ssh -J | Vty / OpenSSH |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| connect + auth + exec `true` through one ProxyJump hop (median of {runs}) | ms | {v:0.0} | {s:0.0} | {v / s:0.00} |"));
        return 0;
    }

    private static SshClientOptions Options(int port, string user, SshPrivateKey key) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Username = user,
        PrivateKeys = [key],
        HostKeyPolicy = HostKeyPolicy.Off,
        KexAlgorithms = [Kex],
        HostKeyAlgorithms = ["ssh-ed25519"],
    };

    private static async Task<double> VtyAsync(int port, string user, SshPrivateKey key)
    {
        SshClientOptions options = Options(port, user, key);
        options.Host = "localhost"; // as for ssh -J: the same sshd under another name, or ssh sees a loop
        options.JumpHosts = [Options(port, user, key)];
        var watch = Stopwatch.StartNew();
        await using (SshClient client = await SshClient.ConnectAsync(options, CancellationToken.None))
        {
            SshExecResult result = await client.ExecuteAsync("true", CancellationToken.None);
            if (result.ExitStatus != 0) throw new InvalidOperationException("remote `true` failed");
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> OpenSshAsync(int port, string user, string keyPath)
    {
        // -J starts a second ssh with the same -F; the config carries the options to both.
        string config = Path.Combine(Path.GetDirectoryName(keyPath)!, "ssh_config_jump");
        if (!File.Exists(config))
        {
            await File.WriteAllTextAsync(config, $"Host *\n  IdentityFile {keyPath}\n  IdentitiesOnly yes\n  BatchMode yes\n  StrictHostKeyChecking no\n" +
                $"  UserKnownHostsFile /dev/null\n  KexAlgorithms {Kex}\n  HostKeyAlgorithms ssh-ed25519\n  LogLevel QUIET\n");
        }
        var info = new ProcessStartInfo("ssh") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in new[] { "-F", config, "-J", $"{user}@127.0.0.1:{port}", "-p", port.ToString(CultureInfo.InvariantCulture), $"{user}@localhost", "true" })
            info.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        using Process p = Process.Start(info)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        double ms = watch.Elapsed.TotalMilliseconds;
        await stdout;
        if (p.ExitCode != 0) throw new InvalidOperationException($"ssh -J exited {p.ExitCode}: {await stderr}");
        return ms;
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
