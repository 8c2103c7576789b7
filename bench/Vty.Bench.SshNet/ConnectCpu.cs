using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Renci.SshNet;

namespace Vty.Bench.SshNet;

/// <summary>
/// <c>Vty.Bench.SshNet connect-cpu PORT USER KEYFILE HOSTKEY.pub KEX WARMUP RUNS</c>: SSH.NET's side of
/// Vty.Bench's <c>ssh-connect-cpu</c>, measured the same way: WARMUP connections first, then RUNS
/// sequential connect + key auth (KEYFILE read and parsed each time, only KEX offered, the
/// ed25519 host key compared with HOSTKEY.pub, as SSH.NET has no known_hosts) + exec <c>true</c> +
/// disconnect against 127.0.0.1, and the process's CPU (user+sys, every thread) and context switches per connection.
/// Prints one line of key=value pairs.
/// </summary>
internal static class ConnectCpu
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 7)
        {
            Console.Error.WriteLine("usage: Vty.Bench.SshNet connect-cpu PORT USER KEYFILE HOSTKEY.pub KEX WARMUP RUNS");
            return 2;
        }
        int port = int.Parse(args[0], CultureInfo.InvariantCulture);
        string user = args[1], keyPath = args[2], kex = args[4];
        // The key blob of an OpenSSH .pub line ("ssh-ed25519 BASE64 comment"): what the server must show.
        byte[] hostKey = Convert.FromBase64String(File.ReadAllText(args[3]).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        int warmup = int.Parse(args[5], CultureInfo.InvariantCulture), runs = int.Parse(args[6], CultureInfo.InvariantCulture);

        async Task OnceAsync()
        {
            using var key = new PrivateKeyFile(keyPath);
            var info = new ConnectionInfo("127.0.0.1", port, user, new PrivateKeyAuthenticationMethod(user, key));
            if (!info.KeyExchangeAlgorithms.ContainsKey(kex))
                throw new ArgumentException($"SSH.NET has no key exchange '{kex}'; it has: {string.Join(", ", info.KeyExchangeAlgorithms.Keys)}");
            foreach (string other in info.KeyExchangeAlgorithms.Keys.Where(k => k != kex).ToList()) info.KeyExchangeAlgorithms.Remove(other);
            foreach (string other in info.HostKeyAlgorithms.Keys.Where(k => k != "ssh-ed25519").ToList()) info.HostKeyAlgorithms.Remove(other);
            using var client = new SshClient(info);
            client.HostKeyReceived += (_, e) => e.CanTrust = CryptographicOperations.FixedTimeEquals(e.HostKey, hostKey);
            await client.ConnectAsync(CancellationToken.None);
            using SshCommand command = client.RunCommand("true");
            if (command.ExitStatus != 0) throw new InvalidOperationException($"remote `true` exited {command.ExitStatus}");
            client.Disconnect();
        }

        for (int i = 0; i < warmup; i++) await OnceAsync();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        TimeSpan cpu = self.TotalProcessorTime, userCpu = self.UserProcessorTime;
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var switches = ProcessSwitches.Now();
        var wall = Stopwatch.StartNew();
        for (int i = 0; i < runs; i++) await OnceAsync();
        wall.Stop();
        var switchesAfter = ProcessSwitches.Now();
        self.Refresh();
        double cpuMs = (self.TotalProcessorTime - cpu).TotalMilliseconds / runs;
        double userMs = (self.UserProcessorTime - userCpu).TotalMilliseconds / runs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kex={kex} runs={runs} warmup={warmup} cpu_ms={cpuMs:0.00} user_ms={userMs:0.00} sys_ms={cpuMs - userMs:0.00} " +
            $"wall_ms={wall.Elapsed.TotalMilliseconds / runs:0.00} alloc_kb={(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / runs:0.0} " +
            $"vcsw={(switchesAfter.Voluntary - switches.Voluntary) / (double)runs:0.0} ivcsw={(switchesAfter.Involuntary - switches.Involuntary) / (double)runs:0.0}"));
        return 0;
    }
}
