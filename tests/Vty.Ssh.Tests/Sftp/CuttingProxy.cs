using System.Net;
using System.Net.Sockets;

namespace Vty.Ssh.Tests.Sftp;

/// <summary>
/// A loopback TCP proxy in front of a real server that cuts the connection (both sockets closed)
/// once the server has sent more than a given number of bytes, or in the other direction once the
/// client has: a network that breaks mid-transfer.
/// </summary>
internal sealed class CuttingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private long _toClient;
    private long _toServer;

    public CuttingProxy(int targetPort, long cutAfterServerBytes, long cutAfterClientBytes = long.MaxValue)
    {
        _listener.Start();
        _run = Task.Run(async () =>
        {
            using TcpClient inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            using var outbound = new TcpClient();
            await outbound.ConnectAsync(IPAddress.Loopback, targetPort, _stop.Token);
            await Task.WhenAny(
                PumpAsync(outbound.GetStream(), inbound.GetStream(), () => Interlocked.Read(ref _toClient), n => Interlocked.Add(ref _toClient, n), cutAfterServerBytes),
                PumpAsync(inbound.GetStream(), outbound.GetStream(), () => Interlocked.Read(ref _toServer), n => Interlocked.Add(ref _toServer, n), cutAfterClientBytes));
            inbound.Client.LingerState = new LingerOption(true, 0);
            outbound.Client.LingerState = new LingerOption(true, 0);
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>True once the connection was cut.</summary>
    public bool Cut { get; private set; }

    private async Task PumpAsync(Stream from, Stream to, Func<long> sent, Action<long> add, long limit)
    {
        byte[] buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (sent() + n > limit)
                {
                    Cut = true;
                    return;
                }
                await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
                add(n);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _run.WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (Exception e) when (e is OperationCanceledException or SocketException or TimeoutException or IOException) { }
        _stop.Dispose();
    }
}
