using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vty.Ssh.Tests.Reach;

/// <summary>
/// A TCP server on 127.0.0.1 for forwarding tests: in echo mode it sends back what it reads (and
/// closes its side after the client's EOF); in HTTP mode it answers any request with "hello from PORT".
/// </summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _accepted;

    public EchoServer(bool http = false)
    {
        _listener.Start();
        _loop = AcceptAsync(http);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    private async Task AcceptAsync(bool http)
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                connections.Add(http ? HttpAsync(client) : EchoAsync(client));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
        await Task.WhenAll(connections);
    }

    private async Task EchoAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                var buffer = new byte[8192];
                int n;
                while ((n = await stream.ReadAsync(buffer, _stop.Token)) > 0)
                    await stream.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException) { }
        }
    }

    private async Task HttpAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                var request = new StringBuilder();
                var buffer = new byte[1024];
                while (!request.ToString().Contains("\r\n\r\n"))
                {
                    int n = await stream.ReadAsync(buffer, _stop.Token);
                    if (n == 0) return;
                    request.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }
                byte[] body = Encoding.ASCII.GetBytes($"hello from {Port}");
                byte[] head = Encoding.ASCII.GetBytes($"HTTP/1.0 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(head, _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException) { }
        }
    }

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>, sends <paramref name="text"/>, half-closes and returns all it got back.</summary>
    public static async Task<string> RoundTripAsync(int port, string text, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, ct);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        client.Client.Shutdown(SocketShutdown.Send);
        var received = new MemoryStream();
        await stream.CopyToAsync(received, ct);
        return Encoding.UTF8.GetString(received.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
