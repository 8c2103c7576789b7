using System.Diagnostics;
using System.Globalization;
using System.Net;
using Vty.Ssh;
using Vty.Ssh.Keys;
using Vty.Ssh.Server;
using Vty.Ssh.Server.Auth;
using Vty.Ssh.Server.HostKeys;

namespace Vty.Bench.Server;

/// <summary>
/// SSH server benchmarks. <c>ssh-server-handshakes [count] [concurrency]</c>: full handshakes
/// (TCP, curve25519 kex, ed25519 host key, password auth, close) per second, our client against our
/// server in one process. <c>ssh-server-idle [sessions]</c>: server memory per idle authenticated
/// session with an open shell channel; the clients run in a child process so only the server is measured.
/// </summary>
public static class SshServerBench
{
    private const string User = "bench";
    private const string Password = "bench-pw";

    public static async Task<int> HandshakesAsync(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        int concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        await using SshServer server = StartServer();

        // Warm-up: JIT and crypto initialisation are not part of the steady state.
        await RunHandshakesAsync(server.Port, Math.Min(100, count), concurrency);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await RunHandshakesAsync(server.Port, count, concurrency);
        watch.Stop();
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"handshakes: {count} in {watch.Elapsed.TotalSeconds:0.00} s, concurrency {concurrency}: {count / watch.Elapsed.TotalSeconds:0} handshakes/s, " +
            $"{cpuSeconds * 1000 / count:0.00} ms CPU per handshake (client and server), {Environment.ProcessorCount} cores"));
        return 0;
    }

    public static async Task<int> IdleAsync(string[] args)
    {
        int sessions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        await using SshServer server = StartServer();
        long heapBefore = Heap();
        long rssBefore = Rss();

        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        string? entry = Environment.GetCommandLineArgs()[0];
        if (entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) start.ArgumentList.Add(entry);
        foreach (string a in new[] { "ssh-server-idle-clients", server.Port.ToString(CultureInfo.InvariantCulture), sessions.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        using Process clients = Process.Start(start)!;
        string? ready = await clients.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (ready != "ready")
        {
            Console.Error.WriteLine($"client process failed: {ready}");
            return 1;
        }
        await Task.Delay(1000);
        long heapAfter = Heap();
        long rssAfter = Rss();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"idle sessions: {server.ActiveConnections} open; server managed heap {(heapAfter - heapBefore) / 1024.0 / sessions:0.0} KiB per session, " +
            $"server RSS {(rssAfter - rssBefore) / 1024.0 / sessions:0.0} KiB per session (heap {heapAfter / 1048576.0:0} MiB, RSS {rssAfter / 1048576.0:0} MiB total)"));
        clients.StandardInput.Close();
        await clients.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return 0;
    }

    /// <summary>Child process of <see cref="IdleAsync"/>: opens the sessions, says "ready", waits for stdin to close.</summary>
    public static async Task<int> IdleClientsAsync(string[] args)
    {
        int port = int.Parse(args[0], CultureInfo.InvariantCulture);
        int sessions = int.Parse(args[1], CultureInfo.InvariantCulture);
        var clients = new List<(SshClient Client, SshShell Shell)>(sessions);
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                SshClient client = await SshClient.ConnectAsync(ClientOptions(port), CancellationToken.None);
                SshShell shell = await client.OpenShellAsync(new SshPtyOptions(), CancellationToken.None);
                lock (clients) clients.Add((client, shell));
            }
            finally
            {
                gate.Release();
            }
        }));
        Console.WriteLine("ready");
        await Console.In.ReadToEndAsync();
        foreach (var (client, shell) in clients)
        {
            await shell.DisposeAsync();
            await client.DisposeAsync();
        }
        return 0;
    }

    /// <summary>
    /// <c>ssh-server-serve AUTHORIZED_KEYS</c>: serves until stdin closes, accepting the keys of that
    /// file (exec of anything exits 0), and prints the port; used by openssh-reference.sh.
    /// </summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        string authorizedKeys = Path.GetFullPath(args[0]);
        await using var server = new SshServer(new SshServerOptions
        {
            HostKeys = SshHostKeyStore.GenerateEphemeral(["ssh-ed25519"]).ToList(),
            Authentication = new SshServerAuthentication().UseAuthorizedKeys(_ => authorizedKeys),
            SessionHandler = (_, _) => Task.FromResult(0),
        });
        server.Start();
        Console.WriteLine(server.Port.ToString(CultureInfo.InvariantCulture));
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static async Task RunHandshakesAsync(int port, int count, int concurrency)
    {
        int next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                await using SshClient client = await SshClient.ConnectAsync(ClientOptions(port), CancellationToken.None);
            }
        }));
    }

    private static SshClientOptions ClientOptions(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Username = User,
        Password = Password,
        HostKeyPolicy = HostKeyPolicy.Off,
        KexAlgorithms = ["curve25519-sha256"],
        HostKeyAlgorithms = ["ssh-ed25519"],
        ConnectTimeout = TimeSpan.FromSeconds(60),
    };

    private static SshServer StartServer()
    {
        var server = new SshServer(new SshServerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            HostKeys = SshHostKeyStore.GenerateEphemeral(["ssh-ed25519"]).ToList(),
            Authentication = SshServerAuthentication.SinglePassword(User, Password),
            SessionHandler = async (session, ct) =>
            {
                // An idle shell: wait for input or close, echoing nothing.
                var buffer = new byte[256];
                while (await session.Stream.ReadAsync(buffer, ct) > 0) { }
                return 0;
            },
            MaxConnections = 100_000,
            // Hundreds of handshakes run at once on purpose; nothing here is an attack.
            MaxStartups = SshMaxStartups.Unlimited,
        });
        server.Start();
        return server;
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static long Rss()
    {
        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }
}
