using System.Net;
using System.Net.Sockets;
using System.Text;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Transport;

namespace Vty.Ssh.Tests.Transport;

/// <summary>
/// A scripted misbehaving server on 127.0.0.1: accepts one connection and runs a script that
/// writes raw bytes or cleartext packets (with the none codec), to test the client's defences.
/// </summary>
internal sealed class FakeSshServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;

    public FakeSshServer(Func<FakeConnection, CancellationToken, Task> script)
    {
        _listener.Start();
        _accept = Task.Run(async () =>
        {
            using TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await using NetworkStream stream = client.GetStream();
            try
            {
                await script(new FakeConnection(stream), _stop.Token);
                // Keep the socket open until the test is done (the client decides what happens).
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }
            catch (OperationCanceledException) { }
            catch (IOException) { }
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Client options pointing here with a short connect timeout and no host key checks.</summary>
    public SshClientOptions ClientOptions(TimeSpan? timeout = null) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "nobody",
        Password = "x",
        HostKeyPolicy = HostKeyPolicy.Off,
        ConnectTimeout = timeout ?? TimeSpan.FromSeconds(5),
    };

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _accept.WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (Exception e) when (e is OperationCanceledException or SocketException or TimeoutException) { }
        _stop.Dispose();
    }
}

/// <summary>What a fake server script can send.</summary>
internal sealed class FakeConnection(NetworkStream stream)
{
    private readonly IPacketEncryptor _none = PacketProtection.CreateNoneEncryptor();
    private uint _sequence;

    public NetworkStream Stream { get; } = stream;

    public Task WriteTextAsync(string text, CancellationToken ct) => Stream.WriteAsync(Encoding.ASCII.GetBytes(text), ct).AsTask();

    public Task WriteRawAsync(byte[] bytes, CancellationToken ct) => Stream.WriteAsync(bytes, ct).AsTask();

    /// <summary>Sends one cleartext packet (the framing used before the first NEWKEYS).</summary>
    public async Task WritePacketAsync(byte[] payload, CancellationToken ct)
    {
        byte[] wire = new byte[_none.GetMaxWireLength(payload.Length)];
        int n = _none.Encrypt(_sequence++, payload, wire);
        await Stream.WriteAsync(wire.AsMemory(0, n), ct);
    }

    /// <summary>A server KEXINIT offering the given kex list (default: curve25519 with strict kex).</summary>
    public static byte[] KexInit(string[]? kex = null, bool strict = true) =>
        new KexInitMessage(kex ?? (strict ? ["curve25519-sha256", "kex-strict-s-v00@openssh.com"] : ["curve25519-sha256"]),
            ["ssh-ed25519"], ["aes128-ctr"], ["aes128-ctr"], ["hmac-sha2-256"], ["hmac-sha2-256"], ["none"], ["none"], false).Encode();
}
