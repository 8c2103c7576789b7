using System.Net;
using System.Net.Sockets;

namespace Vty.Telnet.Tests.Infrastructure;

/// <summary>A raw TCP server on 127.0.0.1 that plays a scripted (often broken) Telnet peer.</summary>
internal sealed class FakePeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task<Socket> _accepted;

    public FakePeer()
    {
        _listener.Start();
        _accepted = _listener.AcceptSocketAsync(Timeouts.Token()).AsTask();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async Task<Socket> AcceptAsync() => await _accepted.WaitAsync(Timeouts.Step);

    /// <summary>Reads everything the other side sends until it closes.</summary>
    public static async Task<byte[]> ReadToEndAsync(Socket socket)
    {
        using var stream = new NetworkStream(socket, ownsSocket: false);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory, Timeouts.Token());
        return memory.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        if (_accepted.IsCompletedSuccessfully)
        {
            (await _accepted).Dispose();
        }
    }
}
