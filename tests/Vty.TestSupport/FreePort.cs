using System.Net;
using System.Net.Sockets;

namespace Vty.TestSupport;

/// <summary>Finds free TCP ports on loopback for servers that cannot bind port 0 themselves.</summary>
public static class FreePort
{
    // The test projects run in parallel processes that each start real servers. A port the kernel
    // picked for port 0 can be handed to two of them at once, and then one test talks to (and is
    // cut off by) another test's server. So ports come from below the kernel's ephemeral range,
    // where port-0 binds never land, and each is claimed across processes with a lock file held
    // for the life of this process (the lock goes away with the process, even on a crash).
    private const int ClaimLow = 20000, ClaimHigh = 32000;
    private static readonly List<FileStream> Claims = [];
    private static readonly string ClaimDirectory = Path.Combine(Path.GetTempPath(), "vty-test-ports");

    /// <summary>
    /// A port on 127.0.0.1 that no other test process has claimed and that was free a moment ago.
    /// Something outside the tests may still grab it before the caller binds; callers retry then.
    /// </summary>
    public static int Next()
    {
        if (EphemeralRangeStart() > ClaimHigh)
        {
            Directory.CreateDirectory(ClaimDirectory);
            for (int attempt = 0; attempt < 500; attempt++)
            {
                int port = Random.Shared.Next(ClaimLow, ClaimHigh);
                if (TryClaim(port) && IsFree(port))
                    return port;
            }
        }
        return KernelPickedPort();
    }

    private static bool TryClaim(int port)
    {
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Unix.
            var claim = new FileStream(Path.Combine(ClaimDirectory, $"{port}.lock"), FileMode.OpenOrCreate,
                FileAccess.ReadWrite, FileShare.None);
            lock (Claims) Claims.Add(claim);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            string range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range");
            return int.Parse(range.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    private static int KernelPickedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Waits until something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<bool>? giveUp = null)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
                return;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                if (giveUp?.Invoke() == true)
                    throw new InvalidOperationException($"the server meant for port {port} exited before listening");
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds:0}s");
                await Task.Delay(25);
            }
        }
    }
}
