using System.Net;
using System.Net.Sockets;

namespace Vty.TestSupport;

/// <summary>Finds ephemeral TCP ports on loopback for servers that cannot bind port 0 themselves.</summary>
public static class FreePort
{
    /// <summary>
    /// A port that was free a moment ago on 127.0.0.1 (the OS picks it by binding port 0).
    /// Another process may still grab it before the caller binds; callers retry on bind failure.
    /// </summary>
    public static int Next()
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
