using System.Net;
using System.Net.Sockets;

namespace Vty.Ssh.Tests.Transport;

/// <summary>
/// A loopback TCP proxy in front of a real server that can stop forwarding (both directions) to
/// simulate a peer or network that goes silent without closing the connection.
/// </summary>
internal sealed class PausableProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _run;
    private volatile bool _paused;

    public PausableProxy(int targetPort)
    {
        _listener.Start();
        _run = Task.Run(async () =>
        {
            using TcpClient inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            using var outbound = new TcpClient();
            await outbound.ConnectAsync(IPAddress.Loopback, targetPort, _stop.Token);
            await Task.WhenAny(PumpAsync(inbound.GetStream(), outbound.GetStream()), PumpAsync(outbound.GetStream(), inbound.GetStream()));
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>From now on nothing is forwarded (bytes already in flight may still arrive).</summary>
    public void Pause() => _paused = true;

    private async Task PumpAsync(Stream from, Stream to)
    {
        byte[] buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (_paused) await _resume.Task.WaitAsync(_stop.Token);
                await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
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
