using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Vty.Ssh;
using Vty.Ssh.Keys;

namespace Vty.Bench.Ssh.Floor;

/// <summary>
/// <c>ssh-connect-floor --port P --user U --key FILE --known-hosts FILE [--kex K] [--warmup 100] [--runs 300] [--flights SPEC] [--delays recorded|none]</c>:
/// what a connection costs a .NET client that does nothing but the socket work. It records the
/// flights of one real Vty connect + key auth + exec <c>true</c> + close against the sshd (or takes
/// <c>--flights</c>), starts <see cref="FloorPeer"/> as a separate process, and then makes the same
/// connections to it as <see cref="ConnectCpuBench"/> does to sshd: TCP connect, each client flight
/// sent in one call, each server flight read in full (so the same round trips and byte counts),
/// close; the process's CPU per connection after <c>warmup</c> unmeasured ones. The peer answers
/// each flight after the delay sshd took in the recording (<c>--delays none</c>: at once), because
/// how long a client waits decides whether its threads spin, sleep and wake.
/// </summary>
internal static class ConnectFloorBench
{
    private const string Usage = "usage: ssh-connect-floor --port P --user U --key FILE --known-hosts FILE [--kex K] [--warmup 100] [--runs 300] [--flights SPEC] [--delays recorded|none]";

    public static async Task<int> RunAsync(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
        int warmup = int.Parse(map.GetValueOrDefault("warmup", "100"), CultureInfo.InvariantCulture);
        int runs = int.Parse(map.GetValueOrDefault("runs", "300"), CultureInfo.InvariantCulture);
        ConnectFlights flights = map.TryGetValue("flights", out string? spec) ? ConnectFlights.Parse(spec) : await RecordAsync(map);
        if (map.GetValueOrDefault("delays", "recorded") == "none") flights = flights.WithoutDelays();

        using Process peer = StartPeer(flights, out int port);
        try
        {
            var endPoint = new IPEndPoint(IPAddress.Loopback, port);
            byte[] buffer = new byte[64 * 1024];
            for (int i = 0; i < warmup; i++) await OnceAsync(endPoint, flights, buffer);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using Process self = Process.GetCurrentProcess();
            self.Refresh();
            TimeSpan cpu = self.TotalProcessorTime, user = self.UserProcessorTime;
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            long items = ThreadPool.CompletedWorkItemCount;
            var switches = ProcessSwitches.Now();
            var wall = Stopwatch.StartNew();
            for (int i = 0; i < runs; i++) await OnceAsync(endPoint, flights, buffer);
            wall.Stop();
            var switchesAfter = ProcessSwitches.Now();
            self.Refresh();
            double cpuMs = (self.TotalProcessorTime - cpu).TotalMilliseconds / runs, userMs = (self.UserProcessorTime - user).TotalMilliseconds / runs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"floor runs={runs} warmup={warmup} cpu_ms={cpuMs:0.00} user_ms={userMs:0.00} sys_ms={cpuMs - userMs:0.00} wall_ms={wall.Elapsed.TotalMilliseconds / runs:0.00} " +
                $"alloc_kb={(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / runs:0.0} workitems={(ThreadPool.CompletedWorkItemCount - items) / (double)runs:0.0} " +
                $"vcsw={(switchesAfter.Voluntary - switches.Voluntary) / (double)runs:0.0} ivcsw={(switchesAfter.Involuntary - switches.Involuntary) / (double)runs:0.0} " +
                $"server_flights={flights.ServerFlights} client_bytes={flights.ClientBytes} server_bytes={flights.ServerBytes} flights=\"{flights}\""));
        }
        finally
        {
            peer.StandardInput.Close();
            if (!peer.WaitForExit(10_000)) peer.Kill();
        }
        return 0;
    }

    private static async Task OnceAsync(IPEndPoint endPoint, ConnectFlights flights, byte[] buffer)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint, CancellationToken.None);
        foreach (Flight flight in flights.Flights)
        {
            if (flight.FromClient) await FloorSocket.SendZerosAsync(socket, buffer, flight.Bytes, CancellationToken.None);
            else await FloorSocket.ReceiveExactlyAsync(socket, buffer, flight.Bytes, CancellationToken.None);
        }
    }

    /// <summary>The flights of a real connection to the sshd; the third of three, so nothing in it is a first-time path.</summary>
    private static async Task<ConnectFlights> RecordAsync(Dictionary<string, string> map)
    {
        string Need(string name) => map.TryGetValue(name, out string? v) ? v : throw new ArgumentException($"missing --{name} ({Usage})");
        int port = int.Parse(Need("port"), CultureInfo.InvariantCulture);
        ConnectFlights? last = null;
        for (int i = 0; i < 3; i++)
        {
            using SshPrivateKey key = SshPrivateKey.FromFile(Need("key"));
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            var recording = new RecordingStream(new NetworkStream(socket, ownsSocket: true));
            SshClient client = await SshClient.ConnectAsync(recording, new SshClientOptions
            {
                Host = "127.0.0.1",
                Port = port,
                Username = Need("user"),
                PrivateKeys = [key],
                HostKeyPolicy = HostKeyPolicy.Strict,
                KnownHostsPath = Need("known-hosts"),
                KexAlgorithms = [map.GetValueOrDefault("kex", "curve25519-sha256")],
                HostKeyAlgorithms = ["ssh-ed25519"],
            }, CancellationToken.None);
            SshExecResult result = await client.ExecuteAsync("true", CancellationToken.None);
            if (result.ExitStatus != 0) throw new InvalidOperationException($"remote `true` exited {result.ExitStatus}");
            await client.DisposeAsync();
            last = recording.Flights;
        }
        return last!;
    }

    private static Process StartPeer(ConnectFlights flights, out int port)
    {
        string self = typeof(ConnectFloorBench).Assembly.Location;
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable runs this bench");
        var start = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(self);
        foreach (string a in new[] { "ssh-floor-peer", "--flights", flights.ToString() }) start.ArgumentList.Add(a);
        Process peer = Process.Start(start) ?? throw new InvalidOperationException("could not start the floor peer");
        string? line = peer.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith("port ", StringComparison.Ordinal))
        {
            peer.Kill();
            throw new InvalidOperationException($"the floor peer did not start (it printed '{line}')");
        }
        port = int.Parse(line.AsSpan(5), CultureInfo.InvariantCulture);
        return peer;
    }
}
