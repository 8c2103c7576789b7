using System.Net;
using System.Net.Sockets;

namespace Vty.Nats.Tests.Support;

/// <summary>
/// A TCP relay on loopback that holds every chunk the device sends for a fixed delay, like a slow
/// WAN link: it makes each host take long enough that workers are mid-host when a test kills one.
/// </summary>
internal sealed class SlowLinkProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly TimeSpan _delay;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SlowLinkProxy(int targetPort, TimeSpan delay)
    {
        _targetPort = targetPort;
        _delay = delay;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var device = new TcpClient())
        {
            try
            {
                await device.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                NetworkStream near = client.GetStream(), far = device.GetStream();
                using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                Task up = near.CopyToAsync(far, done.Token);
                Task down = SlowCopyAsync(far, near, done.Token);
                await Task.WhenAny(up, down);
                await done.CancelAsync();
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task SlowCopyAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[16384];
        while (true)
        {
            int read = await from.ReadAsync(buffer, cancellationToken);
            if (read == 0)
                return;
            await Task.Delay(_delay, cancellationToken);
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; } catch (Exception e) when (e is OperationCanceledException or SocketException) { }
        _stop.Dispose();
    }
}
