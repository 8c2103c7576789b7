using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Vty.Ssh;
using Vty.Ssh.Server;
using Vty.Ssh.Server.Auth;
using Vty.Ssh.Server.HostKeys;

namespace Vty.Bench.Server;

/// <summary>
/// <c>ssh-server-preauth-flood [connections] [announced] [sent] [maxstartups]</c>: server memory while
/// that many unauthenticated connections each send an identification and the first
/// <c>sent</c> bytes of a packet announcing <c>announced</c> bytes, then stall; and again after
/// they are gone. The server runs with default options (MaxStartups as given, default 10:30:100).
/// Prints RSS and live managed heap at baseline, during the flood and after it, plus how many
/// connections the server served, dropped or refused.
/// </summary>
public static class PreAuthFloodBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        int connections = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
        int announced = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 262_140;
        int sent = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200_000;
        var options = new SshServerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            HostKeys = SshHostKeyStore.GenerateEphemeral(["ssh-ed25519"]).ToList(),
            Authentication = SshServerAuthentication.SinglePassword("bench", "bench-pw"),
            SessionHandler = (_, _) => Task.FromResult(0),
        };
        if (args.Length > 3) options.MaxStartups = SshMaxStartups.Parse(args[3]);
        await using var server = new SshServer(options);
        server.Start();
        await LogInAsync(server.Port);
        Settle();
        (double rss0, double heap0) = Measure();

        byte[] flood = FloodBytes(announced, sent);
        var sockets = new List<Socket>();
        int refused = 0;
        for (int i = 0; i < connections; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            sockets.Add(socket);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port));
                await socket.SendAsync(flood);
            }
            catch (SocketException)
            {
                refused++;
            }
        }
        // Let the server read what was sent; nothing here waits for a result.
        await Task.Delay(TimeSpan.FromSeconds(3));
        int open = server.ActiveConnections;
        (double rss1, double heap1) = Measure();
        double peak = PeakRssMiB();

        foreach (Socket socket in sockets) socket.Dispose();
        for (int i = 0; i < 200 && server.ActiveConnections > 0; i++) await Task.Delay(50);
        Settle();
        (double rss2, double heap2) = Measure();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"flood: {connections} connections, packet announced {announced} B, {sent} B sent, then stalled; server still holding {open} of them"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server counters: {Counters(server)}; send errors seen by the flood: {refused}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RSS MiB: baseline {rss0:F0}, during flood {rss1:F0} (+{rss1 - rss0:F0}), after flood {rss2:F0} (+{rss2 - rss0:F0}); peak {peak:F0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"live managed heap MiB: baseline {heap0:F1}, during flood {heap1:F1} (+{heap1 - heap0:F1}), after flood {heap2:F1} (+{heap2 - heap0:F1})"));
        return 0;
    }

    // The counters exist only where MaxStartups does; read them by name so this file also builds
    // against older servers for before/after runs.
    private static string Counters(SshServer server)
    {
        var dropped = typeof(SshServer).GetProperty("DroppedStartups")?.GetValue(server);
        return dropped is null ? "no MaxStartups in this build" : $"{dropped} dropped by MaxStartups";
    }

    private static byte[] FloodBytes(int announced, int sent)
    {
        byte[] ident = Encoding.ASCII.GetBytes("SSH-2.0-Flood_1.0\r\n");
        var bytes = new byte[ident.Length + 4 + sent];
        ident.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(ident.Length), (uint)announced);
        return bytes;
    }

    private static async Task LogInAsync(int port)
    {
        await using SshClient client = await SshClient.ConnectAsync(new SshClientOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "bench",
            Password = "bench-pw",
            HostKeyPolicy = HostKeyPolicy.Off,
        }, CancellationToken.None);
        await client.ExecuteAsync("true", CancellationToken.None);
    }

    private static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private static (double RssMiB, double HeapMiB) Measure()
    {
        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        return (self.WorkingSet64 / 1048576.0, GC.GetTotalMemory(forceFullCollection: false) / 1048576.0);
    }

    private static double PeakRssMiB()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        return 0;
    }
}
