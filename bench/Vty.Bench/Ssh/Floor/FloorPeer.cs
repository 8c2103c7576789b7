using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Vty.Bench.Ssh.Floor;

/// <summary>
/// <c>ssh-floor-peer --flights SPEC</c>: the server side of the connect floor, run as its own process so
/// its CPU is not counted. Listens on 127.0.0.1 (a port the kernel picks, printed as <c>port N</c>)
/// and plays <see cref="ConnectFlights"/> to each client: reads each client flight in full, then writes
/// the next server flight (zero bytes of the recorded length) once its recorded delay has passed,
/// then waits for the client to close.
/// Stops when its standard input closes.
/// </summary>
internal static class FloorPeer
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 2 || args[0] != "--flights") throw new ArgumentException("usage: ssh-floor-peer --flights \"c1234 s567 ...\"");
        ConnectFlights flights = ConnectFlights.Parse(args[1]);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(64);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"port {((IPEndPoint)listener.LocalEndPoint!).Port}"));
        using var stop = new CancellationTokenSource();
        // The parent closes our stdin (or dies): that is the signal to stop.
        _ = Task.Run(async () =>
        {
            await Console.OpenStandardInput().CopyToAsync(Stream.Null);
            stop.Cancel();
        });
        try
        {
            while (true)
            {
                Socket client = await listener.AcceptAsync(stop.Token);
                new Thread(() => Serve(client, flights)) { IsBackground = true }.Start();
            }
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
    }

    // A thread per connection with blocking calls: the peer's own cost does not count, and
    // Thread.Sleep keeps the recorded reply delays to a fraction of a millisecond.
    private static void Serve(Socket client, ConnectFlights flights)
    {
        using (client)
        {
            client.NoDelay = true;
            byte[] buffer = new byte[64 * 1024];
            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                foreach (Flight flight in flights.Flights)
                {
                    if (flight.FromClient)
                    {
                        for (int left = flight.Bytes; left > 0;)
                        {
                            int n = client.Receive(buffer, 0, Math.Min(left, buffer.Length), SocketFlags.None);
                            if (n == 0) return;
                            left -= n;
                        }
                        clock.Restart();
                        continue;
                    }
                    TimeSpan wait = TimeSpan.FromMilliseconds(flight.DelayMs) - clock.Elapsed;
                    if (wait > TimeSpan.Zero) Thread.Sleep(wait);
                    for (int left = flight.Bytes; left > 0;) left -= client.Send(buffer, 0, Math.Min(left, buffer.Length), SocketFlags.None);
                }
                while (client.Receive(buffer) > 0) { }
            }
            catch (SocketException)
            {
                // The client went away: nothing to serve.
            }
        }
    }
}
